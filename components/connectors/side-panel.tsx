"use client";

// The right-hand panel the dry runs open in, shaped like the inspector and the version
// history: an icon tile, a title with a line under it, a close button, a scrolling body
// and an optional footer.
import type { ComponentType, ReactNode, SVGProps } from "react";
import { cx } from "../ui/cx";
import { CloseIcon } from "../ui/icons";

type Props = {
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  tile: string;
  title: string;
  subtitle: ReactNode;
  closeLabel: string;
  onClose: () => void;
  footer?: ReactNode;
  hidden?: boolean;
  testId: string;
  children: ReactNode;
};

export function SidePanel({ icon: Icon, tile, title, subtitle, closeLabel, onClose, footer, hidden, testId, children }: Props) {
  return (
    <aside className={cx("w-[400px] shrink-0 flex-col border-l border-slate-200 bg-white", hidden ? "hidden" : "flex")} aria-label={title} data-testid={testId}>
      <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
        <span className={cx("flex size-9 shrink-0 items-center justify-center rounded-lg ring-1 ring-inset", tile)}>
          <Icon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          <p className="text-xs leading-5 text-slate-500">{subtitle}</p>
        </div>
        <button type="button" onClick={onClose} className="rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label={closeLabel}>
          <CloseIcon className="size-4.5" />
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto" data-panel-body>
        {children}
      </div>
      {footer ? <footer className="flex items-center gap-2 border-t border-slate-200 bg-slate-50/70 px-5 py-3">{footer}</footer> : null}
    </aside>
  );
}

/** A titled block inside a panel. */
export function PanelSection({ title, aside, children, className }: { title: string; aside?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cx("border-t border-slate-100 px-5 py-4 first:border-t-0", className)} aria-label={title}>
      <div className="mb-2.5 flex items-baseline justify-between gap-3">
        <h3 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">{title}</h3>
        {aside ? <span className="text-xs text-slate-500">{aside}</span> : null}
      </div>
      {children}
    </section>
  );
}
