import type { ReactNode } from "react";
import { cx } from "../ui/cx";

/** A rule of the delivery policy in words, at the foot of the card that sets it. */
export function RuleWords({ children, muted, className, testId }: { children: ReactNode; muted?: boolean; className?: string; testId?: string }) {
  return (
    <div className={cx("flex items-baseline gap-3 rounded-b-xl bg-slate-50/70 px-5 py-3.5", className)}>
      <span className="shrink-0 text-[11px] font-semibold tracking-wider text-slate-400 uppercase">In words</span>
      <p className={cx("min-w-0 text-sm", muted ? "text-slate-500" : "font-medium text-slate-800")} data-testid={testId}>
        {children}
      </p>
    </div>
  );
}
