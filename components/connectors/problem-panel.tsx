"use client";

// Every problem in the graph, each a button that selects and frames its node.
import { useState } from "react";
import type { Problem } from "@/lib/engine/graph";
import { describeNode } from "@/lib/engine/nodes/registry";
import { cx } from "../ui/cx";
import { CheckIcon, ChevronUpDownIcon, WarningIcon } from "../ui/icons";
import type { CanvasNode } from "./graph-convert";
import { NODE_KINDS } from "./node-kinds";
import { SummaryText } from "./summary-text";
import { useDescribeContext } from "./use-describe-context";

type Props = {
  problems: readonly Problem[];
  nodes: readonly CanvasNode[];
  onFocus: (nodeId: string) => void;
  /** Set when the problems came back from the server's publish check. */
  fromServer: boolean;
  /** What to say when there is nothing to fix. */
  okLabel: string;
};

export function ProblemPanel({ problems, nodes, onFocus, fromServer, okLabel }: Props) {
  const [open, setOpen] = useState(true);
  const describeContext = useDescribeContext();

  if (problems.length === 0) {
    return (
      <div className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1.5 text-xs font-medium text-emerald-700 shadow-sm ring-1 ring-emerald-200" data-testid="graph-valid">
        <CheckIcon className="size-3.5" />
        {okLabel}
      </div>
    );
  }

  const byId = new Map(nodes.map((node) => [node.id, node]));
  return (
    <section className="w-80 overflow-hidden rounded-xl bg-white shadow-lg ring-1 ring-red-200" aria-label="Problems" data-testid="problem-list">
      <button type="button" onClick={() => setOpen(!open)} className="flex w-full items-center gap-2 bg-red-50 px-3.5 py-2.5 text-left text-sm font-medium text-red-800" aria-expanded={open}>
        <WarningIcon className="size-4 shrink-0 text-red-500" />
        <span className="flex-1">
          {problems.length} {problems.length === 1 ? "problem" : "problems"} to fix
        </span>
        <ChevronUpDownIcon className="size-4 text-red-400" />
      </button>
      <p className="border-b border-red-100 bg-red-50/40 px-3.5 pb-2 text-xs text-red-700">
        {fromServer ? "Publishing was refused for these reasons." : "Publishing is possible once these are fixed. Click one to go to its step."}
      </p>
      {open ? (
        <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto">
          {problems.map((problem, index) => {
            const node = problem.nodeId ? byId.get(problem.nodeId) : undefined;
            const kind = node ? NODE_KINDS[node.type] : undefined;
            const Icon = kind?.icon ?? WarningIcon;
            const content = (
              <>
                <span className={cx("mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-md ring-1 ring-inset", kind?.tile ?? "bg-red-50 text-red-600 ring-red-100")}>
                  <Icon className="size-3.5" />
                </span>
                <span className="min-w-0">
                  {node ? (
                    <span className="block truncate text-xs text-slate-500">
                      <SummaryText text={describeNode(node.type, node.data, describeContext)} />
                    </span>
                  ) : null}
                  <span className="block text-[13px] leading-5 text-slate-800">{problem.message}</span>
                </span>
              </>
            );
            return (
              <li key={`${problem.path}-${index}`}>
                {node ? (
                  <button type="button" onClick={() => onFocus(node.id)} className="flex w-full gap-2.5 px-3.5 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none" data-testid="problem-item">
                    {content}
                  </button>
                ) : (
                  <div className="flex gap-2.5 px-3.5 py-2.5" data-testid="problem-item">
                    {content}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
