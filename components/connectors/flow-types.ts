// React Flow wants its node and edge type maps to be stable objects, declared once at
// module level; a map built during render remounts every node on each render.
import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import type { NodeType } from "@/lib/engine/nodes/definition";
import { CanvasNodeComponent } from "./canvas-node";
import { CueEdge } from "./cue-edge";
import { EDGE_TYPE } from "./graph-convert";

export const nodeTypes = {
  trigger: CanvasNodeComponent,
  delay: CanvasNodeComponent,
  cancel: CanvasNodeComponent,
  condition: CanvasNodeComponent,
  action: CanvasNodeComponent,
} satisfies Record<NodeType, unknown> as NodeTypes;

export const edgeTypes: EdgeTypes = { [EDGE_TYPE]: CueEdge };
