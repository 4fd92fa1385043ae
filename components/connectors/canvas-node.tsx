"use client";

// One node on the canvas: icon and type, the engine's one-line summary, a red ring and
// count when validateGraph found problems, and live counts once the connector runs.
import { Handle, Position, useNodeConnections, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeStats } from "@/lib/client/connectors";
import { formatNumber } from "@/lib/client/format";
import { describeNode } from "@/lib/engine/describe";
import type { NodeType } from "@/lib/engine/node-data";
import { cx } from "../ui/cx";
import { useCanvasContext } from "./canvas-context";
import type { CanvasNode } from "./graph-convert";
import { NODE_KINDS, STAT_LABELS } from "./node-kinds";
import { SummaryText } from "./summary-text";

const HANDLE = "cue-handle";

const STAT_TONE: Partial<Record<keyof NodeStats, string>> = {
  failed: "bg-red-50 text-red-700 ring-red-200",
  cancelled: "bg-rose-50 text-rose-700 ring-rose-100",
  skipped: "bg-amber-50 text-amber-800 ring-amber-100",
};

/** The node's first count always, the others once they happened. */
function StatChips({ nodeId, type }: { nodeId: string; type: NodeType }) {
  const { stats } = useCanvasContext();
  if (!stats) return null;
  const counts = stats[nodeId];
  const shown = NODE_KINDS[type].stats.filter((key, index) => index === 0 || (counts?.[key] ?? 0) > 0);
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

/** Names a condition's outputs until something is connected to them (the edge then carries the label). */
function BranchHandles() {
  const yes = useNodeConnections({ handleType: "source", handleId: "yes" }).length > 0;
  const no = useNodeConnections({ handleType: "source", handleId: "no" }).length > 0;
  const label = "pointer-events-none absolute -bottom-5 text-[10px] font-semibold tracking-wider uppercase";
  return (
    <>
      <Handle type="source" id="yes" position={Position.Bottom} className={cx(HANDLE, "cue-handle-yes")} style={{ left: "30%" }} />
      <Handle type="source" id="no" position={Position.Bottom} className={cx(HANDLE, "cue-handle-no")} style={{ left: "70%" }} />
      {yes ? null : <span className={cx(label, "left-[30%] ml-2.5 text-emerald-600")}>yes</span>}
      {no ? null : <span className={cx(label, "left-[70%] ml-2.5 text-slate-500")}>no</span>}
    </>
  );
}

function CanvasNodeView({ id, type, data, selected }: NodeProps<CanvasNode>) {
  const { problemsByNode } = useCanvasContext();
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
      className={cx(
        "relative w-[264px] rounded-xl bg-white text-left shadow-[0_1px_2px_rgba(15,23,42,0.06),0_6px_16px_-6px_rgba(15,23,42,0.12)] transition-shadow",
        problems.length > 0 ? "ring-2 ring-red-400" : selected ? "ring-2 ring-brand-500" : "ring-1 ring-slate-200 hover:ring-slate-300",
        selected && problems.length > 0 && "outline-2 outline-offset-3 outline-brand-500",
      )}
    >
      {type !== "trigger" ? <Handle type="target" position={Position.Top} className={cx(HANDLE, connected && "cue-handle-connected")} /> : null}
      <div className="flex items-center gap-2 px-3 pt-2.5">
        <span className={cx("flex size-6 shrink-0 items-center justify-center rounded-md ring-1 ring-inset", kind.tile)}>
          <Icon className="size-3.5" />
        </span>
        <span className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{kind.label}</span>
        <span className="ml-auto flex flex-wrap items-center justify-end gap-1">
          <StatChips nodeId={id} type={type} />
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
        <SummaryText text={describeNode(type, data)} />
      </p>
      {type === "condition" ? <BranchHandles /> : <Handle type="source" position={Position.Bottom} className={HANDLE} />}
    </div>
  );
}

export const CanvasNodeComponent = memo(CanvasNodeView);
