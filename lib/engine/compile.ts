import type { Graph, GraphEdge, GraphNode } from "./graph";
import { UNIT_MS, nodeDataSchemas, type ActionData } from "./node-data";
import type { ActionSpec, Content, Rule, Step } from "./rule";

// Turns a graph that validateGraph accepted into the plain-JSON rule the engine runs.
// Call it only through validateGraph: it parses node data with the strict schemas
// and throws on a graph that was not validated.
export function compile(graph: Graph): Rule {
  const trigger = graph.nodes.find((node) => node.type === "trigger");
  if (!trigger) throw new Error("compile: the graph has no trigger");

  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  const nextOf = (nodeId: string, handle?: "yes" | "no"): string | null => {
    const edges = outgoing.get(nodeId) ?? [];
    const edge = handle ? edges.find((candidate) => candidate.sourceHandle === handle) : edges[0];
    return edge?.target ?? null;
  };

  const steps: Record<string, Step> = {};
  for (const node of graph.nodes) {
    if (node.type !== "trigger") steps[node.id] = compileStep(node, nextOf);
  }

  const cancelEvents = new Set<string>();
  for (const step of Object.values(steps)) {
    if (step.type === "cancel") step.events.forEach((event) => cancelEvents.add(event));
  }

  return {
    version: 1,
    trigger: compileTrigger(trigger),
    entry: nextOf(trigger.id),
    steps,
    cancelEvents: [...cancelEvents].sort(),
  };
}

function compileTrigger(node: GraphNode): Rule["trigger"] {
  const data = nodeDataSchemas.trigger.parse(node.data);
  if (data.kind === "inactivity") return { nodeId: node.id, kind: "inactivity", event: data.event, days: data.days };
  return {
    nodeId: node.id,
    kind: "event",
    event: data.event,
    where: data.where ?? [],
    occurrences: data.occurrences
      ? {
          atLeast: data.occurrences.atLeast,
          sameValueOf: data.occurrences.sameValueOf ?? null,
          withinHours: data.occurrences.withinHours ?? null,
        }
      : null,
    reentry: data.reentry,
  };
}

function compileStep(node: GraphNode, nextOf: (nodeId: string, handle?: "yes" | "no") => string | null): Step {
  const id = node.id;
  switch (node.type) {
    case "delay": {
      const data = nodeDataSchemas.delay.parse(node.data);
      return { type: "delay", id, ms: Math.round(data.amount * UNIT_MS[data.unit]), next: nextOf(id) };
    }
    case "cancel": {
      const data = nodeDataSchemas.cancel.parse(node.data);
      return { type: "cancel", id, events: data.events, where: data.where ?? [], sameValueOf: data.sameValueOf ?? [], next: nextOf(id) };
    }
    case "condition": {
      const data = nodeDataSchemas.condition.parse(node.data);
      return { type: "condition", id, where: data.where, match: data.match, yes: nextOf(id, "yes"), no: nextOf(id, "no") };
    }
    case "action":
      return { type: "action", id, action: compileAction(nodeDataSchemas.action.parse(node.data)), next: nextOf(id) };
    case "trigger":
      throw new Error("compile: a trigger is not a step");
  }
}

function compileAction(data: ActionData): ActionSpec {
  switch (data.kind) {
    case "send":
      return { kind: "send", channel: data.channel, content: content(data) };
    case "addToSegment":
    case "removeFromSegment":
      return { kind: data.kind, segment: data.segment };
    case "sendToSegment":
      return { kind: "sendToSegment", segment: data.segment, channel: data.channel, content: content(data) };
  }
}

// The inspector saves cleared optional inputs as "", which means "not set".
function content(data: { title?: string; subject?: string; body: string; url?: string }): Content {
  const result: Content = { body: data.body };
  if (data.title?.trim()) result.title = data.title;
  if (data.subject?.trim()) result.subject = data.subject;
  if (data.url?.trim()) result.url = data.url;
  return result;
}
