import { expect } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import type { TestApp } from "./api-client";

export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

export async function publishConnector(t: TestApp, name: string, graph: Graph): Promise<string> {
  const created = await t.master("POST", "/api/v1/connectors", { name, graph });
  expect(created.status).toBe(201);
  const published = await t.master("POST", `/api/v1/connectors/${created.body.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id as string;
}

export async function tick(t: TestApp) {
  const res = await t.master("POST", "/api/v1/cron/tick");
  expect(res.status).toBe(200);
  return res.body as { events: number; steps: number; sent: number; cancelled: number; enrolled: number };
}

export async function messagesOf(t: TestApp, query: Record<string, string>) {
  const res = await t.master("GET", `/api/v1/messages?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return res.body.messages as { id: string; status: string; channel: string; title: string | null; subject: string | null; body: string; error: string | null; nodeId: string; userId: string }[];
}

export async function send(t: TestApp, events: object | object[]) {
  const res = await t.app("POST", "/api/v1/events", Array.isArray(events) ? { events } : events);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body as { accepted: number; duplicates: number };
}

export async function pushDevice(t: TestApp, userId: string) {
  const res = await t.app("POST", `/api/v1/users/${userId}/devices`, { platform: "ios", token: `tok-${userId}` });
  expect(res.status).toBe(201);
}
