import { cx } from "../ui/cx";

/** The Cue mark (a cue card's arrow into a signal) and name. */
export function Wordmark({ className, size = "md" }: { className?: string; size?: "md" | "lg" }) {
  return (
    <span className={cx("inline-flex items-center gap-2.5", className)}>
      <span
        className={cx(
          "flex items-center justify-center rounded-lg bg-linear-to-br from-brand-500 to-brand-700 text-white shadow-sm",
          size === "lg" ? "size-10" : "size-8",
        )}
      >
        <svg viewBox="0 0 24 24" fill="none" className={size === "lg" ? "size-6" : "size-5"} aria-hidden="true">
          <path d="M15.5 7.2a6 6 0 1 0 0 9.6" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          <circle cx="17.6" cy="12" r="1.9" fill="currentColor" />
        </svg>
      </span>
      <span className={cx("font-semibold tracking-tight text-slate-900", size === "lg" ? "text-2xl" : "text-lg")}>Cue</span>
    </span>
  );
}
