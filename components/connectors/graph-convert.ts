// The one place where the domain graph (API.md "Graph") meets React Flow's editor
// state. Everything React Flow adds (selected, measured, dragging, edge type) stays
// on the canvas; only { id, type, position, data } and { id, source, target,
// sourceHandle } are ever saved.
import type { Edge, Node } from "@xyflow/react";
import type { Graph, GraphEdge, GraphNode } from "@/lib/engine/graph";
import type { NodeType } from "@/lib/engine/nodes/definition";

export type NodeData = Record<string, unknown>;
export type CanvasNode = Node<NodeData, NodeType>;
export type CanvasEdge = Edge;

/** The edge renderer every connection uses (see edge-types.tsx). */
export const EDGE_TYPE = "cue";

export function toCanvasNode(node: GraphNode): CanvasNode {
  return { id: node.id, type: node.type, position: { x: node.position.x, y: node.position.y }, data: structuredClone(node.data) };
}

export function toCanvasEdge(edge: GraphEdge): CanvasEdge {
  return { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? null, type: EDGE_TYPE };
}

export function graphToFlow(graph: Graph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return { nodes: graph.nodes.map(toCanvasNode), edges: graph.edges.map(toCanvasEdge) };
}

export function flowToGraph(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Graph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: node.position.x, y: node.position.y },
      data: structuredClone(node.data),
    })),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? null })),
  };
}

// JSON with sorted keys, no undefined values and a missing sourceHandle read as null:
// the stored graph comes back from a JSONB column with its keys reordered, so plain
// JSON.stringify would call an untouched canvas "changed".
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]));
}

export function graphKey(graph: Graph): string {
  return JSON.stringify(
    canonical({ nodes: graph.nodes, edges: graph.edges.map((edge) => ({ ...edge, sourceHandle: edge.sourceHandle ?? null })) }),
  );
}

export function sameGraph(a: Graph, b: Graph): boolean {
  return graphKey(a) === graphKey(b);
}

/** The graph as it runs: where the nodes sit on the canvas left out, so moving one changes nothing. */
export function executionKey(graph: Graph): string {
  return graphKey({ nodes: graph.nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })), edges: graph.edges });
}
