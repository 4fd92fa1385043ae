"use client";

// Connections: a rounded step line with an arrow; a connection from a named output (a
// condition's yes / no) carries that name, and a selected one offers a remove button.
// While a test user's path is shown, the connections it took are lit and the rest dimmed.
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useInternalNode, useReactFlow, type EdgeProps } from "@xyflow/react";
import { isNodeType, outputsOf } from "@/lib/engine/nodes/registry";
import { memo } from "react";
import { formatNumber } from "@/lib/client/format";
import { cx } from "../ui/cx";
import { CloseIcon } from "../ui/icons";
import { useCanvasContext } from "./canvas-context";

function CueEdgeView({ id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, sourceHandleId, selected, markerEnd }: EdgeProps) {
  const { deleteElements } = useReactFlow();
  const { readOnly, stats, backtest, path: testPath } = useCanvasContext();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 12, offset: 20 });
  const from = useInternalNode(source);
  const output = from && isNodeType(from.type) && sourceHandleId ? outputsOf(from.type, from.data).find((o) => o.handle === sourceHandleId) : undefined;
  // The output's name (yes, no, a split's key); the weight is on the node already.
  const branch = output?.handle ?? null;
  // How many walks left by this output, once the connector runs (live counts only: the
  // backtest overlay has none per branch, and mixing the two would mislead).
  const taken = output?.handle && !backtest ? stats?.[source]?.branches?.[output.handle] : undefined;
  const onPath = testPath ? testPath.edges.has(id) : null;
  // A branch's label sits under its own handle, so a node's labels never overlap; a plain
  // connection's remove button halfway along.
  const [x, y] = branch ? [sourceX, sourceY + 18] : [labelX, labelY];

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cx("cue-edge", selected && "cue-edge-selected", onPath === true && "cue-edge-lit", onPath === false && "cue-edge-dim")} interactionWidth={24} />
      {branch || (selected && !readOnly) ? (
        <EdgeLabelRenderer>
          <div
            className={cx("nodrag nopan pointer-events-auto absolute flex items-center gap-1", onPath === false && "opacity-45")}
            style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
          >
            {branch ? (
              <span
                className={cx(
                  "rounded-full px-2 py-0.5 text-[10px] font-semibold tracking-wider uppercase ring-1",
                  output?.handle === "yes" ? "bg-emerald-50 text-emerald-700 ring-emerald-200" : "bg-slate-50 text-slate-600 ring-slate-200",
                )}
              >
                {branch}
                {taken !== undefined ? <span className="ml-1 font-normal tabular-nums normal-case" data-testid="branch-count">{formatNumber(taken)}</span> : null}
              </span>
            ) : null}
            {selected && !readOnly ? (
              <button
                type="button"
                onClick={() => void deleteElements({ edges: [{ id }] })}
                className="flex size-5 items-center justify-center rounded-full bg-white text-slate-500 shadow-sm ring-1 ring-slate-300 hover:text-red-600 hover:ring-red-300"
                aria-label="Remove connection"
              >
                <CloseIcon className="size-3" />
              </button>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const CueEdge = memo(CueEdgeView);
