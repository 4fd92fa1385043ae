"use client";

// Webhook headers as name/value rows. Stored values are never shown: a stored row keeps
// its name and an empty value until someone types a new one.
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { CloseIcon, PlusIcon } from "../ui/icons";
import { inputClasses } from "../ui/input";
import { newHeaderRow, type HeaderRow } from "./provider-form";

export function HeadersEditor({
  id,
  rows,
  onChange,
  invalid,
}: {
  id: string;
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  invalid?: boolean;
}) {
  const update = (rowId: number, patch: Partial<HeaderRow>) => onChange(rows.map((row) => (row.id === rowId ? { ...row, ...patch } : row)));
  return (
    <div className="space-y-2" id={id} data-testid="headers-editor">
      {rows.length === 0 ? <p className="text-sm text-slate-500">No custom headers.</p> : null}
      {rows.map((row, index) => (
        <div key={row.id} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-center gap-2" data-testid="header-row">
          <input
            aria-label={`Header ${index + 1} name`}
            value={row.name}
            onChange={(event) => update(row.id, { name: event.target.value })}
            placeholder="Authorization"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid || undefined}
            className={cx(inputClasses, "font-mono text-[13px] leading-5")}
          />
          <input
            aria-label={`Header ${index + 1} value`}
            type="password"
            value={row.value}
            onChange={(event) => update(row.id, { value: event.target.value })}
            placeholder={row.stored ? "•••••••• stored" : "Bearer …"}
            autoComplete="new-password"
            spellCheck={false}
            aria-invalid={invalid || undefined}
            className={cx(inputClasses, "font-mono text-[13px] leading-5", row.stored && !row.value && "placeholder:text-slate-500")}
          />
          <button
            type="button"
            onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
            className="rounded-md p-2 text-slate-400 hover:bg-slate-100 hover:text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-500"
            aria-label={`Remove header ${row.name || index + 1}`}
          >
            <CloseIcon className="size-4" />
          </button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, newHeaderRow()])}>
        <PlusIcon /> Add header
      </Button>
    </div>
  );
}
