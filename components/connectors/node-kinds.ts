// What each node type is called, starts with and looks like on the canvas: the engine's
// definition (lib/engine/nodes) joined with its look (node-icons.tsx). Read by the
// palette, the nodes, the inspector header, the problem list and the minimap.
import type { NodeCount, NodeType } from "@/lib/engine/nodes/definition";
import { NODES } from "@/lib/engine/nodes/registry";
import { NODE_LOOKS, type NodeLook } from "./node-icons";

export type NodeKind = NodeLook & (typeof NODES)[NodeType];

export const NODE_KINDS = Object.fromEntries(
  Object.entries(NODES).map(([type, definition]) => [type, { ...definition, ...NODE_LOOKS[type as NodeType] }]),
) as Record<NodeType, NodeKind>;

export const STAT_LABELS: Record<NodeCount, string> = {
  entered: "entered",
  waiting: "waiting",
  passed: "passed",
  cancelled: "cancelled",
  sent: "sent",
  held: "held",
  skipped: "skipped",
  failed: "failed",
};
