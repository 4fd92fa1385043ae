import { describe, expect, it } from "vitest";
import { draftGraphSchema, type Graph } from "@/lib/engine/graph";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { executionKey, flowToGraph, graphToFlow, sameGraph } from "./graph-convert";

const branching: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "PURCHASE" } },
    { id: "c", type: "condition", position: { x: 10.5, y: 150 }, data: { where: [{ path: "event.data.amount", op: "gte", value: 100 }], match: "all" } },
    { id: "yes", type: "action", position: { x: -160, y: 300 }, data: { kind: "send", channel: "push", body: "Thanks, big spender" } },
    { id: "no", type: "action", position: { x: 160, y: 300 }, data: { kind: "send", channel: "email", subject: "Thanks", body: "Thanks" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "c", sourceHandle: null },
    { id: "e2", source: "c", target: "yes", sourceHandle: "yes" },
    { id: "e3", source: "c", target: "no", sourceHandle: "no" },
  ],
};

describe("graph ↔ canvas", () => {
  it.each(Object.entries(seedGraphs))("the %s template survives graph → canvas → graph unchanged", (_key, graph) => {
    const { nodes, edges } = graphToFlow(graph);
    expect(flowToGraph(nodes, edges)).toStrictEqual(graph);
  });

  it("keeps condition branches, fractional positions and node data exactly", () => {
    const { nodes, edges } = graphToFlow(branching);
    expect(edges.map((edge) => edge.sourceHandle)).toEqual([null, "yes", "no"]);
    expect(flowToGraph(nodes, edges)).toStrictEqual(branching);
  });

  it("saves only the domain graph, never React Flow's editor state", () => {
    const { nodes, edges } = graphToFlow(branching);
    const edited = flowToGraph(
      nodes.map((node) => ({ ...node, selected: true, dragging: false, measured: { width: 260, height: 96 }, width: 260, zIndex: 3 })),
      edges.map((edge) => ({ ...edge, selected: true, animated: true, style: { stroke: "red" } })),
    );
    expect(edited).toStrictEqual(branching);
    expect(draftGraphSchema.parse(edited)).toStrictEqual(branching);
  });

  it("does not share node data with the canvas, so editing one never edits the other", () => {
    const { nodes } = graphToFlow(branching);
    (nodes[1]!.data.where as unknown[]).push({ path: "user.email", op: "exists" });
    expect(branching.nodes[1]!.data.where).toHaveLength(1);
  });
});

describe("sameGraph", () => {
  it("ignores key order, undefined values and a missing sourceHandle", () => {
    const reordered: Graph = {
      nodes: branching.nodes.map((node) => ({ data: { ...node.data, title: undefined }, position: node.position, type: node.type, id: node.id })),
      edges: branching.edges.map(({ sourceHandle, ...edge }) => (sourceHandle === null ? edge : { ...edge, sourceHandle })),
    };
    expect(sameGraph(reordered, branching)).toBe(true);
  });

  it("sees a moved node and a changed field", () => {
    const moved = structuredClone(branching);
    moved.nodes[0]!.position.x = 1;
    expect(sameGraph(moved, branching)).toBe(false);
    const edited = structuredClone(branching);
    edited.nodes[2]!.data.body = "Thanks";
    expect(sameGraph(edited, branching)).toBe(false);
  });
});

describe("executionKey", () => {
  it("ignores where the nodes sit, and changes with anything that runs", () => {
    const moved: Graph = { ...branching, nodes: branching.nodes.map((node) => ({ ...node, position: { x: node.position.x + 40, y: node.position.y } })) };
    expect(executionKey(moved)).toBe(executionKey(branching));
    const edited: Graph = { ...branching, nodes: branching.nodes.map((node) => (node.id === "yes" ? { ...node, data: { ...node.data, body: "Thanks!" } } : node)) };
    expect(executionKey(edited)).not.toBe(executionKey(branching));
    expect(executionKey({ ...branching, edges: branching.edges.slice(1) })).not.toBe(executionKey(branching));
  });
});
