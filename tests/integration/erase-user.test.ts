// Erasure through the public API (DELETE /api/v1/users/{id}): a person with a full
// history (events, an alias, a device, segment memberships, subscriptions, walks through
// a condition, a split, a delay and a send to a segment, messages) leaves no row that
// mentions them, while the connector stats, the overview's connector counts and the
// analytics event counts read exactly as before (only the walk they were waiting in is
// gone). Master only; unknown users 404; a later event starts an empty profile.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { resolveRange } from "@/lib/server/analytics/chart-range";
import { connectorPerformance } from "@/lib/server/analytics/connector-performance";
import { db } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, publishConnector, pushDevice, send, tick } from "./engine-helpers";

// pro users go through a split (a / b / holdout); the others join Fans, get one message and
// wait a day for the next, unless they CLOSE their account meanwhile.
const welcome: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP", reentry: "always" } },
    { id: "c", type: "condition", position: { x: 0, y: 150 }, data: { match: "all", where: [{ path: "event.data.plan", op: "eq", value: "pro" }] } },
    { id: "s", type: "split", position: { x: -200, y: 300 }, data: { branches: [{ key: "a", weight: 45 }, { key: "b", weight: 45 }, { key: "hold", weight: 10 }] } },
    { id: "sa", type: "action", position: { x: -300, y: 450 }, data: { kind: "send", channel: "webhook", body: "Welcome A" } },
    { id: "sb", type: "action", position: { x: -100, y: 450 }, data: { kind: "send", channel: "webhook", body: "Welcome B" } },
    { id: "fan", type: "action", position: { x: 200, y: 300 }, data: { kind: "addToSegment", segment: "Fans" } },
    { id: "basic", type: "action", position: { x: 200, y: 450 }, data: { kind: "send", channel: "webhook", body: "Welcome" } },
    { id: "d", type: "delay", position: { x: 200, y: 600 }, data: { amount: 24, unit: "hours" } },
    { id: "k", type: "cancel", position: { x: 200, y: 750 }, data: { events: ["CLOSE"] } },
    { id: "later", type: "action", position: { x: 200, y: 900 }, data: { kind: "send", channel: "webhook", body: "How is it going?" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "c" },
    { id: "e2", source: "c", target: "s", sourceHandle: "yes" },
    { id: "e3", source: "c", target: "fan", sourceHandle: "no" },
    { id: "e4", source: "s", target: "sa", sourceHandle: "a" },
    { id: "e5", source: "s", target: "sb", sourceHandle: "b" },
    { id: "e6", source: "fan", target: "basic" },
    { id: "e7", source: "basic", target: "d" },
    { id: "e8", source: "d", target: "k" },
    { id: "e9", source: "k", target: "later" },
  ],
};

// A share sends a note to every fan, rendered with the sharer's event.
const broadcast: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SHARE", reentry: "always" } },
    { id: "all", type: "action", position: { x: 0, y: 150 }, data: { kind: "sendToSegment", segment: "Fans", channel: "webhook", body: "New: {{ event.data.title }}" } },
  ],
  edges: [{ id: "e1", source: "t", target: "all" }],
};

let t: TestApp;
let welcomeId: string;
let broadcastId: string;
// Unique across the test files sharing one PostgreSQL server: no other row can mention it.
const erased = `erase-me-${randomUUID()}`;
const anonymous = `anon-${randomUUID()}`;
const others = Array.from({ length: 12 }, (_, n) => `keep-${n}`);

const HOUR = 3_600_000;
const window = () => {
  const now = new Date();
  return { from: new Date(Math.floor(now.getTime() / HOUR) * HOUR - 48 * HOUR), to: new Date(Math.ceil(now.getTime() / HOUR) * HOUR + HOUR) };
};

