"use client";

// One node on the canvas: icon and type, the engine's one-line summary, a red ring and
// count when validateGraph found problems, and live counts once the connector runs — or,
// while a backtest is shown, its counts in violet; while a test user's path is shown, lit
// or dimmed, with a note where the walk stopped.
import { Handle, Position, useNodeConnections, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeStats } from "@/lib/client/connectors";
import { formatNumber } from "@/lib/client/format";
import { countsOf, describeNode, outputsOf } from "@/lib/engine/nodes/registry";
import type { NodeType, Output } from "@/lib/engine/nodes/definition";
import { cx } from "../ui/cx";
import { backtestChips } from "./backtest-text";
import { useCanvasContext } from "./canvas-context";
import type { CanvasNode } from "./graph-convert";
import { NODE_KINDS, STAT_LABELS } from "./node-kinds";
import type { PathNote } from "./simulate-path";
import { SummaryText } from "./summary-text";
import { useDescribeContext } from "./use-describe-context";

const HANDLE = "cue-handle";

const STAT_TONE: Partial<Record<keyof NodeStats, string>> = {
  failed: "bg-red-50 text-red-700 ring-red-200",
  cancelled: "bg-rose-50 text-rose-700 ring-rose-100",
  skipped: "bg-amber-50 text-amber-800 ring-amber-100",
  held: "bg-sky-50 text-sky-800 ring-sky-100",
};

/** What the backtest says the node would have counted, in the backtest's violet. */
function BacktestChips({ nodeId, type, data }: { nodeId: string; type: NodeType; data: unknown }) {
  const { backtest } = useCanvasContext();
  if (!backtest) return null;
  return backtestChips(type, data, backtest[nodeId]).map(({ key, value }) => (
    <span
      key={key}
      data-testid={`node-backtest-${key}`}
      title="Backtest: what this step would have counted"
      className={cx(
        "rounded-full px-1.5 py-px text-[11px] whitespace-nowrap tabular-nums ring-1 ring-inset",
        value > 0 ? "bg-violet-600 text-white ring-violet-600" : "bg-violet-50 text-violet-700 ring-violet-200",
      )}
    >
      <span className="font-semibold">{formatNumber(value)}</span> {STAT_LABELS[key]}
    </span>
  ));
}

