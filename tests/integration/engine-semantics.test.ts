// DESIGN.md "Engine semantics", held through the HTTP API on a real database.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { db, sqlDb } from "@/lib/server/db";
import { ingestEvents } from "@/lib/server/ingest/ingest";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, messagesOf, publishConnector, send, tick } from "./engine-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Semantics");
});

type NodeSpec = [id: string, type: Graph["nodes"][number]["type"], data: Record<string, unknown>];

/** A graph from a list of nodes; edges as [source, target, handle?]. */
function graph(nodes: NodeSpec[], edges: [string, string, ("yes" | "no")?][]): Graph {
  return {
    nodes: nodes.map(([id, type, data], i) => ({ id, type, position: { x: 0, y: i * 120 }, data })),
    edges: edges.map(([source, target, sourceHandle], i) => ({ id: `e${i}`, source, target, sourceHandle: sourceHandle ?? null })),
  };
}

const webhook = (body: string) => ({ kind: "send", channel: "webhook", body });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("timing", () => {
  it("runs an immediate action right after ingest, without a tick", async () => {
    const id = await publishConnector(t, "Immediate", graph([["t", "trigger", { kind: "event", event: "NOW_EVENT" }], ["a", "action", webhook("right away")]], [["t", "a"]]));
    await send(t, { userId: "u_now", event: "NOW_EVENT" });
    let msgs: Awaited<ReturnType<typeof messagesOf>> = [];
    for (let i = 0; i < 100 && msgs.length === 0; i++) {
      await sleep(50);
      msgs = await messagesOf(t, { connectorId: id });
    }
    expect(msgs.map((m) => m.body)).toEqual(["right away"]);
  });

  it("finds events whose matching never ran (a crash after the 202) on the next tick", async () => {
    const id = await publishConnector(t, "Recovered", graph([["t", "trigger", { kind: "event", event: "ORPHAN" }], ["a", "action", webhook("recovered")]], [["t", "a"]]));
    // Stored as ingest stores it, but without matching it (as after a crash, or a Segment batch).
    await ingestEvents(await sqlDb(), t.id, [{ eventId: "orphan-1", userId: "u_orphan", name: "ORPHAN", data: {}, timestamp: new Date() }], { match: false });
    const result = await tick(t);
    expect(result.events).toBeGreaterThanOrEqual(1);
    expect((await messagesOf(t, { connectorId: id })).map((m) => m.userId)).toEqual(["u_orphan"]);
    await tick(t);
    expect(await messagesOf(t, { connectorId: id })).toHaveLength(1);
  });

  it("cancels with a PURCHASE that arrives after the due time but is stamped before it", async () => {
    const cart = graph(
      [["t", "trigger", { kind: "event", event: "OOO_CART" }], ["d", "delay", { amount: 24, unit: "hours" }], ["c", "cancel", { events: ["OOO_BUY"] }], ["a", "action", webhook("come back")]],
      [["t", "d"], ["d", "c"], ["c", "a"]],
    );
    const id = await publishConnector(t, "Out of order", cart);
    const cartAt = Date.now() - 24 * 3_600_000 + 3000; // due 3 s from now
    await send(t, { userId: "u_ooo", event: "OOO_CART", timestamp: new Date(cartAt).toISOString() });
    await tick(t);
    expect((await (await db()).enrollment.findFirstOrThrow({ where: { connectorId: id } })).status).toBe("active");
    await sleep(cartAt + 24 * 3_600_000 - Date.now() + 300); // now past the due time, and no tick has run since
    await send(t, { userId: "u_ooo", event: "OOO_BUY", timestamp: new Date(cartAt + 3_600_000).toISOString() });
    await tick(t);
    expect(await messagesOf(t, { connectorId: id })).toHaveLength(0);
  });

  it("ignores a cancelling event stamped before the trigger", async () => {
    const cart = graph(
      [["t", "trigger", { kind: "event", event: "EARLY_CART" }], ["d", "delay", { amount: 24, unit: "hours" }], ["c", "cancel", { events: ["EARLY_BUY"] }], ["a", "action", webhook("reminder")]],
      [["t", "d"], ["d", "c"], ["c", "a"]],
    );
    const id = await publishConnector(t, "Before trigger", cart);
    await send(t, [
      { userId: "u_early", event: "EARLY_BUY", timestamp: hoursAgo(26) },
      { userId: "u_early", event: "EARLY_CART", timestamp: hoursAgo(25) },
    ]);
    await tick(t);
    expect(await messagesOf(t, { connectorId: id })).toHaveLength(1);
  });
});

