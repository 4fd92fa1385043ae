"use client";

// The attributes a setAttributes action changes, one row each: name, then "set to" a
// Liquid template or "remove" (stored as null). Rows are the object's entries in order,
// so renaming a row keeps its place.
import { Button } from "../../ui/button";
import { PlusIcon } from "../../ui/icons";
import { TrashIcon } from "../node-icons";
import { ErrorText, Select, compactInput, errorsUnder, type FieldErrors } from "./fields";

type Row = [name: string, value: unknown];

function rowsOf(value: unknown): Row[] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

// Values the API set as numbers or booleans show as JSON; typing makes them templates.
function shown(value: unknown): string {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value);
}

export function AttributeRows({ value, onChange, errors }: { value: unknown; onChange: (attributes: Record<string, unknown>) => void; errors: FieldErrors }) {
  const rows = rowsOf(value);
  const save = (next: Row[]) => onChange(Object.fromEntries(next));
  const update = (index: number, row: Row) => save(rows.map((item, i) => (i === index ? row : item)));

  return (
    <div className="space-y-2.5">
      {rows.map(([name, current], index) => {
        const removes = current === null;
        return (
          <div key={index} className="space-y-1.5 rounded-lg bg-slate-50 p-2.5 ring-1 ring-slate-200/70" data-testid="attribute-row">
            <div className="flex items-center gap-1.5">
              <input
                type="text"
                value={name}
                onChange={(event) => update(index, [event.target.value, current])}
                placeholder="last_cart_amount"
                aria-label={`Attribute ${index + 1} name`}
                className={`${compactInput} font-mono text-[13px]`}
              />
              <button
                type="button"
                onClick={() => save(rows.filter((_, i) => i !== index))}
                className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-400 hover:bg-white hover:text-red-600"
                aria-label={`Remove attribute ${index + 1}`}
              >
                <TrashIcon className="size-4" />
              </button>
            </div>
            <div className="flex gap-1.5">
              <Select
                value={removes ? "remove" : "set"}
                onChange={(event) => update(index, [name, event.target.value === "remove" ? null : ""])}
                aria-label={`Attribute ${index + 1} change`}
                className="w-28 shrink-0"
              >
                <option value="set">Set to</option>
                <option value="remove">Remove</option>
              </Select>
              {removes ? null : (
                <input
                  type="text"
                  value={shown(current)}
                  onChange={(event) => update(index, [name, event.target.value])}
                  placeholder="{{ event.data.amount }}"
                  aria-label={`Attribute ${index + 1} value`}
                  className={`${compactInput} font-mono text-[13px]`}
                />
              )}
            </div>
            <ErrorText messages={errorsUnder(errors, `data.attributes.${name}`)} />
          </div>
        );
      })}
      <ErrorText messages={errors.get("data.attributes")} />
      <Button variant="secondary" size="sm" onClick={() => save([...rows, [rows.some(([name]) => name === "") ? `attribute_${rows.length + 1}` : "", ""]])}>
        <PlusIcon />
        Add attribute
      </Button>
    </div>
  );
}
