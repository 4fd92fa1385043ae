import type { ButtonHTMLAttributes } from "react";
import { cx } from "./cx";

/** An on/off switch: a button with role="switch", so it is labelled and toggled like one. */
export function Switch({
  checked,
  onCheckedChange,
  size = "md",
  className,
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onChange" | "role"> & { checked: boolean; onCheckedChange: (checked: boolean) => void; size?: "sm" | "md" }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      onClick={() => onCheckedChange(!checked)}
      className={cx(
        "relative inline-flex shrink-0 cursor-pointer items-center rounded-full transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
        "disabled:cursor-not-allowed disabled:opacity-50",
        size === "sm" ? "h-5 w-9" : "h-6 w-11",
        checked ? "bg-brand-600" : "bg-slate-200",
        className,
      )}
      {...props}
    >
      <span
        aria-hidden="true"
        className={cx(
          "pointer-events-none inline-block rounded-full bg-white shadow-sm ring-1 ring-slate-900/5 transition-transform",
          size === "sm" ? "size-4" : "size-5",
          checked ? (size === "sm" ? "translate-x-4.5" : "translate-x-5.5") : "translate-x-0.5",
        )}
      />
    </button>
  );
}
