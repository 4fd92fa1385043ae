"use client";

// One provider config field, rendered by its kind, with its hint and the API's error.
import { useId, type ReactNode } from "react";
import { cx } from "../ui/cx";
import { inputClasses } from "../ui/input";
import { HeadersEditor } from "./headers-editor";
import type { ProviderField } from "./provider-fields";
import type { HeaderRow, ProviderDraft } from "./provider-form";

type Props = {
  field: ProviderField;
  draft: ProviderDraft;
  onChange: (draft: ProviderDraft) => void;
  error?: string;
  /** Placeholder override, e.g. the channel's default rate. */
  placeholder?: string;
};

function FieldShell({ id, field, error, extraHint, children }: { id: string; field: ProviderField; error?: string; extraHint?: ReactNode; children: ReactNode }) {
  return (
    <div className={cx("space-y-1.5", field.wide && "sm:col-span-2")} data-testid={`field-${field.key}`}>
      <label htmlFor={id} className="flex items-baseline gap-1.5 text-sm font-medium text-slate-700">
        {field.label}
        {field.required ? null : <span className="text-xs font-normal text-slate-400">optional</span>}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs leading-5 text-red-600" data-testid="field-error">
          {error}
        </p>
      ) : null}
      {extraHint}
      {field.hint ? <p className="text-xs leading-5 text-slate-500">{field.hint}</p> : null}
    </div>
  );
}

function SecretStatus({ field, draft, onChange }: Omit<Props, "error">) {
  const stored = draft.storedSecrets.includes(field.key);
  const cleared = draft.clearedSecrets.includes(field.key);
  if (!stored) return null;
  const setCleared = (on: boolean) =>
    onChange({
      ...draft,
      values: { ...draft.values, [field.key]: "" },
      clearedSecrets: on ? [...draft.clearedSecrets, field.key] : draft.clearedSecrets.filter((key) => key !== field.key),
    });
  return (
    <p className="flex flex-wrap items-center gap-x-2 text-xs leading-5 text-slate-500">
      {cleared ? (
        <>
          <span className="text-amber-700">Removed when you save.</span>
          <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setCleared(false)}>
            Undo
          </button>
        </>
      ) : (
        <>
          <span>Stored encrypted. Leave empty to keep it.</span>
          {field.clearable && !draft.values[field.key] ? (
            <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setCleared(true)}>
              Remove
            </button>
          ) : null}
        </>
      )}
    </p>
  );
}

export function ProviderFieldInput({ field, draft, onChange, error, placeholder }: Props) {
  const id = useId();
  const describedBy = error ? `${id}-error` : undefined;
  const setValue = (value: string) => onChange({ ...draft, values: { ...draft.values, [field.key]: value } });

  if (field.kind === "checkbox") {
    return (
      <div className={cx("flex items-start gap-3", field.wide && "sm:col-span-2")} data-testid={`field-${field.key}`}>
        <input
          id={id}
          type="checkbox"
          checked={draft.checks[field.key] === true}
          onChange={(event) => onChange({ ...draft, checks: { ...draft.checks, [field.key]: event.target.checked } })}
          aria-describedby={field.hint ? `${id}-hint` : undefined}
          className="mt-0.5 size-4 shrink-0 cursor-pointer rounded accent-brand-600"
        />
        <div>
          <label htmlFor={id} className="block cursor-pointer text-sm font-medium text-slate-700">
            {field.label}
          </label>
          {field.hint ? (
            <p id={`${id}-hint`} className="text-xs leading-5 text-slate-500">
              {field.hint}
            </p>
          ) : null}
          {error ? <p className="text-xs text-red-600">{error}</p> : null}
        </div>
      </div>
    );
  }

  if (field.kind === "headers") {
    return (
      <FieldShell id={id} field={field} error={error}>
        <HeadersEditor id={id} rows={draft.headers} invalid={Boolean(error)} onChange={(headers: HeaderRow[]) => onChange({ ...draft, headers })} />
      </FieldShell>
    );
  }

  if (field.kind === "secret") {
    const stored = draft.storedSecrets.includes(field.key) && !draft.clearedSecrets.includes(field.key);
    return (
      <FieldShell id={id} field={field} error={error} extraHint={<SecretStatus field={field} draft={draft} onChange={onChange} />}>
        <input
          id={id}
          type="password"
          value={draft.values[field.key] ?? ""}
          onChange={(event) => setValue(event.target.value)}
          placeholder={stored ? "•••••••• stored" : field.placeholder}
          autoComplete="new-password"
          disabled={draft.clearedSecrets.includes(field.key)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cx(inputClasses, "font-mono text-[13px] leading-5", stored && "placeholder:text-slate-500")}
        />
      </FieldShell>
    );
  }

  return (
    <FieldShell id={id} field={field} error={error}>
      <input
        id={id}
        type="text"
        inputMode={field.kind === "number" ? "decimal" : undefined}
        value={draft.values[field.key] ?? ""}
        onChange={(event) => setValue(event.target.value)}
        placeholder={placeholder ?? field.placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cx(inputClasses, field.mono && "font-mono text-[13px] leading-5 placeholder:font-sans placeholder:text-sm")}
      />
    </FieldShell>
  );
}