describe("exactly once", () => {
  it("never sends twice for duplicated events, even posted in parallel", async () => {
    const id = await publishConnector(t, "Dedupe", graph([["t", "trigger", { kind: "event", event: "DUP", reentry: "always" }], ["a", "action", webhook("once")]], [["t", "a"]]));
    const event = { id: "dup-event-1", userId: "u_dup", event: "DUP" };
    const results = await Promise.all(Array.from({ length: 5 }, () => t.app("POST", "/api/v1/events", { events: [event] })));
    expect(results.every((r) => r.status === 202)).toBe(true);
    expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(1);
    await tick(t);
    await send(t, event);
    await tick(t);
    expect(await messagesOf(t, { connectorId: id })).toHaveLength(1);
  });

  it("runs every due step once when several ticks run at the same time", async () => {
    const id = await publishConnector(
      t,
      "Concurrent",
      graph([["t", "trigger", { kind: "event", event: "CONC" }], ["d", "delay", { amount: 1, unit: "hours" }], ["a", "action", webhook("due {{ user.id }}")]], [["t", "d"], ["d", "a"]]),
    );
    const users = Array.from({ length: 60 }, (_, i) => `u_conc_${i}`);
    // Due 4 s from now, so the ingest's own immediate pass leaves them waiting.
    const dueAt = Date.now() + 4000;
    await send(t, users.map((userId) => ({ userId, event: "CONC", timestamp: new Date(dueAt - 3_600_000).toISOString() })));
    const prisma = await db();
    while ((await prisma.enrollment.count({ where: { connectorId: id, status: "active" } })) < 60) await sleep(50);
    await sleep(dueAt - Date.now() + 100);
    const ticks = await Promise.all(Array.from({ length: 4 }, () => t.master("POST", "/api/v1/cron/tick")));
    expect(ticks.reduce((n, r) => n + r.body.steps, 0)).toBe(60);
    expect(ticks.reduce((n, r) => n + r.body.sent, 0)).toBe(60);
    const msgs = await messagesOf(t, { connectorId: id, limit: "200" });
    expect(msgs).toHaveLength(60);
    expect(new Set(msgs.map((m) => m.userId)).size).toBe(60);
  });
});

describe("re-entry", () => {
  const reentryGraph = (event: string, reentry: string) =>
    graph(
      [["t", "trigger", { kind: "event", event, reentry }], ["d", "delay", { amount: 1, unit: "hours" }], ["a", "action", webhook("{{ event.data.n }}")]],
      [["t", "d"], ["d", "a"]],
    );

  it.each([
    ["always", ["1", "2", "3"]],
    ["ifNotActive", ["1", "3"]],
    ["once", ["1"]],
  ])("%s", async (reentry, expected) => {
    const event = `RE_${reentry.toUpperCase()}`;
    const id = await publishConnector(t, `Reentry ${reentry}`, reentryGraph(event, reentry));
    // 1 and 2 arrive while 1 waits (due 1.2 s from now); 3 arrives after both have finished.
    const dueSoon = new Date(Date.now() - 3_600_000 + 1200).toISOString();
    await send(t, { userId: "u_re", event, data: { n: "1" }, timestamp: dueSoon });
    await send(t, { userId: "u_re", event, data: { n: "2" }, timestamp: dueSoon });
    await tick(t);
    await sleep(1300);
    await tick(t);
    await send(t, { userId: "u_re", event, data: { n: "3" }, timestamp: hoursAgo(2) });
    await tick(t);
    expect((await messagesOf(t, { connectorId: id })).map((m) => m.body).sort()).toEqual(expected);
  });
});

