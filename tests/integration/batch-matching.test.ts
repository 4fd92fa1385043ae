// Matching a batch gives exactly the result of matching its events one by one in
// timestamp order (issue 19): fast-check draws event histories, which are sent once as
// one request (stored and matched together) and once stored unmatched, then matched by
// the sweep one event at a time. Walks and messages must come out the same.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { db, sqlDb } from "@/lib/server/db";
import { backgroundIdle } from "@/lib/server/engine/background";
import { matchPendingEvents } from "@/lib/server/engine/match-events";
import { ingestEvents } from "@/lib/server/ingest/ingest";
import { createTestApp, type TestApp } from "./api-client";
import { publishConnector, send } from "./engine-helpers";

type NodeSpec = [id: string, type: Graph["nodes"][number]["type"], data: Record<string, unknown>];
const line = (...nodes: NodeSpec[]): Graph => ({
  nodes: nodes.map(([id, type, data], i) => ({ id, type, position: { x: 0, y: i * 120 }, data })),
  edges: nodes.slice(1).map(([id], i) => ({ id: `e${i}`, source: nodes[i]![0], target: id, sourceHandle: null })),
});
const on = (event: string, extra: Record<string, unknown> = {}): NodeSpec => ["t", "trigger", { kind: "event", event, ...extra }];
const hook: NodeSpec = ["a", "action", { kind: "send", channel: "webhook", body: "hi {{ event.data.v }}" }];
const wait: NodeSpec = ["d", "delay", { amount: 1, unit: "hours" }];
const cancelOnY: NodeSpec = ["c", "cancel", { events: ["Y"] }];

// Every kind of decision a batch can get wrong: re-entry of each kind, a walk waiting in a
// delay (which holds its slot, is cancelled by a later Y and exits on its goal Z), a cancel
// step right after the trigger, occurrence counts, a condition, and a wait for Y.
const CONNECTORS: Record<string, Graph> = {
  sendAlways: line(on("X", { reentry: "always" }), hook),
  sendIfNotActive: line(on("X"), hook),
  sendOnce: line(on("X", { reentry: "once" }), hook),
  waitThenSend: line(on("X"), wait, cancelOnY, hook),
  cancelAtOnce: line(on("X", { reentry: "always" }), cancelOnY, hook),
  secondX: line(on("X", { reentry: "always", occurrences: { atLeast: 2 } }), hook),
  bigY: {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "Y", reentry: "always" } },
      { id: "c", type: "condition", position: { x: 0, y: 120 }, data: { match: "all", where: [{ path: "event.data.v", op: "gte", value: 2 }] } },
      { id: "a", type: "action", position: { x: 0, y: 240 }, data: { kind: "send", channel: "webhook", body: "big" } },
    ],
    edges: [{ id: "e0", source: "t", target: "c", sourceHandle: null }, { id: "e1", source: "c", target: "a", sourceHandle: "yes" }],
  },
  waitForY: {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "X", reentry: "always" } },
      { id: "w", type: "wait", position: { x: 0, y: 120 }, data: { event: "Y", within: { amount: 1, unit: "hours" } } },
      { id: "a", type: "action", position: { x: 0, y: 240 }, data: { kind: "send", channel: "webhook", body: "Y came {{ event.data.v }}" } },
    ],
    edges: [{ id: "e0", source: "t", target: "w", sourceHandle: null }, { id: "e1", source: "w", target: "a", sourceHandle: "yes" }],
  },
};

let t: TestApp;
let connectorIds: string[];
beforeAll(async () => {
  t = await createTestApp("Batch matching");
  connectorIds = [];
  for (const [name, graph] of Object.entries(CONNECTORS)) connectorIds.push(await publishConnector(t, name, graph));
  // Z reaches the goal of the waiting connector, which ends its walks (goal.exit).
  const goal = await t.master("PUT", `/api/v1/connectors/${connectorIds[Object.keys(CONNECTORS).indexOf("waitThenSend")]}`, { goal: { event: "Z", exit: true } });
  expect(goal.status).toBe(200);
});

type Drawn = { user: number; name: "X" | "Y" | "Z"; v: number; gapMs: number };
const history = fc.array(
  fc.record({ user: fc.integer({ min: 0, max: 1 }), name: fc.constantFrom("X" as const, "Y" as const, "Z" as const), v: fc.integer({ min: 0, max: 3 }), gapMs: fc.integer({ min: 1, max: 20_000 }) }),
  { minLength: 1, maxLength: 12 },
);

// What the walks and messages of these users came to, per connector, without ids.
async function outcome(users: string[]) {
  const prisma = await db();
  const walks = await prisma.enrollment.findMany({ where: { appId: t.id, userId: { in: users } }, orderBy: [{ triggerTimestamp: "asc" }, { createdAt: "asc" }] });
  const messages = await prisma.message.findMany({ where: { appId: t.id, userId: { in: users } } });
  const index = (userId: string) => users.indexOf(userId);
  return {
    walks: walks.map((w) => [connectorIds.indexOf(w.connectorId), index(w.userId), w.status, w.nodeId, (w.triggerEvent as { data: { n: number } }).data.n].join(" ")).sort(),
    messages: messages.map((m) => [connectorIds.indexOf(m.connectorId!), index(m.userId), m.body].join(" ")).sort(),
  };
}

let run = 0;
function eventsOf(drawn: Drawn[], prefix: string) {
  // Within the last few minutes, in increasing time: no one-hour delay falls due meanwhile.
  let at = Date.now() - drawn.reduce((sum, d) => sum + d.gapMs, 0) - 1000;
  return drawn.map((d, n) => {
    at += d.gapMs;
    return { id: `${prefix}-${n}`, userId: `${prefix}-u${d.user}`, event: d.name, data: { v: d.v, n }, timestamp: new Date(at).toISOString() };
  });
}

describe("a batch is matched as its events one at a time", () => {
  it("gives the same walks and messages for any history of two users", async () => {
    await fc.assert(
      fc.asyncProperty(history, async (drawn) => {
        run++;
        const together = `b${run}`;
        const oneByOne = `s${run}`;
        // One at a time first, with nothing else sweeping meanwhile (deliveries record
        // message.sent events, which the sweep matches too, in their turn).
        await backgroundIdle();
        const sql = await sqlDb();
        const events = eventsOf(drawn, oneByOne).map((e) => ({ eventId: e.id, userId: e.userId, name: e.event, data: e.data, timestamp: new Date(e.timestamp) }));
        await ingestEvents(sql, t.id, events, { match: false });
        while ((await matchPendingEvents(sql, new Date(), { appId: t.id, limit: 1 })).events > 0);

        await send(t, eventsOf(drawn, together));

        const users = (prefix: string) => [`${prefix}-u0`, `${prefix}-u1`];
        expect(await outcome(users(together))).toEqual(await outcome(users(oneByOne)));
      }),
      { numRuns: Number(process.env.CUE_FUZZ_SCALE ?? 1) * 25 },
    );
  });

  it("sends three messages for three trigger → send events of one user in one request", async () => {
    const base = Date.now() - 10_000;
    await send(t, [0, 1, 2].map((n) => ({ userId: "three-in-one", event: "X", data: { v: 0, n }, timestamp: new Date(base + n * 1000).toISOString() })));
    const messages = await (await db()).message.findMany({ where: { appId: t.id, userId: "three-in-one", connectorId: connectorIds[1] } });
    expect(messages).toHaveLength(3);
  });
});
