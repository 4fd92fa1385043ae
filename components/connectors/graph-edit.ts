// Pure editing helpers for the canvas: ids, where a new step goes, which output of a
// step is still free, and whether a connection would close a loop.
import type { NodeType } from "@/lib/engine/nodes/definition";
import { outputsOf } from "@/lib/engine/nodes/registry";
import { reaches } from "@/lib/engine/walk";
import { EDGE_TYPE, type CanvasEdge, type CanvasNode } from "./graph-convert";

export const ROW_GAP = 150;
export const GRID = 10;

export function snap(value: number): number {
  return Math.round(value / GRID) * GRID;
}

export function newNodeId(type: NodeType, taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    const id = `${type}-${random().toString(36).slice(2, 7) || "0"}`;
    if (!taken.has(id)) return id;
  }
}

export function newEdgeId(source: string, handle: string | null | undefined, target: string): string {
  return `e-${source}${handle ? `-${handle}` : ""}-${target}`;
}

/** The output of `node` nothing is connected to yet (a handle name on a branching node, null on a single output); undefined when all are taken. */
export function freeOutput(node: CanvasNode, edges: readonly CanvasEdge[]): string | null | undefined {
  const used = edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle ?? null);
  if (isSingle(node)) return used.length === 0 ? null : undefined;
  return outputsOf(node.type, node.data).map((output) => output.handle).find((handle) => !used.includes(handle));
}

function isSingle(node: Pick<CanvasNode, "type" | "data">): boolean {
  return outputsOf(node.type, node.data).every((output) => output.handle === null);
}

// A branch's new step goes under its handle: the outputs spread across the node's width.
function branchShift(node: CanvasNode | undefined, handle: string | null | undefined): number {
  if (!node || handle == null) return 0;
  const handles = outputsOf(node.type, node.data).map((output) => output.handle);
  const index = handles.indexOf(handle);
  return index < 0 ? 0 : (index - (handles.length - 1) / 2) * 320;
}

/** Where a step added by click goes: under the anchor (the selected step), else under the lowest step. */
export function positionBelow(nodes: readonly CanvasNode[], anchor?: CanvasNode, handle?: string | null): { x: number; y: number } {
  const base = anchor ?? nodes.reduce<CanvasNode | undefined>((low, node) => (!low || node.position.y > low.position.y ? node : low), undefined);
  if (!base) return { x: 0, y: 0 };
  let position = { x: snap(base.position.x + branchShift(anchor, handle)), y: snap(base.position.y + ROW_GAP) };
  // Never drop a step exactly on top of another one.
  while (nodes.some((node) => Math.abs(node.position.x - position.x) < 40 && Math.abs(node.position.y - position.y) < 40)) {
    position = { x: position.x + 300, y: position.y };
  }
  return position;
}

/** True when an edge source → target would let the flow come back to source. */
export function createsCycle(edges: readonly CanvasEdge[], source: string, target: string): boolean {
  return reaches(target, source, (id) => edges.filter((edge) => edge.source === id).map((edge) => edge.target));
}

function edge(source: string, handle: string | null, target: string): CanvasEdge {
  return { id: newEdgeId(source, handle, target), source, target, sourceHandle: handle, type: EDGE_TYPE };
}

function descendants(edges: readonly CanvasEdge[], start: string): Set<string> {
  const found = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (found.has(current)) continue;
    found.add(current);
    for (const next of edges) if (next.source === current) stack.push(next.target);
  }
  return found;
}

/**
 * Adds a step by click. Under a selected step with a free output it is connected there;
 * under a step whose one output is taken it is inserted between that step and the next
 * (a branching step passes the flow on from its first output), and the steps below move down a row.
 * With no anchor, or a trigger being added, it goes under the lowest step, unconnected.
 */
export function addBelow(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  added: Omit<CanvasNode, "position">,
  anchor?: CanvasNode,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const free = anchor && added.type !== "trigger" ? freeOutput(anchor, edges) : undefined;
  const taken = anchor && added.type !== "trigger" && free === undefined && isSingle(anchor)
    ? edges.find((candidate) => candidate.source === anchor.id)
    : undefined;
  if (anchor && taken) {
    const position = { x: anchor.position.x, y: snap(anchor.position.y + ROW_GAP) };
    const below = descendants(edges, taken.target);
    const moved = nodes.map((node) => (below.has(node.id) ? { ...node, position: { x: node.position.x, y: node.position.y + ROW_GAP } } : node));
    const onward = outputsOf(added.type, added.data)[0]?.handle ?? null;
    return {
      nodes: [...moved, { ...added, position }],
      edges: [...edges.filter((other) => other !== taken), edge(anchor.id, taken.sourceHandle ?? null, added.id), edge(added.id, onward, taken.target)],
    };
  }
  const position = positionBelow(nodes, free === undefined ? undefined : anchor, free);
  return {
    nodes: [...nodes, { ...added, position }],
    edges: anchor && free !== undefined ? [...edges, edge(anchor.id, free, added.id)] : [...edges],
  };
}
