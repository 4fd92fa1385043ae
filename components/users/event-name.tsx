import { cx } from "../ui/cx";

/** Lifecycle events (app.*, message.*) come from Cue and the SDK; the rest are the app's own. */
export function isLifecycleEvent(name: string): boolean {
  return name.startsWith("app.") || name.startsWith("message.");
}

export function EventName({ name, className, dot = true }: { name: string; className?: string; dot?: boolean }) {
  const lifecycle = isLifecycleEvent(name);
  return (
    <span className={cx("inline-flex max-w-full items-center gap-2", className)}>
      {dot ? (
        <span aria-hidden="true" className={cx("size-2 shrink-0 rounded-full", lifecycle ? "bg-slate-300" : "bg-brand-500")} />
      ) : null}
      <span className="truncate font-mono text-[13px] font-medium text-slate-800" title={name}>
        {name}
      </span>
    </span>
  );
}
