// The connectors API as the dashboard calls it (API.md, "Connectors"), with the
// response shapes the canvas reads.
import type { z } from "zod";
import type { CheckResult, CheckWarning } from "@/lib/checks/check-result";
import type { Graph } from "@/lib/engine/graph";
import type { NodeCount } from "@/lib/engine/nodes/definition";
import type { backtestSchema, simulationSchema } from "@/lib/openapi/responses";
import type { ConnectorBacktest } from "@/lib/server/engine/connector-backtest";
import type { ConnectorSimulate } from "@/lib/server/engine/connector-simulate";
import { apiFetch, withQuery } from "./api";
import type { EventRecord } from "./types";

export type ConnectorStatus = "draft" | "active" | "paused";

export type ConnectorDetail = {
  id: string;
  name: string;
  status: ConnectorStatus;
  version: number | null;
  graph: Graph;
  publishedAt: string | null;
  hasUnpublishedChanges: boolean;
  /** Set when the stored graph cannot be read: graph is then as stored, and must not be saved over. */
  graphError: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ConnectorSummary = ConnectorDetail & { entered: number; sent: number };

export type NodeStats = Record<NodeCount, number> & { branches?: Record<string, number> };
export type NodeStatsMap = Record<string, NodeStats>;
/** Per split node: how its branches convert, in words ("b converts 12.1% vs a 9.8% — 97% confidence"). */
export type SplitStatsMap = Record<string, { best: string | null; confidence: number | null; summary: string }>;

export type ConnectorVersion = { version: number; publishedAt: string; publishedBy: string | null; graph: Graph; graphError: string | null };

export type EventName = { event: string; count: number; lastSeenAt: string | null };

// Backtest and simulate take the routes' body schemas and answer the OpenAPI schemas'
// shapes (type-only imports: nothing of the server reaches the browser).
export type BacktestResult = z.infer<typeof backtestSchema>;
export type BacktestCounts = BacktestResult["nodes"][string];
export type Simulation = z.infer<typeof simulationSchema>;
export type SimulatedJourney = Simulation["journeys"][number];
export type SimulatedMessage = Simulation["messages"][number];
export type SimulateEvent = ConnectorSimulate["events"][number];

const base = (id: string) => `/api/v1/connectors/${encodeURIComponent(id)}`;

export const connectorsApi = {
  list: (signal?: AbortSignal) => apiFetch<{ connectors: ConnectorSummary[] }>("/api/v1/connectors", { signal }),
  get: (id: string, signal?: AbortSignal) => apiFetch<ConnectorDetail & { stats: NodeStatsMap }>(base(id), { signal }),
  create: (input: { name: string; graph?: Graph }) => apiFetch<ConnectorDetail>("/api/v1/connectors", { body: input }),
  update: (id: string, input: { name?: string; graph?: Graph }) => apiFetch<ConnectorDetail>(base(id), { method: "PUT", body: input }),
  remove: (id: string) => apiFetch<{ deleted: true }>(base(id), { method: "DELETE" }),
  publish: (id: string) => apiFetch<ConnectorDetail & { warnings: CheckWarning[] }>(`${base(id)}/publish`, { method: "POST" }),
  /** Problems, warnings and a forecast for the stored draft, or for an unsaved graph; writes nothing. */
  check: (id: string, graph?: Graph) => apiFetch<CheckResult>(`${base(id)}/check`, { body: graph ? { graph } : {} }),
  /** The draft (or an unsaved graph) replayed over stored events in [from, to); writes nothing. */
  backtest: (id: string, input: NonNullable<ConnectorBacktest>) => apiFetch<BacktestResult>(`${base(id)}/backtest`, { body: input }),
  /** One user's scripted events through the draft (or an unsaved graph) on a virtual clock; writes nothing. */
  simulate: (id: string, input: ConnectorSimulate) => apiFetch<Simulation>(`${base(id)}/simulate`, { body: input }),
  pause: (id: string) => apiFetch<ConnectorDetail>(`${base(id)}/pause`, { method: "POST" }),
  resume: (id: string) => apiFetch<ConnectorDetail>(`${base(id)}/resume`, { method: "POST" }),
  stats: (id: string, signal?: AbortSignal) => apiFetch<{ connectorId: string; nodes: NodeStatsMap; splits: SplitStatsMap }>(`${base(id)}/stats`, { signal }),
  versions: (id: string, signal?: AbortSignal) => apiFetch<{ versions: ConnectorVersion[] }>(`${base(id)}/versions`, { signal }),
  /** Duplicate has no endpoint of its own: read the draft, create a copy of it. */
  async duplicate(id: string): Promise<ConnectorDetail> {
    const source = await connectorsApi.get(id);
    return connectorsApi.create({ name: `${source.name} (copy)`.slice(0, 200), graph: source.graph });
  },
};

export const eventsApi = {
  names: (signal?: AbortSignal) => apiFetch<{ names: EventName[] }>("/api/v1/events/names", { signal }),
  latest: async (event: string, signal?: AbortSignal): Promise<EventRecord | null> => {
    const { events } = await apiFetch<{ events: EventRecord[] }>(withQuery("/api/v1/events", { event, limit: 1 }), { signal });
    return events[0] ?? null;
  },
};
