import { cx } from "../ui/cx";
import { changeLabel } from "./chart-format";

/** Up in green, down in red, against the previous period of the same length. */
export function ChangeBadge({ change, className }: { change: number | null; className?: string }) {
  const label = changeLabel(change);
  if (label === null) return <span className={cx("text-xs font-medium text-slate-400", className)}>new</span>;
  const up = change! > 0;
  const down = change! < 0;
  return (
    <span
      className={cx(
        "inline-flex items-center gap-0.5 text-xs font-semibold tabular-nums",
        up ? "text-emerald-600" : down ? "text-red-600" : "text-slate-500",
        className,
      )}
      aria-label={`${label} vs previous period`}
    >
      {up || down ? (
        <svg viewBox="0 0 12 12" className="size-3" aria-hidden="true">
          <path d={up ? "M6 2.5 10 8H2z" : "M6 9.5 2 4h8z"} fill="currentColor" />
        </svg>
      ) : null}
      {label}
    </span>
  );
}
