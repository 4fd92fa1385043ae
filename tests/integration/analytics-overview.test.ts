// The overview's numbers and connector goals: goals set through PUT /api/v1/connectors/{id},
// conversion in GET .../stats, and the overview functions over a real database.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { dailyActiveUsers } from "@/lib/server/analytics/active-users";
import { resolveRange } from "@/lib/server/analytics/chart-range";
import { connectorPerformance } from "@/lib/server/analytics/connector-performance";
import { latestEvents } from "@/lib/server/analytics/latest-events";
import { messageBreakdown } from "@/lib/server/analytics/message-breakdown";
import { topEvents } from "@/lib/server/analytics/top-events";
import { db, sqlDb } from "@/lib/server/db";
import { parseEventsBody } from "@/lib/server/ingest/event-input";
import { ingestEvents } from "@/lib/server/ingest/ingest";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, publishConnector, send, tick } from "./engine-helpers";

const graph: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP" } },
    { id: "a", type: "action", position: { x: 0, y: 120 }, data: { kind: "send", channel: "webhook", body: "hello" } },
  ],
  edges: [{ id: "t-a", source: "t", target: "a" }],
};

let t: TestApp;
let connectorId: string;

beforeAll(async () => {
  t = await createTestApp("Analytics overview");
  connectorId = await publishConnector(t, "Welcome", graph);
  // u1 buys 5 h after entering; u2 bought before entering; u3 buys 299 h after; u4 never.
  await send(t, [
    { userId: "u1", event: "SIGNUP", timestamp: hoursAgo(10) },
    { userId: "u2", event: "SIGNUP", timestamp: hoursAgo(10) },
    { userId: "u3", event: "SIGNUP", timestamp: hoursAgo(300) },
    { userId: "u4", event: "SIGNUP", timestamp: hoursAgo(10) },
  ]);
  await tick(t);
  await send(t, [
    { userId: "u1", event: "PURCHASE", timestamp: hoursAgo(5) },
    { userId: "u2", event: "PURCHASE", timestamp: hoursAgo(11) },
    { userId: "u3", event: "PURCHASE", timestamp: hoursAgo(1) },
  ]);
  await tick(t);
});

describe("connector goals", () => {
  it("has none until one is set, and then reports conversion within the window", async () => {
    expect((await t.master("GET", `/api/v1/connectors/${connectorId}/stats`)).body).toMatchObject({ goal: null, conversion: null });

    const put = await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE" } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.goal).toEqual({ event: "PURCHASE", withinHours: 168 });

    const stats = (await t.master("GET", `/api/v1/connectors/${connectorId}/stats`)).body;
    expect(stats.goal).toEqual({ event: "PURCHASE", withinHours: 168 });
    expect(stats.conversion).toEqual({ entered: 4, converted: 1, rate: 0.25 });
    expect(stats.nodes.a).toMatchObject({ sent: 4 }); // the per-node shape is unchanged

    await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE", withinHours: 300 } });
    expect((await t.master("GET", `/api/v1/connectors/${connectorId}/stats`)).body.conversion).toEqual({ entered: 4, converted: 2, rate: 0.5 });
  });

  it("keeps the goal when a PUT leaves it out, and removes it with null", async () => {
    await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE", withinHours: 24 } });
    const renamed = await t.master("PUT", `/api/v1/connectors/${connectorId}`, { name: "Welcome (renamed)" });
    expect(renamed.body.goal).toEqual({ event: "PURCHASE", withinHours: 24 });
    const cleared = await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: null });
    expect(cleared.body.goal).toBeNull();
    expect((await t.master("GET", `/api/v1/connectors/${connectorId}`)).body.goal).toBeNull();
  });

  it.each([
    [{ goal: { event: "" } }, "goal.event"],
    [{ goal: { event: "PURCHASE", withinHours: 0 } }, "goal.withinHours"],
    [{ goal: { event: "PURCHASE", withinHours: 1.5 } }, "goal.withinHours"],
    [{ goal: { event: "PURCHASE", within: 3 } }, "goal"],
    [{ goal: "PURCHASE" }, "goal"],
  ])("refuses %j with 400 naming %s, and changes nothing", async (body, path) => {
    await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "KEEP" } });
    const res = await t.master("PUT", `/api/v1/connectors/${connectorId}`, { name: "should not be saved", ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    const after = (await t.master("GET", `/api/v1/connectors/${connectorId}`)).body;
    expect(after).toMatchObject({ name: "Welcome (renamed)", goal: { event: "KEEP", withinHours: 168 } });
  });
});

