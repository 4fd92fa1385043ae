"use client";

// Small form pieces the inspector forms share. Inputs edit the node's raw draft data,
// so every reader tolerates missing or mistyped values.
import { useId, useState, type ReactNode, type SelectHTMLAttributes } from "react";
import { cx } from "../../ui/cx";
import { inputClasses } from "../../ui/input";
import type { NodeData } from "../graph-convert";

export type FieldErrors = ReadonlyMap<string, string[]>;

/** What every node type's form gets; most read only data, onChange and errors. */
export type NodeFormProps = { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors; trigger: NodeData | undefined; appName: string };

export const compactInput = cx(inputClasses, "py-1.5");

export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

export function ErrorText({ messages }: { messages?: string[] }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p className="text-xs leading-5 text-red-600" data-testid="field-error">
      {messages.join(" · ")}
    </p>
  );
}

/** Every error at `path` or below it (data.where → data.where.0.value too). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  return [...errors].filter(([key]) => key === path || key.startsWith(`${path}.`)).flatMap(([, messages]) => messages);
}

export function Field({
  label,
  hint,
  errors,
  children,
  id,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: (id: string) => ReactNode;
  id?: string;
}) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="space-y-1.5">
      <label htmlFor={inputId} className="block text-[13px] font-medium text-slate-700">
        {label}
      </label>
      {children(inputId)}
      <ErrorText messages={errors} />
      {hint ? <p className="text-xs leading-5 text-slate-500">{hint}</p> : null}
    </div>
  );
}

export function Section({ title, description, children, action }: { title: string; description?: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="space-y-3 border-t border-slate-100 px-5 py-4 first:border-t-0">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h3 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">{title}</h3>
          {description ? <p className="mt-1 text-xs leading-5 text-slate-500">{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className={cx("relative", className)}>
      <select className={cx(compactInput, "appearance-none pr-8")} {...props} />
      <svg viewBox="0 0 20 20" className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-400" fill="none" stroke="currentColor" strokeWidth={1.6} aria-hidden="true">
        <path d="m6 8 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </div>
  );
}

/** A row of mutually exclusive choices, for two to four short options. */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
}: {
  value: T | undefined;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  label: string;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="flex rounded-lg bg-slate-100 p-0.5">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          onClick={() => onChange(option.value)}
          className={cx(
            "flex-1 rounded-md px-2 py-1.5 text-xs font-medium transition-colors",
            "focus-visible:outline-2 focus-visible:outline-brand-500",
            value === option.value ? "bg-white text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-500 hover:text-slate-800",
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

// Text that maps onto a non-text value (a number, a list) keeps what the marketer typed
// until it means something else, so "1." or "a, " can be typed on the way.
export function useDraftText<T>(value: T, format: (value: T) => string, parse: (text: string) => T): [string, (text: string) => T] {
  const [draft, setDraft] = useState(() => format(value));
  const current = format(value);
  if (format(parse(draft)) !== current && draft !== current) setDraft(current);
  return [draft, (text: string) => {
    setDraft(text);
    return parse(text);
  }];
}

const formatNumber = (value: number | undefined) => (value === undefined ? "" : String(value));
const parseNumber = (text: string) => (text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text));

export function NumberInput({
  value,
  onChange,
  invalid,
  className,
  ...props
}: { value: unknown; onChange: (value: number | undefined) => void; invalid?: boolean; className?: string; id?: string; min?: number; placeholder?: string; "aria-label"?: string }) {
  const numeric = typeof value === "number" && Number.isFinite(value) ? value : undefined;
  const [draft, update] = useDraftText(numeric, formatNumber, parseNumber);
  return (
    <input
      type="text"
      inputMode="decimal"
      value={draft}
      onChange={(event) => onChange(update(event.target.value))}
      aria-invalid={invalid || undefined}
      className={cx(compactInput, "tabular-nums", className)}
      {...props}
    />
  );
}

const formatList = (value: string[]) => value.join(", ");
const parseList = (text: string) => text.split(",").map((item) => item.trim()).filter(Boolean);

export function ListInput({ value, onChange, ...props }: { value: unknown; onChange: (value: string[]) => void; id?: string; placeholder?: string; "aria-label"?: string; "aria-invalid"?: boolean }) {
  const list = Array.isArray(value) ? value.map(str) : [];
  const [draft, update] = useDraftText(list, formatList, parseList);
  return <input type="text" value={draft} onChange={(event) => onChange(update(event.target.value))} className={compactInput} {...props} />;
}

export function withField<T extends Record<string, unknown>>(data: T, key: string, value: unknown): T {
  const next: Record<string, unknown> = { ...data };
  if (value === undefined || value === "") delete next[key];
  else next[key] = value;
  return next as T;
}
