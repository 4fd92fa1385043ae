// Rules for the checks' unit tests, compiled from small graphs the way publish does.
import { validateGraph, type Graph } from "@/lib/engine/graph";
import type { Rule } from "@/lib/engine/rule";

type Node = { id: string; type: Graph["nodes"][number]["type"]; data: Record<string, unknown> };
type Edge = [source: string, target: string, handle?: string];

export function ruleOf(nodes: Node[], edges: Edge[]): Rule {
  const graph: Graph = {
    nodes: nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })),
    edges: edges.map(([source, target, handle], index) => ({ id: `e${index}`, source, target, sourceHandle: handle ?? null })),
  };
  const validation = validateGraph(graph);
  if (!validation.ok) throw new Error(`test graph does not compile: ${JSON.stringify(validation.problems)}`);
  return validation.rule;
}

export const on = (event: string, extra: Record<string, unknown> = {}): Node => ({ id: "t", type: "trigger", data: { kind: "event", event, ...extra } });
export const send = (id: string, channel = "push", extra: Record<string, unknown> = {}): Node => ({
  id,
  type: "action",
  data: { kind: "send", channel, body: "Hello", ...(channel === "email" ? { subject: "Hi" } : {}), ...extra },
});
export const step = (id: string, type: Node["type"], data: Record<string, unknown>): Node => ({ id, type, data });