describe("steps", () => {
  it("fires occurrences once at the crossing, per value, inside the window", async () => {
    const id = await publishConnector(
      t,
      "Windowed",
      graph([["t", "trigger", { kind: "event", event: "WIN_VIEW", reentry: "always", occurrences: { atLeast: 2, sameValueOf: "product", withinHours: 24 } }], ["a", "action", webhook("{{ event.data.product }}")]], [["t", "a"]]),
    );
    await send(t, [
      { userId: "u_win", event: "WIN_VIEW", data: { product: "old" }, timestamp: hoursAgo(30) },
      { userId: "u_win", event: "WIN_VIEW", data: { product: "old" }, timestamp: hoursAgo(1) },
      { userId: "u_win", event: "WIN_VIEW", data: { product: "new" }, timestamp: hoursAgo(3) },
      { userId: "u_win", event: "WIN_VIEW", data: { product: "new" }, timestamp: hoursAgo(2) },
      { userId: "u_win", event: "WIN_VIEW", data: { product: "new" }, timestamp: hoursAgo(1) },
    ]);
    await tick(t);
    expect((await messagesOf(t, { connectorId: id })).map((m) => m.body)).toEqual(["new"]);
  });

  it("cancels only for the same order with sameValueOf", async () => {
    const id = await publishConnector(
      t,
      "Keyed cancel",
      graph(
        [["t", "trigger", { kind: "event", event: "K_ORDER", reentry: "always" }], ["d", "delay", { amount: 24, unit: "hours" }], ["c", "cancel", { events: ["K_SHIPPED"], sameValueOf: ["order_nr"] }], ["a", "action", webhook("order {{ event.data.order_nr }} not shipped")]],
        [["t", "d"], ["d", "c"], ["c", "a"]],
      ),
    );
    await send(t, [
      { userId: "u_keyed", event: "K_ORDER", data: { order_nr: "A" }, timestamp: hoursAgo(26) },
      { userId: "u_keyed", event: "K_ORDER", data: { order_nr: "B" }, timestamp: hoursAgo(26) },
      { userId: "u_keyed", event: "K_SHIPPED", data: { order_nr: "A" }, timestamp: hoursAgo(25) },
    ]);
    await tick(t);
    expect((await messagesOf(t, { connectorId: id })).map((m) => m.body)).toEqual(["order B not shipped"]);
  });

  it("branches on a condition over user attributes and event data", async () => {
    const id = await publishConnector(
      t,
      "Branches",
      graph(
        [
          ["t", "trigger", { kind: "event", event: "BRANCH", reentry: "always" }],
          ["c", "condition", { where: [{ path: "user.attributes.plan", op: "eq", value: "pro" }, { path: "event.data.amount", op: "gt", value: 100 }], match: "any" }],
          ["yes", "action", webhook("vip")],
          ["no", "action", webhook("regular")],
        ],
        [["t", "c"], ["c", "yes", "yes"], ["c", "no", "no"]],
      ),
    );
    await t.app("PUT", "/api/v1/users/u_pro", { attributes: { plan: "pro" } });
    await send(t, [
      { userId: "u_pro", event: "BRANCH", data: { amount: "5" } },
      { userId: "u_free_big", event: "BRANCH", data: { amount: "120.00" } },
      { userId: "u_free_small", event: "BRANCH", data: { amount: "99" } },
    ]);
    await tick(t);
    const byUser = Object.fromEntries((await messagesOf(t, { connectorId: id })).map((m) => [m.userId, [m.nodeId, m.body]]));
    expect(byUser).toEqual({ u_pro: ["yes", "vip"], u_free_big: ["yes", "vip"], u_free_small: ["no", "regular"] });
  });

  it("renders missing template values as empty text", async () => {
    const id = await publishConnector(
      t,
      "Missing values",
      graph([["t", "trigger", { kind: "event", event: "SPARSE" }], ["a", "action", webhook("Hi {{ user.name }}, {{ event.data.qty }} items in {{ user.attributes.city }}.")]], [["t", "a"]]),
    );
    await send(t, { userId: "u_sparse", event: "SPARSE" });
    await tick(t);
    expect((await messagesOf(t, { connectorId: id })).map((m) => m.body)).toEqual(["Hi ,  items in ."]);
  });

  it("reports per-node counts", async () => {
    const id = await publishConnector(
      t,
      "Counted",
      graph(
        [["t", "trigger", { kind: "event", event: "COUNTED", reentry: "always" }], ["d", "delay", { amount: 24, unit: "hours" }], ["c", "cancel", { events: ["COUNT_STOP"] }], ["a", "action", webhook("counted")]],
        [["t", "d"], ["d", "c"], ["c", "a"]],
      ),
    );
    await send(t, [
      { userId: "u_cnt_1", event: "COUNTED", timestamp: hoursAgo(25) },
      { userId: "u_cnt_2", event: "COUNTED", timestamp: hoursAgo(25) },
      { userId: "u_cnt_2", event: "COUNT_STOP", timestamp: hoursAgo(24.5) },
      { userId: "u_cnt_3", event: "COUNTED", timestamp: hoursAgo(1) },
    ]);
    await tick(t);
    const stats = (await t.master("GET", `/api/v1/connectors/${id}/stats`)).body.nodes;
    expect(stats.t).toMatchObject({ entered: 3 });
    expect(stats.d).toMatchObject({ entered: 3, waiting: 1 });
    expect(stats.c).toMatchObject({ entered: 2, cancelled: 1, passed: 1 });
    expect(stats.a).toMatchObject({ entered: 1, sent: 1 });
  });
});