async function snapshot() {
  const stats = async (id: string) => {
    const res = await t.master("GET", `/api/v1/connectors/${id}/stats`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const list = (await t.master("GET", "/api/v1/connectors")).body.connectors as { id: string; entered: number; sent: number }[];
  const range = resolveRange({ from: hoursAgo(72), interval: "hour" }, new Date());
  const analytics = await t.master("GET", `/api/v1/analytics/events?from=${range.from.toISOString()}&to=${range.to.toISOString()}&interval=hour`);
  expect(analytics.status).toBe(200);
  return {
    welcome: await stats(welcomeId),
    broadcast: await stats(broadcastId),
    list: list.map((c) => ({ id: c.id, entered: c.entered, sent: c.sent })).sort((a, b) => a.id.localeCompare(b.id)),
    overview: await connectorPerformance(await db(), t.id, window()),
    analytics: analytics.body,
  };
}

/** Every row of every table, as text, that mentions the value anywhere (JSON columns included). */
async function rowsMentioning(value: string): Promise<Record<string, number>> {
  const prisma = await db();
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name}" x WHERE strpos(x::text, $1) > 0`, value);
    if (Number(row!.n) > 0) found[name] = Number(row!.n);
  }
  return found;
}

let before: Awaited<ReturnType<typeof snapshot>>;
let erasedMessageIds: string[];

beforeAll(async () => {
  t = await createTestApp("Erasure");
  const fans = await t.master("POST", "/api/v1/segments", { name: "Fans" });
  expect(fans.status).toBe(201);
  welcomeId = await publishConnector(t, "Welcome", welcome);
  broadcastId = await publishConnector(t, "Broadcast", broadcast);
  expect((await t.master("PUT", `/api/v1/connectors/${welcomeId}`, { goal: { event: "PURCHASE", withinHours: 48 } })).status).toBe(200);

  // The anonymous visitor browses, then signs up and is merged into the known id.
  await send(t, [
    { userId: anonymous, event: "app.open", timestamp: hoursAgo(30) },
    { userId: anonymous, event: "VIEW", data: { page: "/pricing" }, timestamp: hoursAgo(30) },
  ]);
  expect((await t.master("POST", `/api/v1/users/${erased}/merge`, { anonymousId: anonymous })).status).toBe(200);
  expect((await t.master("PUT", `/api/v1/users/${erased}`, { email: "erase-me@example.com", name: "Erin", attributes: { plan: "pro" } })).status).toBe(200);
  await pushDevice(t, erased);
  const subscribed = await t.app("PUT", `/api/v1/users/${erased}/subscriptions`, { channels: { sms: false } });
  expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(200);
  expect((await t.master("POST", `/api/v1/segments/${fans.body.id}/members`, { userIds: [erased, others[0]] })).status).toBeLessThan(300);

  await send(t, [
    ...others.map((userId, n) => ({ userId, event: "SIGNUP", data: { plan: n % 2 ? "pro" : "basic" }, timestamp: hoursAgo(20) })),
    ...others.map((userId) => ({ userId, event: "app.open", timestamp: hoursAgo(20) })),
    { userId: erased, event: "app.open", timestamp: hoursAgo(20) },
    { userId: erased, event: "SIGNUP", data: { plan: "pro" }, timestamp: hoursAgo(20) },
    // Entering again as basic: added to Fans, one message, then waiting in the delay, until a CLOSE cancels it.
    { userId: erased, event: "SIGNUP", data: { plan: "basic" }, timestamp: hoursAgo(19) },
  ]);
  await send(t, [erased, others[0]!].map((userId) => ({ userId, event: "CLOSE", timestamp: hoursAgo(18.5) })));
  // And once more: this walk is still waiting when the person is erased.
  await send(t, { userId: erased, event: "SIGNUP", data: { plan: "basic" }, timestamp: hoursAgo(18) });
  await send(t, [
    { userId: erased, event: "SHARE", data: { title: "Erin's list" }, timestamp: hoursAgo(18) },
    { userId: others[1]!, event: "SHARE", data: { title: "Another list" }, timestamp: hoursAgo(18) },
  ]);
  await tick(t);
  await tick(t);
  // Conversions: the erased person and a few others buy within the goal's window.
  await send(t, [erased, others[1], others[2], others[3]].map((userId) => ({ userId, event: "PURCHASE", timestamp: hoursAgo(10) })));
  await tick(t);

  const prisma = await db();
  erasedMessageIds = (await prisma.message.findMany({ where: { appId: t.id, userId: erased }, select: { id: true } })).map((m) => m.id);
  before = await snapshot();
});

