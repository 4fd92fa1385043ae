"use client";

// Filter rows (path · operator · value), labelled with the engine's operator table.
import { OPERATORS, operatorDefinitions, type Operator } from "@/lib/engine/operators";
import { Button } from "../../ui/button";
import { PlusIcon } from "../../ui/icons";
import { TrashIcon } from "../node-icons";
import { ErrorText, ListInput, Select, compactInput, errorsUnder, str, type FieldErrors } from "./fields";

type Filter = { path?: unknown; op?: unknown; value?: unknown };

function asFilters(value: unknown): Filter[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === "object" && item !== null ? (item as Filter) : {})) : [];
}

function isOperator(value: unknown): value is Operator {
  return typeof value === "string" && (OPERATORS as readonly string[]).includes(value);
}

// Changing the operator keeps a value that still fits and drops one that does not.
function withOperator(filter: Filter, op: Operator): Filter {
  const shape = operatorDefinitions[op].needsValue;
  const { value, ...rest } = filter;
  if (shape === "none") return { ...rest, op };
  if (shape === "list") return { ...rest, op, value: Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value] };
  return { ...rest, op, value: Array.isArray(value) ? value[0] : value };
}

export function FilterRows({
  value,
  onChange,
  errors,
  errorPath,
  pathPlaceholder,
  pathList,
  addLabel = "Add filter",
  name,
}: {
  value: unknown;
  onChange: (filters: Filter[] | undefined) => void;
  errors: FieldErrors;
  /** Where this list's problems are reported, e.g. "data.where". */
  errorPath: string;
  pathPlaceholder: string;
  pathList?: string;
  addLabel?: string;
  /** Names the inputs for screen readers ("Filter", "Rule"). */
  name: string;
}) {
  const filters = asFilters(value);
  const update = (index: number, filter: Filter) => onChange(filters.map((item, i) => (i === index ? filter : item)));
  const remove = (index: number) => {
    const rest = filters.filter((_, i) => i !== index);
    onChange(rest.length > 0 ? rest : undefined);
  };

  return (
    <div className="space-y-2.5">
      {filters.map((filter, index) => {
        const op = isOperator(filter.op) ? filter.op : undefined;
        const shape = op ? operatorDefinitions[op].needsValue : "scalar";
        const rowErrors = errorsUnder(errors, `${errorPath}.${index}`);
        return (
          <div key={index} className="space-y-1.5 rounded-lg bg-slate-50 p-2.5 ring-1 ring-slate-200/70" data-testid="filter-row">
            <div className="flex items-center gap-1.5">
              <input
                type="text"
                value={str(filter.path)}
                onChange={(event) => update(index, { ...filter, path: event.target.value })}
                placeholder={pathPlaceholder}
                list={pathList}
                aria-label={`${name} ${index + 1} field`}
                aria-invalid={errors.has(`${errorPath}.${index}.path`) || undefined}
                className={`${compactInput} font-mono text-[13px]`}
              />
              <button
                type="button"
                onClick={() => remove(index)}
                className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-400 hover:bg-white hover:text-red-600"
                aria-label={`Remove ${name.toLowerCase()} ${index + 1}`}
              >
                <TrashIcon className="size-4" />
              </button>
            </div>
            <div className="flex gap-1.5">
              <Select
                value={op ?? ""}
                onChange={(event) => update(index, withOperator(filter, event.target.value as Operator))}
                aria-label={`${name} ${index + 1} comparison`}
                className="w-36 shrink-0"
              >
                {op ? null : <option value="">Compare…</option>}
                {OPERATORS.map((operator) => (
                  <option key={operator} value={operator}>
                    {operatorDefinitions[operator].label}
                  </option>
                ))}
              </Select>
              {shape === "none" ? null : shape === "list" ? (
                <ListInput
                  value={filter.value}
                  onChange={(list) => update(index, { ...filter, value: list })}
                  placeholder="a, b, c"
                  aria-label={`${name} ${index + 1} values`}
                />
              ) : (
                <input
                  type="text"
                  value={str(filter.value)}
                  onChange={(event) => update(index, { ...filter, value: event.target.value })}
                  placeholder="value"
                  aria-label={`${name} ${index + 1} value`}
                  aria-invalid={errors.has(`${errorPath}.${index}.value`) || undefined}
                  className={compactInput}
                />
              )}
            </div>
            <ErrorText messages={rowErrors} />
          </div>
        );
      })}
      <ErrorText messages={errors.get(errorPath)} />
      <Button variant="secondary" size="sm" onClick={() => onChange([...filters, { path: "", op: "eq", value: "" }])}>
        <PlusIcon />
        {addLabel}
      </Button>
    </div>
  );
}
