// The node definitions agree with each other and with what is already stored: every
// type's outputs are what its compiled step links to, and a rule stored before the
// definitions existed (condition branches as yes / no) still parses and runs.
import { describe, expect, it } from "vitest";
import { advance } from "../execute";
import { validateGraph, type Graph } from "../graph";
import { ruleSchema } from "../rule";
import { journeyTemplates } from "../journey-templates";
import { seedGraphs } from "../seed-graphs";
import { app, at, makeEvent, user } from "../test-records";
import { NODE_COUNTS, NODE_TYPES } from "./definition";
import { NODES, outputsOf, stepNode } from "./registry";

const ALL_TYPES: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "CART" } },
    { id: "d", type: "delay", position: { x: 0, y: 1 }, data: { amount: 1, unit: "hours" } },
    { id: "x", type: "cancel", position: { x: 0, y: 2 }, data: { events: ["BUY"] } },
    { id: "c", type: "condition", position: { x: 0, y: 3 }, data: { where: [{ path: "event.data.v", op: "gt", value: 1 }] } },
    { id: "yes", type: "action", position: { x: 0, y: 4 }, data: { kind: "send", channel: "push", body: "big" } },
    { id: "no", type: "action", position: { x: 1, y: 4 }, data: { kind: "addToSegment", segment: "small" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "d", sourceHandle: null },
    { id: "e2", source: "d", target: "x", sourceHandle: null },
    { id: "e3", source: "x", target: "c", sourceHandle: null },
    { id: "e4", source: "c", target: "yes", sourceHandle: "yes" },
    { id: "e5", source: "c", target: "no", sourceHandle: "no" },
  ],
};

describe("node definitions", () => {
  it("cover every node type, each with counts and a starting draft it can describe", () => {
    for (const type of NODE_TYPES) {
      const node = NODES[type];
      const counts = node.counts(node.initialData());
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.every((count) => (NODE_COUNTS as readonly string[]).includes(count))).toBe(true);
      expect(node.describe(node.initialData())).not.toBe("");
      expect(outputsOf(type, node.initialData()).length).toBeGreaterThan(0);
    }
  });

  it.each([["every node type", ALL_TYPES], ...Object.entries(seedGraphs), ...journeyTemplates.map((t) => [t.key, t.graph])] as Array<[string, Graph]>)(
    "compile each step of %s to link exactly where the node's outputs lead",
    (_, graph) => {
      const validation = validateGraph(graph);
      if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
      const { rule } = validation;
      expect(ruleSchema.parse(rule)).toEqual(rule);
      for (const node of graph.nodes.filter((n) => n.type !== "trigger")) {
        const step = rule.steps[node.id]!;
        const drawn = outputsOf(node.type, node.data).map((output) => {
          const edges = graph.edges.filter((e) => e.source === node.id && (output.handle === null || e.sourceHandle === output.handle));
          return edges[0]?.target ?? null;
        });
        expect(stepNode(step).targets(step)).toEqual(drawn);
      }
    },
  );

  it("runs a rule stored before node definitions, branch names and all", () => {
    const stored = {
      version: 1,
      trigger: { nodeId: "t", kind: "event", event: "CART", where: [], occurrences: null, reentry: "ifNotActive" },
      entry: "c",
      steps: {
        c: { type: "condition", id: "c", where: [{ path: "event.data.v", op: "gt", value: 1 }], match: "all", yes: "a", no: null },
        a: { type: "action", id: "a", action: { kind: "send", channel: "push", content: { body: "v={{ event.data.v }}" } }, next: null },
      },
      cancelEvents: [],
    };
    const rule = ruleSchema.parse(stored);
    const run = (v: number) => advance({ nodeId: rule.entry, dueAt: null }, { now: at(0), connectorId: "con1", rule, trigger: makeEvent("e", "CART", { v }), user, app, laterEvents: [] });
    expect(run(2).effects).toEqual([{ kind: "send", nodeId: "a", channel: "push", content: { body: "v=2" }, options: {} }]);
    expect(run(0)).toMatchObject({ effects: [], outcome: { status: "completed" }, trace: [{ nodeId: "c", what: "no" }] });
  });
});
