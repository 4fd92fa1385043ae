import { isValidElement, type ReactNode } from "react";
import { formatValue, isNested } from "@/lib/client/format";
import { cx } from "../ui/cx";

export type AttributeItem = { label: string; value: unknown; mono?: boolean };

function renderValue(value: unknown): ReactNode {
  if (value === null || value === undefined || value === "") return <span className="text-slate-300">—</span>;
  if (isValidElement(value)) return value;
  if (isNested(value)) {
    return <pre className="overflow-x-auto rounded-md bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-700">{JSON.stringify(value, null, 2)}</pre>;
  }
  return formatValue(value);
}

/** Label/value rows, as on a profile card. */
export function AttributeList({ items }: { items: AttributeItem[] }) {
  return (
    <dl className="divide-y divide-slate-100">
      {items.map((item) => (
        <div key={item.label} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-5 py-2.5 text-sm">
          <dt className={cx("truncate text-slate-500", item.mono && "font-mono text-[13px]")} title={item.label}>
            {item.label}
          </dt>
          <dd className="min-w-0 break-words text-slate-900">{renderValue(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
