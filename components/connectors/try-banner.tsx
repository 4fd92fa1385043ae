"use client";

// Said above the canvas while it shows more than the draft: a backtest's counts (violet,
// instead of the live ones) and a test user's lit path, each with a way to clear it.
import { cx } from "../ui/cx";
import { CloseIcon } from "../ui/icons";
import { BacktestIcon, FlaskIcon } from "./node-icons";

type Props = {
  backtest: { days: number; stale: boolean; panelOpen: boolean } | null;
  path: { userId: string; outcome: string } | null;
  onShowBacktest: () => void;
  onClearBacktest: () => void;
  onClearPath: () => void;
};

const pill = "pointer-events-auto inline-flex items-center gap-2 rounded-full bg-white py-1 pr-1 pl-3 text-xs whitespace-nowrap shadow-sm ring-1";

function Clear({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="flex size-6 items-center justify-center rounded-full text-slate-400 hover:bg-slate-100 hover:text-slate-700" aria-label={label} title={label}>
      <CloseIcon className="size-3.5" />
    </button>
  );
}

export function TryBanner({ backtest, path, onShowBacktest, onClearBacktest, onClearPath }: Props) {
  if (!backtest && !path) return null;
  return (
    <div className="flex flex-col items-start gap-2">
      {backtest ? (
        <div className={cx(pill, "ring-violet-200")} data-testid="backtest-banner">
          <BacktestIcon className="size-4 text-violet-600" />
          <span className="font-semibold text-violet-900">Backtest · last {backtest.days} days</span>{" "}
          <span className="text-slate-500">{backtest.stale ? "· the canvas changed since" : "· counts in violet"}</span>
          {backtest.panelOpen ? null : (
            <button type="button" onClick={onShowBacktest} className="rounded-full px-2 py-0.5 font-medium text-violet-700 hover:bg-violet-50">
              Results
            </button>
          )}
          <Clear label="Clear backtest counts" onClick={onClearBacktest} />
        </div>
      ) : null}
      {path ? (
        <div className={cx(pill, "ring-emerald-200")} data-testid="test-banner">
          <FlaskIcon className="size-4 text-emerald-600" />
          <span className="font-semibold text-emerald-900">
            Path of <span className="font-mono">{path.userId}</span>
          </span>{" "}
          <span className="text-slate-500">· {path.outcome}</span>
          <Clear label="Clear test path" onClick={onClearPath} />
        </div>
      ) : null}
    </div>
  );
}