describe("overview numbers", () => {
  it("connector performance: entered, sent, cancelled and conversion for the range", async () => {
    await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE", withinHours: 168 } });
    const prisma = await db();
    const now = new Date();
    const rows = await connectorPerformance(prisma, t.id, { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 60_000) });
    expect(rows).toEqual([
      { id: connectorId, name: "Welcome (renamed)", status: "active", entered: 4, sent: 4, cancelled: 0, goal: { event: "PURCHASE", withinHours: 168 }, converted: 1, conversionRate: 0.25, experiments: [] },
    ]);
    const before = await connectorPerformance(prisma, t.id, { from: new Date(now.getTime() - 10 * 86_400_000), to: new Date(now.getTime() - 86_400_000) });
    expect(before[0]).toMatchObject({ entered: 0, sent: 0, converted: 0, conversionRate: null });
  });

  it("messages by channel and status", async () => {
    const now = new Date();
    expect(await messageBreakdown(await db(), t.id, { from: new Date(now.getTime() - 3_600_000), to: new Date(now.getTime() + 60_000) })).toEqual([
      { channel: "webhook", total: 4, byStatus: { sent: 4 } },
    ]);
  });

  it("top events with the change against the previous period", async () => {
    const other = await createTestApp("Analytics top events");
    await send(other, [
      ...Array.from({ length: 6 }, (_, i) => ({ userId: `u${i}`, event: "VIEW", timestamp: hoursAgo(2) })),
      ...Array.from({ length: 3 }, (_, i) => ({ userId: `u${i}`, event: "VIEW", timestamp: hoursAgo(30) })),
      { userId: "u1", event: "PURCHASE", timestamp: hoursAgo(3) },
      { userId: "u1", event: "GONE", timestamp: hoursAgo(40) },
    ]);
    const range = resolveRange({ from: new Date(Date.now() - 24 * 3_600_000).toISOString(), interval: "hour" }, new Date());
    const top = await topEvents(await db(), other.id, range);
    expect(top.events).toEqual([
      { event: "VIEW", count: 6, previous: 3, change: 1 },
      { event: "PURCHASE", count: 1, previous: 0, change: null },
    ]);
    expect([top.total, top.previousTotal]).toEqual([7, 4]);
  });

  it("latest events: the last received first (whatever their timestamps), only the app's own", async () => {
    const other = await createTestApp("Analytics latest");
    await send(other, { userId: "l1", event: "FIRST", timestamp: hoursAgo(1) });
    await send(other, { userId: "l2", event: "SECOND", timestamp: hoursAgo(100) });
    await send(t, { userId: "l3", event: "NOT_MINE" });
    const latest = await latestEvents(await db(), other.id, 6);
    expect(latest.map((e) => [e.name, e.userId])).toEqual([["SECOND", "l2"], ["FIRST", "l1"]]);
  });

  it("daily active users from app.open, rolled up or pending, each user once a day", async () => {
    const other = await createTestApp("Analytics DAU");
    const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
    await send(other, [
      { userId: "a", event: "app.open", timestamp: day(20, 1) },
      { userId: "a", event: "app.open", timestamp: day(20, 23) },
      { userId: "b", event: "app.open", timestamp: day(20, 5) },
      { userId: "b", event: "VIEW", timestamp: day(21, 5) },
      { userId: "b", event: "app.open", timestamp: day(22, 5) },
    ]);
    const range = resolveRange({ from: "2026-11-20", to: "2026-11-23", interval: "day" }, new Date());
    const expected = { points: [{ t: day(20, 0), count: 2 }, { t: day(21, 0), count: 0 }, { t: day(22, 0), count: 1 }], total: 2 };
    expect(await dailyActiveUsers(await db(), other.id, range)).toEqual(expected); // some may still be pending
    await tick(other);
    expect(await dailyActiveUsers(await db(), other.id, range)).toEqual(expected);
  });
});
