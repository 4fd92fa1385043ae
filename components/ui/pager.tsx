import { formatNumber } from "@/lib/client/format";
import { Button } from "./button";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

/** "1–50 of 1,234 · Page 1 of 25 · Previous / Next" under an offset-paged table. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3">
      <p className="text-sm text-slate-500 tabular-nums">
        {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)}
      </p>
      <div className="flex items-center gap-2">
        <span className="mr-1 hidden text-sm text-slate-500 tabular-nums sm:inline">
          Page {page + 1} of {pageCount}
        </span>
        <Button variant="secondary" size="sm" onClick={() => onPage(page - 1)} disabled={page === 0}>
          <ChevronLeftIcon /> Previous
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onPage(page + 1)} disabled={page + 1 >= pageCount}>
          Next <ChevronRightIcon />
        </Button>
      </div>
    </nav>
  );
}
