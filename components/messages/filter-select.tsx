import type { SelectHTMLAttributes } from "react";
import { cx } from "../ui/cx";

/** A native select styled like our inputs; native keeps keyboard and screen-reader behaviour for free. */
export function FilterSelect({ className, active, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { active?: boolean }) {
  return (
    <div className={cx("relative", className)}>
      <select
        className={cx(
          "block h-9.5 w-full appearance-none truncate rounded-lg border-0 py-2 pr-8 pl-3 text-sm shadow-xs ring-1 ring-inset",
          "focus:ring-2 focus:ring-brand-500 focus:outline-none",
          // A filter in use stands out, so a narrowed log is never mistaken for the whole one.
          active ? "bg-brand-50/60 font-medium text-brand-800 ring-brand-300" : "bg-white text-slate-900 ring-slate-300",
        )}
        {...props}
      />
      <svg
        viewBox="0 0 20 20"
        className={cx("pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2", active ? "text-brand-500" : "text-slate-400")}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.6}
        aria-hidden="true"
      >
        <path d="m6 8 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </div>
  );
}
