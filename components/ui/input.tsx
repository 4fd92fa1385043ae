import type { InputHTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export const inputClasses =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none " +
  "disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:ring-red-400";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cx(inputClasses, className)} {...props} />;
}

/**
 * A labelled field with a hint, or in its place the error to fix. With an id the label
 * names the control and the hint is wired to aria-describedby; without one (a group of
 * buttons) the label is a caption.
 */
export function Field({ id, label, hint, error, children }: { id?: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      {id ? (
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
      ) : (
        <span className="block text-sm font-medium text-slate-700">{label}</span>
      )}
      {children}
      {error ? (
        <p className="text-xs text-red-600" data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p id={id ? `${id}-hint` : undefined} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
