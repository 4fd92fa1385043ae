"use client";

// What a backtest found, beside the canvas whose nodes carry its counts: the headline,
// the totals, messages per day, a few messages as they would have read, and the live
// connectors that messaged the same people. The range (7, 30 or 90 days) runs it again.
import Link from "next/link";
import type { BacktestResult } from "@/lib/client/connectors";
import { formatNumber } from "@/lib/client/format";
import { ShortTime } from "../messages/short-time";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { Spinner } from "../ui/spinner";
import { BacktestChart } from "./backtest-chart";
import { BACKTEST_RANGES, backtestHeadline, dailySeries, type BacktestDays } from "./backtest-text";
import { Segmented } from "./inspector/fields";
import { BacktestIcon } from "./node-icons";
import { RenderedMessage } from "./rendered-message";
import { PanelSection, SidePanel } from "./side-panel";

type Props = {
  days: BacktestDays;
  shown: { days: BacktestDays; result: BacktestResult } | null;
  running: boolean;
  error: string | null;
  /** The canvas no longer runs the graph the shown result is about. */
  stale: boolean;
  hidden: boolean;
  onRun: (days: BacktestDays) => void;
  onClear: () => void;
  onClose: () => void;
};

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-[11px] font-medium text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {formatNumber(value)}
      </dd>
    </div>
  );
}

function Overlaps({ overlaps }: { overlaps: BacktestResult["overlaps"] }) {
  if (overlaps.length === 0) {
    return <p className="text-[13px] leading-5 text-slate-500">No live connector messaged these people within 24 hours of a message from this one.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg ring-1 ring-amber-200" data-testid="backtest-overlaps">
      {overlaps.map((overlap) => (
        <li key={overlap.connectorId} className="flex items-center gap-3 bg-amber-50/40 px-3 py-2.5" data-testid="backtest-overlap">
          <Link href={`/connectors/${overlap.connectorId}`} className="min-w-0 flex-1 truncate text-[13px] font-medium text-brand-700 hover:underline">
            {overlap.name}
          </Link>
          <span className="shrink-0 text-xs text-amber-900">
            <span className="font-semibold tabular-nums">{formatNumber(overlap.users)}</span> {overlap.users === 1 ? "person" : "people"} messaged by both
          </span>
        </li>
      ))}
    </ul>
  );
}

function Result({ days, result }: { days: BacktestDays; result: BacktestResult }) {
  const series = dailySeries(result.from, result.to, result.messages.byDay);
  return (
    <>
      <section className="px-5 pt-4 pb-4" aria-label="Totals">
        <p className="rounded-xl bg-violet-50 px-4 py-3 text-[15px] leading-6 font-semibold text-violet-950 ring-1 ring-violet-200 ring-inset" data-testid="backtest-headline">
          {backtestHeadline(result, days)}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-2">
          <Figure label="Walks started" value={result.entered} testId="backtest-entered" />
          <Figure label="People" value={result.users} testId="backtest-users" />
          <Figure label="Messages" value={result.messages.total} testId="backtest-messages" />
          <Figure label="Events scanned" value={result.eventsScanned} testId="backtest-scanned" />
        </dl>
      </section>
      <PanelSection title="Messages per day" aside={`${formatNumber(result.messages.total)} in ${days} days`}>
        {result.messages.total > 0 ? (
          <BacktestChart series={series} />
        ) : (
          <p className="rounded-lg bg-slate-50 px-3 py-6 text-center text-[13px] text-slate-500">Nothing would have been sent in this range.</p>
        )}
      </PanelSection>
      <PanelSection title="Sample messages" aside={result.messages.samples.length > 0 ? `first ${result.messages.samples.length}` : undefined}>
        {result.messages.samples.length > 0 ? (
          <div className="space-y-2" data-testid="backtest-samples">
            {result.messages.samples.map((sample, index) => (
              <RenderedMessage key={`${sample.userId}-${sample.at}-${index}`} message={sample} when={<ShortTime value={sample.at} />} />
            ))}
          </div>
        ) : (
          <p className="text-[13px] text-slate-500">No message to show.</p>
        )}
      </PanelSection>
      <PanelSection title="Overlap with live connectors">
        <Overlaps overlaps={result.overlaps} />
      </PanelSection>
      <p className="px-5 pb-5 text-xs leading-5 text-slate-500">
        Replayed on the engine itself, on a virtual clock: delays and cancels played out in event time. Today’s subscriptions and delivery policy
        applied; people still waiting at the end count as waiting.
      </p>
    </>
  );
}

export function BacktestPanel({ days, shown, running, error, stale, hidden, onRun, onClear, onClose }: Props) {
  return (
    <SidePanel
      icon={BacktestIcon}
      tile="bg-violet-50 text-violet-600 ring-violet-100"
      title="Backtest"
      subtitle="This draft replayed on your app’s past events. Nothing is sent or saved."
      closeLabel="Close backtest"
      onClose={onClose}
      hidden={hidden}
      testId="backtest-panel"
      footer={
        <>
          <Button variant="secondary" size="sm" onClick={onClear} disabled={!shown || running}>
            Clear counts
          </Button>
          <Button size="sm" className="ml-auto bg-violet-600 hover:bg-violet-700" onClick={() => onRun(days)} loading={running}>
            {shown ? "Run again" : "Run backtest"}
          </Button>
        </>
      }
    >
      <div className="border-b border-slate-100 px-5 py-3">
        <Segmented
          label="Backtest range"
          value={String(days)}
          options={BACKTEST_RANGES.map((range) => ({ value: String(range), label: `Last ${range} days` }))}
          onChange={(range) => onRun(Number(range) as BacktestDays)}
        />
      </div>
      {error ? (
        <div className="px-5 pt-4">
          <Alert title="The backtest did not run">{error}</Alert>
        </div>
      ) : null}
      {shown && stale && !running ? (
        <div className="mx-5 mt-4 flex items-center justify-between gap-3 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset" data-testid="backtest-stale">
          The canvas changed since this ran.
          <button type="button" onClick={() => onRun(days)} className="font-semibold underline underline-offset-2">
            Run again
          </button>
        </div>
      ) : null}
      {running && !shown ? (
        <div className="flex flex-col items-center gap-3 px-5 py-16 text-center text-slate-500" data-testid="backtest-running">
          <Spinner className="size-6 text-violet-600" label="Running the backtest" />
          <p className="text-[13px]">Replaying the last {days} days of events…</p>
        </div>
      ) : null}
      {shown ? (
        <div className={cx("relative transition-opacity", running && "pointer-events-none opacity-50")} aria-busy={running || undefined}>
          {running ? (
            <span className="absolute top-3 right-5 z-10 inline-flex items-center gap-1.5 rounded-full bg-white px-2 py-0.5 text-xs text-violet-700 shadow-sm ring-1 ring-violet-200">
              <Spinner className="size-3" /> Updating
            </span>
          ) : null}
          <Result days={shown.days} result={shown.result} />
        </div>
      ) : null}
    </SidePanel>
  );
}