const NOTE_TONE: Record<PathNote["tone"], string> = {
  cancelled: "bg-amber-50 text-amber-800 ring-amber-200",
  waiting: "bg-brand-50 text-brand-700 ring-brand-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

/** The node's first count always, the others once they happened. */
function StatChips({ nodeId, type, data }: { nodeId: string; type: NodeType; data: unknown }) {
  const { stats, backtest } = useCanvasContext();
  if (backtest) return <BacktestChips nodeId={nodeId} type={type} data={data} />;
  if (!stats) return null;
  const counts = stats[nodeId];
  const shown = countsOf(type, data).filter((key, index) => index === 0 || (counts?.[key] ?? 0) > 0);
  return shown.map((key) => {
    const value = counts?.[key] ?? 0;
    return (
      <span
        key={key}
        data-testid={`node-stat-${key}`}
        className={cx(
          "rounded-full px-1.5 py-px text-[11px] whitespace-nowrap tabular-nums ring-1 ring-inset",
          value > 0 && STAT_TONE[key] ? STAT_TONE[key] : "bg-slate-50 text-slate-600 ring-slate-200",
        )}
      >
        <span className="font-semibold">{formatNumber(value)}</span> {STAT_LABELS[key]}
      </span>
    );
  });
}

/** Where the i-th of n outputs sits along the node's bottom edge, in percent. */
function outputLeft(index: number, count: number): number {
  if (count === 1) return 50;
  const spread = Math.min(70, 20 * count);
  return 50 - spread / 2 + (index * spread) / (count - 1);
}

function OutputHandle({ output, left }: { output: Output; left: number }) {
  const connected = useNodeConnections({ handleType: "source", handleId: output.handle ?? undefined }).length > 0;
  const tone = output.handle === "yes" ? "text-emerald-600" : "text-slate-500";
  return (
    <>
      <Handle
        type="source"
        id={output.handle ?? undefined}
        position={Position.Bottom}
        className={cx(HANDLE, output.handle === "yes" ? "cue-handle-yes" : "cue-handle-branch")}
        style={{ left: `${left}%` }}
      />
      {/* Named until something is connected to it; the edge then carries the label. */}
      {connected ? null : (
        <span className={cx("pointer-events-none absolute -bottom-5 ml-2.5 text-[10px] font-semibold tracking-wider whitespace-nowrap uppercase", tone)} style={{ left: `${left}%` }}>
          {output.label}
        </span>
      )}
    </>
  );
}

/** One plain handle for a single output; a named, labelled handle per branch. */
function OutputHandles({ type, data }: { type: NodeType; data: unknown }) {
  const outputs = outputsOf(type, data);
  if (outputs.every((output) => output.handle === null)) return <Handle type="source" position={Position.Bottom} className={HANDLE} />;
  return outputs.map((output, index) => <OutputHandle key={output.handle} output={output} left={outputLeft(index, outputs.length)} />);
}

function CanvasNodeView({ id, type, data, selected }: NodeProps<CanvasNode>) {
  const { problemsByNode, splits, backtest, path } = useCanvasContext();
  const describeContext = useDescribeContext();
  // A split's live verdict is about live traffic; the backtest overlay shows its own counts only.
  const verdict = backtest ? undefined : splits?.[id];
  const onPath = path ? path.nodes.has(id) : null;
  const note = path?.notes.get(id);
  const kind = NODE_KINDS[type];
  const problems = problemsByNode.get(id) ?? [];
  const Icon = kind.icon;
  // A connected input hides behind its arrow; an open one stays visible as a hint.
  const connected = useNodeConnections({ handleType: "target" }).length > 0;

  return (
    <div
      data-testid={`node-${type}`}
      data-node-id={id}
      data-invalid={problems.length > 0 || undefined}
      data-path={onPath === null ? undefined : onPath ? "lit" : "dim"}
      className={cx(
        "relative w-[264px] rounded-xl bg-white text-left shadow-[0_1px_2px_rgba(15,23,42,0.06),0_6px_16px_-6px_rgba(15,23,42,0.12)] transition-[box-shadow,opacity]",
        problems.length > 0
          ? "ring-2 ring-red-400"
          : onPath
            ? "ring-2 ring-emerald-500 shadow-[0_0_0_5px_rgba(16,185,129,0.14),0_6px_16px_-6px_rgba(15,23,42,0.12)]"
            : selected
              ? "ring-2 ring-brand-500"
              : "ring-1 ring-slate-200 hover:ring-slate-300",
        selected && (problems.length > 0 || onPath) && "outline-2 outline-offset-3 outline-brand-500",
        onPath === false && "opacity-45 saturate-50",
      )}
    >
      {type !== "trigger" ? <Handle type="target" position={Position.Top} className={cx(HANDLE, connected && "cue-handle-connected")} /> : null}
      <div className="flex items-center gap-2 px-3 pt-2.5">
        <span className={cx("flex size-6 shrink-0 items-center justify-center rounded-md ring-1 ring-inset", kind.tile)}>
          <Icon className="size-3.5" />
        </span>
        <span className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{kind.label}</span>
        <span className="ml-auto flex flex-wrap items-center justify-end gap-1">
          <StatChips nodeId={id} type={type} data={data} />
          {problems.length > 0 ? (
            <span
              className="inline-flex h-[18px] min-w-[18px] items-center justify-center rounded-full bg-red-500 px-1.5 text-[11px] font-semibold text-white tabular-nums"
              title={problems.map((problem) => problem.message).join("\n")}
              data-testid="node-problem-count"
            >
              {problems.length}
              <span className="sr-only">{problems.length === 1 ? " problem" : " problems"}</span>
            </span>
          ) : null}
        </span>
      </div>
      <p className="line-clamp-3 px-3 pt-1.5 pb-3 text-[13px] leading-5 font-medium break-words text-slate-800" data-testid="node-summary">
        <SummaryText text={describeNode(type, data, describeContext)} />
      </p>
      {note ? (
        <p className={cx("mx-3 -mt-1 mb-3 rounded-md px-2 py-1 text-[12px] leading-4 font-medium ring-1 ring-inset", NOTE_TONE[note.tone])} data-testid="node-path-note">
          {note.text}
        </p>
      ) : null}
      {verdict ? (
        <p
          className={cx("-mt-1.5 px-3 pb-3 text-[12px] leading-4", verdict.best ? "font-medium text-emerald-700" : "text-slate-500")}
          data-testid="split-verdict"
        >
          {verdict.summary}
        </p>
      ) : null}
      <OutputHandles type={type} data={data} />
    </div>
  );
}

export const CanvasNodeComponent = memo(CanvasNodeView);