describe("erasing a user", () => {
  it("has a history to erase, in every table that holds people", async () => {
    const mentions = await rowsMentioning(erased);
    for (const table of ["User", "UserAlias", "Event", "Device", "Subscription", "SegmentMember", "Enrollment", "Message", "ActiveDay", "Campaign"]) {
      expect(mentions[table], table).toBeGreaterThan(0);
    }
    expect(erasedMessageIds.length).toBeGreaterThanOrEqual(4);
    expect(await (await db()).messageAttempt.count({ where: { messageId: { in: erasedMessageIds } } })).toBeGreaterThan(0);
    expect(before.welcome.nodes.d.waiting).toBeGreaterThanOrEqual(1);
    expect(before.welcome.nodes.k.cancelled).toBe(2);
    expect(before.welcome.conversion.converted).toBeGreaterThanOrEqual(1);
    const overview = before.overview.find((c) => c.id === welcomeId)!;
    expect(overview).toMatchObject({ entered: others.length + 3, cancelled: 2 });
    expect(overview.converted).toBeGreaterThanOrEqual(1);
  });

  it("needs the master secret", async () => {
    const res = await t.app("DELETE", `/api/v1/users/${erased}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await t.master("GET", `/api/v1/users/${erased}`)).status).toBe(200);
  });

  it("answers 404 in the API's error shape for an unknown user", async () => {
    const res = await t.master("DELETE", "/api/v1/users/nobody-here");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: "User not found" } });
  });

  it("deletes every row that mentions the person, under their id and their merged anonymous id", async () => {
    const res = await t.master("DELETE", `/api/v1/users/${encodeURIComponent(erased)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ deleted: true });
    expect(await rowsMentioning(erased)).toEqual({});
    expect(await rowsMentioning(anonymous)).toEqual({});
    expect(await (await db()).messageAttempt.count({ where: { messageId: { in: erasedMessageIds } } })).toBe(0);
    // Everyone else is untouched: the other fan still has their messages and membership.
    expect((await t.master("GET", `/api/v1/users/${others[0]}`)).body.segments.map((s: { name: string }) => s.name)).toEqual(["Fans"]);
    expect((await t.master("GET", `/api/v1/messages?userId=${others[0]}`)).body.messages.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps connector stats, the overview's connector counts and the analytics as they were, but for the walk that was waiting", async () => {
    const after = await snapshot();
    const waitingAt = (s: typeof before.welcome) => Object.fromEntries(Object.entries(s.nodes as Record<string, { waiting: number }>).map(([id, n]) => [id, n.waiting]));
    const withoutWaiting = (s: typeof before.welcome) => ({
      ...s,
      nodes: Object.fromEntries(Object.entries(s.nodes as Record<string, object>).map(([id, n]) => [id, { ...n, waiting: 0 }])),
    });
    expect(withoutWaiting(after.welcome)).toEqual(withoutWaiting(before.welcome));
    expect(waitingAt(after.welcome)).toEqual({ ...waitingAt(before.welcome), d: waitingAt(before.welcome).d! - 1 });
    expect(after.broadcast).toEqual(before.broadcast);
    expect(after.list).toEqual(before.list);
    expect(after.overview).toEqual(before.overview);
    expect(after.analytics).toEqual(before.analytics);
    // The numbers were really carried: the split and the goal count the erased walk.
    expect(after.welcome.splits.s.branches.reduce((n: number, b: { entered: number }) => n + b.entered, 0)).toBe(
      others.filter((_, n) => n % 2).length + 1,
    );
  });

  it("answers 404 afterwards, to GET and to DELETE again", async () => {
    expect((await t.master("GET", `/api/v1/users/${erased}`)).status).toBe(404);
    const again = await t.master("DELETE", `/api/v1/users/${erased}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
  });

  it("starts a new, empty user when an event arrives later for the same id", async () => {
    await send(t, { userId: erased, event: "app.open" });
    const res = await t.master("GET", `/api/v1/users/${erased}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: erased, email: null, name: null, attributes: {}, segments: [], journeys: [] });
    expect(res.body.events.map((e: { event: string }) => e.event)).toEqual(["app.open"]);
    const subscriptions = await t.master("GET", `/api/v1/users/${erased}/subscriptions`);
    expect(subscriptions.body.channels).toEqual({ email: true, sms: true, push: true });
    // A later walk adds to the carried counts.
    await send(t, { userId: erased, event: "SIGNUP", data: { plan: "basic" } });
    const stats = await t.master("GET", `/api/v1/connectors/${welcomeId}/stats`);
    expect(stats.body.nodes.t.entered).toBe(before.welcome.nodes.t.entered + 1);
  });
});
