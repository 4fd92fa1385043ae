"use client";

// Asked before a connector goes live: the forecast from the last 30 days, and each
// warning of the check (an event never logged, with the spelling the app does log; an
// overlap with a live connector; a lot of messages). Warnings never block: "Publish
// anyway" goes ahead, "Show step" goes back to the node they are about.
import type { CheckResult, CheckWarning } from "@/lib/checks/check-result";
import { describeNode } from "@/lib/engine/nodes/registry";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { Dialog } from "../ui/dialog";
import { CheckIcon, WarningIcon } from "../ui/icons";
import type { CanvasNode } from "./graph-convert";
import { channelShares, forecastSentence, WARNING_TITLES } from "./publish-check-text";
import { SummaryText } from "./summary-text";
import { useDescribeContext } from "./use-describe-context";

type Props = {
  open: boolean;
  connectorName: string;
  /** Publishing over a live version rather than for the first time. */
  republish: boolean;
  result: CheckResult | null;
  nodes: readonly CanvasNode[];
  publishing: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  onShowStep: (nodeId: string) => void;
};

const BAR_COLOURS: Record<string, string> = { push: "bg-violet-500", email: "bg-sky-500", sms: "bg-emerald-500", webhook: "bg-amber-500" };

const isChannel = (channel: string): channel is keyof typeof CHANNEL_META => Object.hasOwn(CHANNEL_META, channel);

function ForecastPanel({ forecast }: { forecast: NonNullable<CheckResult["forecast"]> }) {
  const shares = channelShares(forecast);
  return (
    <section className="rounded-xl bg-slate-50 px-4 py-3.5 ring-1 ring-slate-200 ring-inset" aria-label="Forecast" data-testid="publish-forecast">
      <p className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Forecast · at most, from the last 30 days</p>
      <p className="mt-1 text-[15px] font-semibold text-slate-900" data-testid="publish-forecast-sentence">
        {forecastSentence(forecast)}
      </p>
      {shares.length > 0 ? (
        <>
          <div className="mt-3 flex h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
            {shares.map((share) => (
              <span key={share.channel} className={BAR_COLOURS[share.channel] ?? "bg-slate-400"} style={{ width: `${Math.max(share.share * 100, 2)}%` }} />
            ))}
          </div>
          <ul className="mt-2.5 flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-slate-600">
            {shares.map((share) => (
              <li key={share.channel} className="inline-flex items-center gap-1.5">
                {isChannel(share.channel) ? <ChannelTile channel={share.channel} /> : null}
                <span>
                  {isChannel(share.channel) ? CHANNEL_META[share.channel].label : share.channel} · {Math.round(share.share * 100)}%
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {forecast.notes.length > 0 ? (
        <details className="group mt-3 border-t border-slate-200 pt-2 text-xs text-slate-500">
          <summary className="cursor-pointer list-none font-medium text-slate-600 select-none hover:text-slate-900 [&::-webkit-details-marker]:hidden">
            <span className="mr-1 inline-block transition-transform group-open:rotate-90" aria-hidden="true">›</span>
            How this is estimated
          </summary>
          <ul className="mt-1.5 space-y-0.5 pl-3 leading-5">
            {forecast.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function WarningItem({ warning, node, onShowStep }: { warning: CheckWarning; node: CanvasNode | undefined; onShowStep: (nodeId: string) => void }) {
  const describeContext = useDescribeContext();
  return (
    <li className="flex gap-3 px-3.5 py-3" data-testid="publish-warning" data-code={warning.code}>
      <WarningIcon className="mt-0.5 size-4 shrink-0 text-amber-500" />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-3">
          <p className="text-[13px] font-semibold text-slate-900">{WARNING_TITLES[warning.code]}</p>
          {node ? (
            <button
              type="button"
              onClick={() => onShowStep(node.id)}
              className="shrink-0 rounded text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              Show step
            </button>
          ) : null}
        </div>
        {node ? (
          <p className="truncate text-xs text-slate-500">
            <SummaryText text={describeNode(node.type, node.data, describeContext)} />
          </p>
        ) : null}
        <p className="mt-1 text-[13px] leading-5 text-slate-700">{warning.message}</p>
        {warning.suggestions?.length ? (
          <p className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            Logged lately:
            {warning.suggestions.map((name) => (
              <code key={name} className="rounded-md bg-emerald-50 px-1.5 py-0.5 font-mono text-[12px] text-emerald-800 ring-1 ring-emerald-200 ring-inset">
                {name}
              </code>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}

export function PublishDialog({ open, connectorName, republish, result, nodes, publishing, onConfirm, onCancel, onShowStep }: Props) {
  const warnings = result?.warnings ?? [];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      dismissible={!publishing}
      className="max-w-xl"
      title={republish ? `Publish the changes to “${connectorName}”?` : `Publish “${connectorName}”?`}
      description={
        republish
          ? "Users who enter from now on take the new version; those already inside stay on theirs."
          : "Once live, every matching event enters users into it and its messages go out."
      }
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} disabled={publishing}>
            Cancel
          </Button>
          <Button onClick={onConfirm} loading={publishing} autoFocus>
            {warnings.length > 0 ? "Publish anyway" : republish ? "Publish changes" : "Publish"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {result?.forecast ? <ForecastPanel forecast={result.forecast} /> : null}
        {warnings.length > 0 ? (
          <section aria-label="Warnings" className="overflow-hidden rounded-xl ring-1 ring-amber-200">
            <p className={cx("flex items-center gap-2 bg-amber-50 px-3.5 py-2 text-[13px] font-medium text-amber-900")}>
              {warnings.length} {warnings.length === 1 ? "thing" : "things"} to look at before it goes live
            </p>
            <ul className="max-h-[40vh] divide-y divide-slate-100 overflow-y-auto bg-white">
              {warnings.map((warning, index) => (
                <WarningItem key={`${warning.code}-${warning.nodeId ?? ""}-${index}`} warning={warning} node={warning.nodeId ? byId.get(warning.nodeId) : undefined} onShowStep={onShowStep} />
              ))}
            </ul>
          </section>
        ) : (
          <p className="flex items-center gap-2 text-[13px] text-emerald-700" data-testid="publish-no-warnings">
            <CheckIcon className="size-4 shrink-0" />
            No warnings: its events are logged, no live connector overlaps it, and the volume is moderate.
          </p>
        )}
      </div>
    </Dialog>
  );
}
