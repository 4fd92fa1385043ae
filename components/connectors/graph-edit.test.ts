import { describe, expect, it } from "vitest";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { graphToFlow, type CanvasNode } from "./graph-convert";
import { addBelow, createsCycle, freeOutput, newEdgeId, newNodeId, positionBelow } from "./graph-edit";
import { flowToGraph } from "./graph-convert";
import { validateGraph } from "@/lib/engine/graph";

const { nodes, edges } = graphToFlow(seedGraphs.cartAbandonment);
const node = (id: string) => nodes.find((n) => n.id === id)!;
const condition: CanvasNode = { id: "c", type: "condition", position: { x: 0, y: 0 }, data: {} };

describe("canvas editing helpers", () => {
  it("makes node ids that are new and name their type", () => {
    const values = [0.5, 0.5, 0.25];
    const id = newNodeId("delay", new Set([newNodeId("delay", new Set(), () => 0.5)]), () => values.shift()!);
    expect(id).toMatch(/^delay-/);
    expect(id).not.toBe(newNodeId("delay", new Set(), () => 0.5));
    expect(newEdgeId("c", "yes", "send")).toBe("e-c-yes-send");
  });

  it("finds the free output of a step", () => {
    expect(freeOutput(node("delay"), edges)).toBeUndefined();
    expect(freeOutput(node("send"), edges)).toBeNull();
    expect(freeOutput(condition, [])).toBe("yes");
    expect(freeOutput(condition, [{ id: "e", source: "c", target: "x", sourceHandle: "yes" }])).toBe("no");
    expect(freeOutput(condition, [{ id: "e", source: "c", target: "x", sourceHandle: "yes" }, { id: "f", source: "c", target: "y", sourceHandle: "no" }])).toBeUndefined();
  });

  it("places a new step under its anchor, or under the lowest step, never on top of another", () => {
    expect(positionBelow([])).toEqual({ x: 0, y: 0 });
    expect(positionBelow(nodes)).toEqual({ x: 0, y: 600 });
    expect(positionBelow(nodes, node("trigger"))).toEqual({ x: 300, y: 150 });
    expect(positionBelow([condition], condition, "no")).toEqual({ x: 160, y: 150 });
  });

  it("sees a connection that would close a loop", () => {
    expect(createsCycle(edges, "send", "trigger")).toBe(true);
    expect(createsCycle(edges, "cancel", "delay")).toBe(true);
    expect(createsCycle(edges, "send", "send")).toBe(true);
    expect(createsCycle(edges, "trigger", "send")).toBe(false);
  });
});

describe("addBelow (click to add)", () => {
  const step = (id: string, type: CanvasNode["type"], data: Record<string, unknown>) => ({ id, type, data });

  it("connects a new step to the selected step's free output", () => {
    const result = addBelow(nodes, edges, step("more", "delay", { amount: 1, unit: "hours" }), node("send"));
    expect(result.nodes.at(-1)!.position).toEqual({ x: 0, y: 600 });
    expect(result.edges.at(-1)).toMatchObject({ source: "send", target: "more", sourceHandle: null });
    expect(validateGraph(flowToGraph(result.nodes, result.edges)).ok).toBe(true);
  });

  it("inserts between a step and its next one, moving the rest down a row", () => {
    const result = addBelow(nodes, edges, step("check", "condition", { where: [{ path: "event.data.qty", op: "gte", value: 2 }] }), node("delay"));
    const graph = flowToGraph(result.nodes, result.edges);
    expect(graph.edges.filter((e) => e.source === "delay")).toEqual([expect.objectContaining({ target: "check" })]);
    expect(graph.edges.filter((e) => e.source === "check")).toEqual([expect.objectContaining({ target: "cancel", sourceHandle: "yes" })]);
    expect(graph.nodes.find((n) => n.id === "check")!.position).toEqual({ x: 0, y: 300 });
    expect(graph.nodes.find((n) => n.id === "cancel")!.position).toEqual({ x: 0, y: 450 });
    expect(graph.nodes.find((n) => n.id === "send")!.position).toEqual({ x: 0, y: 600 });
    expect(graph.nodes.find((n) => n.id === "trigger")!.position).toEqual({ x: 0, y: 0 });
    expect(validateGraph(graph).ok).toBe(true);
  });

  it("never connects a new trigger, and adds under the lowest step without a selection", () => {
    const trigger = addBelow(nodes, edges, step("t2", "trigger", { kind: "event", event: "X" }), node("send"));
    expect(trigger.edges).toEqual(edges);
    const loose = addBelow(nodes, edges, step("d2", "delay", {}));
    expect(loose.edges).toEqual(edges);
    expect(loose.nodes.at(-1)!.position).toEqual({ x: 0, y: 600 });
  });
});
