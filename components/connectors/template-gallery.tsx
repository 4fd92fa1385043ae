"use client";

// The seed's use cases and the branching journeys as ready graphs: one click creates the
// connector and opens it.
import type { Graph } from "@/lib/engine/graph";
import { describeNode } from "@/lib/engine/nodes/registry";
import { journeyTemplates } from "@/lib/engine/journey-templates";
import { seedConnectors, seedGraphs } from "@/lib/engine/seed-graphs";
import { cx } from "../ui/cx";
import { Spinner } from "../ui/spinner";
import { NODE_KINDS } from "./node-kinds";
import { SummaryText } from "./summary-text";

export const TEMPLATES: Array<{ key: string; name: string; description: string; graph: Graph }> = [
  ...seedConnectors.map((template) => ({ ...template, graph: seedGraphs[template.key] as Graph })),
  ...journeyTemplates,
];
export type Template = (typeof TEMPLATES)[number];

function StepList({ graph }: { graph: Graph }) {
  return (
    <ol className="space-y-1.5">
      {graph.nodes.map((node, index) => {
        const kind = NODE_KINDS[node.type];
        const Icon = kind.icon;
        return (
          <li key={node.id} className="relative flex items-center gap-2">
            {index < graph.nodes.length - 1 ? <span className="absolute top-5 left-2.5 h-2 w-px bg-slate-200" aria-hidden="true" /> : null}
            <span className={cx("flex size-5 shrink-0 items-center justify-center rounded-md ring-1 ring-inset", kind.tile)}>
              <Icon className="size-3" />
            </span>
            <span className="truncate text-xs text-slate-600">
              <SummaryText text={describeNode(node.type, node.data)} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function TemplateGallery({ onPick, pending }: { onPick: (template: Template) => void; pending: string | null }) {
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Templates" data-testid="template-gallery">
      {TEMPLATES.map((template) => (
        <li key={template.key}>
          <button
            type="button"
            onClick={() => onPick(template)}
            disabled={pending !== null}
            aria-label={`Use template ${template.name}`}
            className={cx(
              "group flex h-full w-full flex-col rounded-xl bg-white p-4 text-left shadow-xs ring-1 ring-slate-200 transition",
              "hover:shadow-md hover:ring-brand-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
              "disabled:cursor-wait disabled:opacity-60",
            )}
          >
            <span className="flex items-start justify-between gap-2">
              <span className="text-sm font-semibold text-slate-900 group-hover:text-brand-700">{template.name}</span>
              {pending === template.key ? (
                <Spinner className="text-brand-600" />
              ) : (
                <span className="shrink-0 text-xs font-medium text-brand-600 opacity-0 transition-opacity group-hover:opacity-100">Use →</span>
              )}
            </span>
            <span className="mt-1 mb-3 block text-xs leading-5 text-slate-500">{template.description}</span>
            <span className="mt-auto block rounded-lg bg-slate-50 p-2.5 ring-1 ring-slate-100">
              <StepList graph={template.graph} />
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
