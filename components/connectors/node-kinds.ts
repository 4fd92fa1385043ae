// What each node type looks like and starts with: one table read by the palette,
// the nodes, the inspector header and the minimap.
import type { ComponentType } from "react";
import type { NodeStats } from "@/lib/client/connectors";
import { NODE_TYPES, type NodeType } from "@/lib/engine/node-data";
import type { NodeData } from "./graph-convert";
import { ActionIcon, CancelIcon, ConditionIcon, DelayIcon, TriggerIcon, type NodeIconProps } from "./node-icons";

export type NodeKind = {
  label: string;
  description: string;
  icon: ComponentType<NodeIconProps>;
  /** Classes for the icon tile. */
  tile: string;
  /** Accent colour for the minimap and the node's top bar. */
  color: string;
  /** The counts worth showing on this node once the connector runs. */
  stats: Array<keyof NodeStats>;
  initialData: () => NodeData;
};

export const NODE_KINDS: Record<NodeType, NodeKind> = {
  trigger: {
    label: "Trigger",
    description: "An event, or a stretch of inactivity, starts the flow",
    icon: TriggerIcon,
    tile: "bg-brand-50 text-brand-600 ring-brand-100",
    color: "#4f6ef7",
    stats: ["entered"],
    initialData: () => ({ kind: "event" }),
  },
  delay: {
    label: "Delay",
    description: "Wait minutes, hours or days",
    icon: DelayIcon,
    tile: "bg-amber-50 text-amber-600 ring-amber-100",
    color: "#f59e0b",
    stats: ["waiting", "passed"],
    initialData: () => ({ amount: 1, unit: "hours" }),
  },
  cancel: {
    label: "Cancel",
    description: "Stop if the user did something since",
    icon: CancelIcon,
    tile: "bg-rose-50 text-rose-600 ring-rose-100",
    color: "#f43f5e",
    stats: ["cancelled", "passed"],
    initialData: () => ({ events: [] }),
  },
  condition: {
    label: "Condition",
    description: "Branch on event data or the user profile",
    icon: ConditionIcon,
    tile: "bg-violet-50 text-violet-600 ring-violet-100",
    color: "#8b5cf6",
    stats: ["entered", "passed"],
    initialData: () => ({ where: [], match: "all" }),
  },
  action: {
    label: "Action",
    description: "Send a message or change a segment",
    icon: ActionIcon,
    tile: "bg-emerald-50 text-emerald-600 ring-emerald-100",
    color: "#10b981",
    stats: ["sent", "skipped", "failed"],
    initialData: () => ({ kind: "send", channel: "push", body: "" }),
  },
};

export const PALETTE: readonly NodeType[] = NODE_TYPES;

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === "string" && (NODE_TYPES as readonly string[]).includes(value);
}

export const STAT_LABELS: Record<keyof NodeStats, string> = {
  entered: "entered",
  waiting: "waiting",
  passed: "passed",
  cancelled: "cancelled",
  sent: "sent",
  skipped: "skipped",
  failed: "failed",
};
