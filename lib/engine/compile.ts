import type { Graph, GraphEdge } from "./graph";
import type { CompileContext } from "./nodes/definition";
import type { TemplateContent } from "./nodes/fields";
import { triggerNode } from "./nodes/trigger";
import { stepNodeOf, type Step } from "./nodes/registry";
import type { Rule } from "./rule";

// Turns a graph that validateGraph accepted into the plain-JSON rule the engine runs.
// Call it only through validateGraph: it parses node data with the strict schemas
// and throws on a graph that was not validated. A send that names a template gets the
// template's texts copied into its step: a published version keeps what it sends.
export function compile(graph: Graph, templates?: ReadonlyMap<string, TemplateContent>): Rule {
  const context: CompileContext = { template: (id) => templates?.get(id) };
  const trigger = graph.nodes.find((node) => node.type === "trigger");
  if (!trigger) throw new Error("compile: the graph has no trigger");

  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  // A node's single output ignores the handle; a branch is found by its handle.
  const nextOf = (nodeId: string) => (handle: string | null): string | null => {
    const edges = outgoing.get(nodeId) ?? [];
    const edge = handle === null ? edges[0] : edges.find((candidate) => candidate.sourceHandle === handle);
    return edge?.target ?? null;
  };

  const steps: Record<string, Step> = {};
  const listened = new Set<string>();
  for (const node of graph.nodes) {
    if (node.type === "trigger") continue;
    const definition = stepNodeOf(node.type);
    const step = definition.compile(node.id, definition.data.parse(node.data), nextOf(node.id), context);
    steps[node.id] = step;
    definition.listensFor?.(step).forEach((event) => listened.add(event));
  }

  return {
    version: 1,
    trigger: triggerNode.compileTrigger(trigger.id, triggerNode.data.parse(trigger.data)),
    entry: nextOf(trigger.id)(null),
    steps,
    // Events that matter to walks in progress, for the rule index (cancel steps today).
    cancelEvents: [...listened].sort(),
  };
}
