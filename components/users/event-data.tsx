"use client";

import { useId, useState } from "react";
import { formatValue, isNested } from "@/lib/client/format";
import { cx } from "../ui/cx";

function summary(value: object): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? "item" : "items"}]`;
  const keys = Object.keys(value).length;
  return `{${keys} ${keys === 1 ? "key" : "keys"}}`;
}

/** An event's data as compact key/value chips; nested objects and arrays expand to JSON. */
export function EventData({ data }: { data: Record<string, unknown> }) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const baseId = useId();
  const entries = Object.entries(data ?? {});
  if (entries.length === 0) return null;
  const open = entries.find(([key]) => key === expanded);

  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-1.5" aria-label="Event data">
        {entries.map(([key, value]) => {
          const nested = isNested(value);
          const chip = "inline-flex max-w-full items-center overflow-hidden rounded-md text-xs ring-1 ring-inset";
          const label = <span className="bg-slate-50 px-1.5 py-0.5 text-slate-500">{key}</span>;
          return (
            <li key={key} className="max-w-full">
              {nested ? (
                <button
                  type="button"
                  aria-expanded={expanded === key}
                  aria-controls={`${baseId}-${key}`}
                  onClick={() => setExpanded(expanded === key ? null : key)}
                  className={cx(
                    chip,
                    "ring-brand-200 hover:ring-brand-400 focus-visible:outline-2 focus-visible:outline-brand-500",
                    expanded === key && "ring-brand-400",
                  )}
                >
                  {label}
                  <span className="px-1.5 py-0.5 font-mono text-brand-700">{summary(value)}</span>
                </button>
              ) : (
                <span className={cx(chip, "ring-slate-200")}>
                  {label}
                  <span className="truncate px-1.5 py-0.5 font-mono text-slate-800" title={formatValue(value)}>
                    {typeof value === "string" ? value || "\u00a0" : formatValue(value)}
                  </span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {open ? (
        <pre
          id={`${baseId}-${open[0]}`}
          className="max-h-72 overflow-auto rounded-lg bg-slate-900 px-3.5 py-3 font-mono text-xs leading-5 text-slate-100"
        >
          <span className="text-slate-400">{open[0]}: </span>
          {JSON.stringify(open[1], null, 2)}
        </pre>
      ) : null}
    </div>
  );
}
