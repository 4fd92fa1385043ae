// React Flow wants its node and edge type maps to be stable objects, declared once at
// module level; a map built during render remounts every node on each render.
import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import { NODE_TYPES } from "@/lib/engine/nodes/definition";
import { CanvasNodeComponent } from "./canvas-node";
import { CueEdge } from "./cue-edge";
import { EDGE_TYPE } from "./graph-convert";

// Every node type draws with the one component, which reads the type's definition.
export const nodeTypes: NodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, CanvasNodeComponent]));

export const edgeTypes: EdgeTypes = { [EDGE_TYPE]: CueEdge };
