"use client";

// What the nodes read besides their own data: problems from validateGraph, live counts,
// whether the canvas is a read-only past version, a backtest's counts (drawn instead of
// the live ones while on) and a test user's path (lit, the rest dimmed). Kept out of
// node.data so the data React Flow holds is exactly the domain data that gets saved.
import { createContext, useContext } from "react";
import type { BacktestCounts, NodeStatsMap, SplitStatsMap } from "@/lib/client/connectors";
import type { Problem } from "@/lib/engine/graph";
import type { LitPath } from "./simulate-path";

export type CanvasContextValue = {
  problemsByNode: ReadonlyMap<string, Problem[]>;
  stats: NodeStatsMap | null;
  splits: SplitStatsMap | null;
  readOnly: boolean;
  backtest: Record<string, BacktestCounts> | null;
  path: LitPath | null;
};

export const CanvasContext = createContext<CanvasContextValue>({ problemsByNode: new Map(), stats: null, splits: null, readOnly: false, backtest: null, path: null });

export function useCanvasContext(): CanvasContextValue {
  return useContext(CanvasContext);
}
