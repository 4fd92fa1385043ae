"use client";

// The React Flow surface: drop target for the palette, connections, keyboard delete,
// minimap and zoom controls. State lives with the caller; this only draws and reports.
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type OnEdgesChange,
  type OnNodesChange,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./canvas.css";
import { useRef, useState, type DragEvent, type ReactNode } from "react";
import type { NodeType } from "@/lib/engine/nodes/definition";
import { isNodeType } from "@/lib/engine/nodes/registry";
import { cx } from "../ui/cx";
import { edgeTypes, nodeTypes } from "./flow-types";
import type { CanvasEdge, CanvasNode } from "./graph-convert";
import { createsCycle, snap } from "./graph-edit";
import { NODE_KINDS } from "./node-kinds";
import { DRAG_MIME } from "./palette";
import { useKeepInView } from "./use-keep-in-view";

const NODE_WIDTH = 264;
const DELETE_KEYS = ["Delete", "Backspace"];
// Stable objects: React Flow copies these props into its store whenever they change,
// and a fresh object on every render would override a fitView({ nodes }) in flight.
const FIT_VIEW = { padding: 0.25, maxZoom: 1 };
const MINIMAP_SIZE = { width: 176, height: 120 };
const SNAP_GRID: [number, number] = [10, 10];

type Props = {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  onNodesChange: OnNodesChange<CanvasNode>;
  onEdgesChange: OnEdgesChange<CanvasEdge>;
  onConnect: (connection: Connection) => void;
  onDropNode: (type: NodeType, position: { x: number; y: number }) => void;
  readOnly: boolean;
  /** Floating content at the top left: the problem list (with what a dry run shows), or the version banner. */
  overlay?: ReactNode;
};

function ArrowMarkers() {
  return (
    <svg className="absolute size-0" aria-hidden="true">
      <defs>
        {[
          ["cue-arrow", "#94a3b8"],
          ["cue-arrow-selected", "#4f6ef7"],
          ["cue-arrow-lit", "#10b981"],
        ].map(([id, color]) => (
          <marker key={id} id={id} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M1 1.5 8.5 5 1 8.5Z" fill={color} stroke={color} strokeLinejoin="round" />
          </marker>
        ))}
      </defs>
    </svg>
  );
}

export function FlowCanvas({ nodes, edges, onNodesChange, onEdgesChange, onConnect, onDropNode, readOnly, overlay }: Props) {
  const { screenToFlowPosition } = useReactFlow();
  // While a connection is dragged, every input that could take it lights up.
  const [connecting, setConnecting] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  // Fit only a canvas that starts with steps: on an empty one the queued fit would
  // fire on the first drop and yank that step away from where it was put.
  const [fitOnMount] = useState(nodes.length > 0);
  const selected = nodes.filter((node) => node.selected);
  useKeepInView(selected.length === 1 ? selected[0]!.id : undefined, container);

  function onDragOver(event: DragEvent) {
    if (readOnly || !event.dataTransfer.types.includes(DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(DRAG_MIME);
    if (readOnly || !isNodeType(type)) return;
    event.preventDefault();
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    // The drop point becomes the middle of the node's header, where the cursor held it.
    onDropNode(type, { x: snap(point.x - NODE_WIDTH / 2), y: snap(point.y - 24) });
  }

  const isValidConnection = (connection: Connection | Edge) => {
    const target = nodes.find((node) => node.id === connection.target);
    return target?.type !== "trigger" && !createsCycle(edges, connection.source, connection.target);
  };

  return (
    <div ref={container} className={cx("cue-canvas absolute inset-0", readOnly && "cue-canvas-readonly", connecting && "cue-connecting")} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ArrowMarkers />
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectStart={() => setConnecting(true)}
        onConnectEnd={() => setConnecting(false)}
        isValidConnection={isValidConnection}
        connectionLineType={ConnectionLineType.SmoothStep}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        snapToGrid
        snapGrid={SNAP_GRID}
        fitView={fitOnMount}
        fitViewOptions={FIT_VIEW}
        minZoom={0.25}
        maxZoom={1.75}
        attributionPosition="bottom-center"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.25} color="#cbd5e1" />
        <Controls position="bottom-left" showInteractive={false} className="cue-controls" />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={(node) => (isNodeType(node.type) ? NODE_KINDS[node.type].color : "#94a3b8")}
          nodeBorderRadius={8}
          maskColor="rgba(241, 245, 249, 0.7)"
          className="cue-minimap"
          style={MINIMAP_SIZE}
          ariaLabel="Minimap"
        />
        {overlay ? <Panel position="top-left">{overlay}</Panel> : null}
        {nodes.length === 0 && !readOnly ? (
          <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center" data-testid="canvas-empty">
            <div className="rounded-2xl border-2 border-dashed border-slate-300 bg-white/70 px-10 py-8 text-center backdrop-blur-sm">
              <p className="text-sm font-semibold text-slate-700">Start with a trigger</p>
              <p className="mt-1 max-w-xs text-sm leading-6 text-slate-500">
                Drag a trigger from the left onto the canvas, then add delays, cancellations, conditions and actions below it.
              </p>
            </div>
          </div>
        ) : null}
      </ReactFlow>
    </div>
  );
}
