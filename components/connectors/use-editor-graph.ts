"use client";

// The draft on the canvas: React Flow's node and edge state plus the edits the editor
// makes (add, connect, change data, delete, focus). The domain graph is derived from
// it, never stored beside it.
import { useEdgesState, useNodesState, useReactFlow, type Connection } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import type { Graph } from "@/lib/engine/graph";
import type { NodeType } from "@/lib/engine/nodes/definition";
import { EDGE_TYPE, flowToGraph, graphToFlow, type CanvasEdge, type CanvasNode, type NodeData } from "./graph-convert";
import { addBelow, newEdgeId, newNodeId } from "./graph-edit";
import { NODE_KINDS } from "./node-kinds";

const FOCUS = { duration: 350, maxZoom: 1.1, padding: 0.6 } as const;

export function useEditorGraph(initial: Graph) {
  const [start] = useState(() => graphToFlow(initial));
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>(start.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<CanvasEdge>(start.edges);
  const { fitView, deleteElements } = useReactFlow<CanvasNode, CanvasEdge>();
  const graph = useMemo(() => flowToGraph(nodes, edges), [nodes, edges]);

  const select = useCallback(
    (nodeId: string | null) => {
      setNodes((current) => current.map((node) => (node.selected === (node.id === nodeId) ? node : { ...node, selected: node.id === nodeId })));
      setEdges((current) => current.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
    },
    [setNodes, setEdges],
  );

  const focus = useCallback(
    (nodeId: string) => {
      select(nodeId);
      // After React has committed the selection, so the frame uses measured sizes.
      requestAnimationFrame(() => void fitView({ nodes: [{ id: nodeId }], ...FOCUS }));
    },
    [select, fitView],
  );

  /** Adds a step: where it was dropped, or by click under (and connected to) the selected step. */
  const addNode = useCallback(
    (type: NodeType, dropped?: { x: number; y: number }) => {
      const id = newNodeId(type, new Set(nodes.map((node) => node.id)));
      const added = { id, type, data: NODE_KINDS[type].initialData(), selected: true };
      const unselected = nodes.map((other) => (other.selected ? { ...other, selected: false } : other));
      if (dropped) {
        setNodes([...unselected, { ...added, position: dropped }]);
      } else {
        const next = addBelow(unselected, edges, added, nodes.find((node) => node.selected));
        setNodes(next.nodes);
        setEdges(next.edges);
        requestAnimationFrame(() => void fitView({ nodes: [{ id }], ...FOCUS, maxZoom: 1 }));
      }
      return id;
    },
    [nodes, edges, setNodes, setEdges, fitView],
  );

  // One next step per output: a new connection from an output replaces the old one.
  const connect = useCallback(
    (connection: Connection) => {
      const handle = connection.sourceHandle ?? null;
      setEdges((current) => [
        ...current.filter((edge) => !(edge.source === connection.source && (edge.sourceHandle ?? null) === handle)),
        { id: newEdgeId(connection.source, handle, connection.target), source: connection.source, target: connection.target, sourceHandle: handle, type: EDGE_TYPE },
      ]);
    },
    [setEdges],
  );

  const updateData = useCallback(
    (nodeId: string, data: NodeData) => setNodes((current) => current.map((node) => (node.id === nodeId ? { ...node, data } : node))),
    [setNodes],
  );

  const removeNode = useCallback((nodeId: string) => void deleteElements({ nodes: [{ id: nodeId }] }), [deleteElements]);

  const replace = useCallback(
    (next: Graph) => {
      const flow = graphToFlow(next);
      setNodes(flow.nodes);
      setEdges(flow.edges);
    },
    [setNodes, setEdges],
  );

  return { nodes, edges, graph, onNodesChange, onEdgesChange, select, focus, addNode, connect, updateData, removeNode, replace };
}
