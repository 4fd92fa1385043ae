"use client";

// What the nodes read besides their own data: problems from validateGraph, live counts
// and whether the canvas is a read-only past version. Kept out of node.data so the
// data React Flow holds is exactly the domain data that gets saved.
import { createContext, useContext } from "react";
import type { NodeStatsMap, SplitStatsMap } from "@/lib/client/connectors";
import type { Problem } from "@/lib/engine/graph";

export type CanvasContextValue = {
  problemsByNode: ReadonlyMap<string, Problem[]>;
  stats: NodeStatsMap | null;
  splits: SplitStatsMap | null;
  readOnly: boolean;
};

export const CanvasContext = createContext<CanvasContextValue>({ problemsByNode: new Map(), stats: null, splits: null, readOnly: false });

export function useCanvasContext(): CanvasContextValue {
  return useContext(CanvasContext);
}
