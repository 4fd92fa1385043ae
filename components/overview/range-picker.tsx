import Link from "next/link";
import { cx } from "../ui/cx";
import { RANGES, type RangeKey } from "./ranges";

/** Links, not state: the range lives in the URL, so a reload or a shared link keeps it. */
export function RangePicker({ current }: { current: RangeKey }) {
  return (
    <nav aria-label="Time range" className="inline-flex rounded-lg bg-white p-0.5 shadow-xs ring-1 ring-slate-200">
      {(Object.keys(RANGES) as RangeKey[]).map((key) => (
        <Link
          key={key}
          href={`/overview?range=${key}`}
          aria-current={key === current ? "page" : undefined}
          title={`Last ${RANGES[key].label}`}
          className={cx(
            "rounded-md px-3 py-1.5 text-[13px] font-medium transition-colors",
            key === current ? "bg-brand-600 text-white shadow-sm" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {RANGES[key].short}
        </Link>
      ))}
    </nav>
  );
}
