"use client";

// The canvas's two dry runs, each remembering the graph it was about so the panels can
// say when the canvas has changed since: a backtest over the last 7, 30 or 90 days, and
// one test user's scripted events. Like publish's check, they send the unsaved canvas
// when there is one and otherwise let the server read the stored draft. Nothing is
// written by either.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { connectorsApi, type BacktestResult, type SimulateEvent, type Simulation } from "@/lib/client/connectors";
import type { Graph } from "@/lib/engine/graph";
import type { BacktestDays } from "./backtest-text";
import { executionKey } from "./graph-convert";

const DAY = 86_400_000;

type Shown<T> = { key: string; result: T };

export function useBacktest(connectorId: string) {
  const [days, setDays] = useState<BacktestDays>(30);
  const [shown, setShown] = useState<(Shown<BacktestResult> & { days: BacktestDays }) | null>(null);
  const mutation = useMutation({
    mutationFn: ({ graph, dirty, days }: { graph: Graph; dirty: boolean; days: BacktestDays }) =>
      connectorsApi.backtest(connectorId, { from: new Date(Date.now() - days * DAY).toISOString(), ...(dirty ? { graph } : {}) }),
  });

  function run(graph: Graph, dirty: boolean, range: BacktestDays = days) {
    setDays(range);
    // Per-call callbacks fire for the latest call only: a slower, older range never wins.
    mutation.mutate({ graph, dirty, days: range }, { onSuccess: (result) => setShown({ key: executionKey(graph), days: range, result }) });
  }

  return {
    days,
    shown,
    running: mutation.isPending,
    error: mutation.error?.message ?? null,
    run,
    clear() {
      setShown(null);
      mutation.reset();
    },
  };
}

export function useSimulation(connectorId: string) {
  const [shown, setShown] = useState<Shown<Simulation> | null>(null);
  const mutation = useMutation({
    mutationFn: ({ graph, dirty, userId, events }: { graph: Graph; dirty: boolean; userId: string; events: SimulateEvent[] }) =>
      connectorsApi.simulate(connectorId, { userId, events, ...(dirty ? { graph } : {}) }),
  });

  return {
    shown,
    running: mutation.isPending,
    error: mutation.error?.message ?? null,
    run(graph: Graph, dirty: boolean, userId: string, events: SimulateEvent[]) {
      mutation.mutate({ graph, dirty, userId, events }, { onSuccess: (result) => setShown({ key: executionKey(graph), result }) });
    },
    clear() {
      setShown(null);
      mutation.reset();
    },
  };
}
