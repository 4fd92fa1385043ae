// Backtest against the live engine: a history of shop events is stored in one app and
// backtested with a seed template's graph; the same events are then replayed live in a
// second app where the template is published, one event at a time at its own time, with
// the tick run on a controlled clock before each (so walks due by then run first, as the
// backtest's virtual clock runs them). The per-node counts and the messages must be the
// same, for every seed template: sends to the user, a send to a segment (its members as
// they stand, with devices, addresses and an opt-out), and inactivity. And a backtest
// writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { seedGraphs, type SeedGraphKey } from "@/lib/engine/seed-graphs";
import { database, sqlDb } from "@/lib/server/db";
import { runTick } from "@/lib/server/engine/tick";
import { storeEvents } from "@/lib/server/ingest/ingest";
import { createTestApp, type TestApp } from "./api-client";
import { publishConnector } from "./engine-helpers";

// Pages of 7 events: users cross pages, are let go between their walks and met again.
process.env.CUE_BACKTEST_PAGE = "7";

const HOUR = 3_600_000;
const base = new Date(Date.now() - 20 * 24 * HOUR);
base.setUTCMinutes(0, 0, 0);
const until = new Date(base.getTime() + 6 * 24 * HOUR);

type Scripted = { userId: string; name: string; data: Record<string, unknown>; timestamp: Date };

// A small deterministic shop: carts, purchases inside and outside a day, repeated views,
// sign-ups after on-boarding or not, waitlists, shipping; some users have an email.
function history(): Scripted[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const events: Scripted[] = [];
  const products = ["kettle", "mug", "teapot"];
  for (let u = 0; u < 24; u++) {
    const userId = `bt_user_${u}`;
    let at = base.getTime() + Math.floor(random() * 24) * HOUR;
    for (let i = 0; i < 8; i++) {
      const pick = random();
      const product = products[Math.floor(random() * products.length)]!;
      const [name, data] =
        pick < 0.25 ? ["ADDTOCART", { qty: String(1 + Math.floor(random() * 3)), amount: (random() * 200).toFixed(2), currency: "EUR", product }]
        : pick < 0.4 ? ["PURCHASE", { amount: Math.floor(random() * 200), currency: "EUR", order_nr: `o${u}-${i}` }]
        : pick < 0.6 ? ["VIEWPRODUCT", { product }]
        : pick < 0.7 ? ["ONBOARDING_COMPLETE", {}]
        : pick < 0.8 ? ["SIGNUP", { name: `User ${u}` }]
        : pick < 0.9 ? ["NOTIFY_ME", { product }]
        : ["SHIPPING", { status: "shipped" }];
      events.push({ userId, name: name as string, data: data as Record<string, unknown>, timestamp: new Date(at) });
      at += Math.floor(1 + random() * 30) * HOUR;
    }
  }
  return events.filter((e) => e.timestamp < until).sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.userId < b.userId ? -1 : 1));
}

// The shop restocks, outside the random stream above (the other templates' history stays as it was): products
// with a waitlist, one whose waitlist is empty, one with none.
const restocks: Scripted[] = [["kettle", 30], ["mug", 55], ["teapot", 80], ["lamp", 90], ["kettle", 120]].map(([product, hours]) => ({
  userId: "bt_shop", name: "PRODUCT_RESTOCKED", data: { product }, timestamp: new Date(base.getTime() + (hours as number) * HOUR),
}));
const byTime = (a: Scripted, b: Scripted) => a.timestamp.getTime() - b.timestamp.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
const events = [...history(), ...restocks].sort(byTime);
const ingest = (appId: string, batch: Scripted[], now: Date | null) =>
  sqlDb().then((sql) => sql.transaction((tx) => storeEvents(tx, appId, batch.map((e, i) => ({ eventId: `${e.userId}-${e.timestamp.getTime()}-${e.name}-${i}`, ...e })), now)));

// Emails, push devices, one push opt-out, and the waitlists a restock sends to (members with and without a device).
async function profiles(t: TestApp, prefix = "bt_user") {
  for (let u = 0; u < 24; u += 3) await t.app("PUT", `/api/v1/users/${prefix}_${u}`, { email: `u${u}@example.com` });
  for (let u = 1; u < 24; u += 4) await t.app("POST", `/api/v1/users/${prefix}_${u}/devices`, { platform: "ios", token: `${prefix}-${u}-${t.id}` });
  expect((await t.master("PUT", `/api/v1/users/${prefix}_9/subscriptions`, { channels: { push: false } })).status).toBe(200);
  const waitlists: Record<string, number[]> = { kettle: [1, 2, 5, 9], mug: [5, 6, 13, 17, 22], teapot: [] };
  for (const [product, members] of Object.entries(waitlists)) {
    const segment = await t.master("POST", "/api/v1/segments", { name: `Waitlist ${product}`, kind: "manual" });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    if (members.length > 0) {
      const added = await t.master("POST", `/api/v1/segments/${segment.body.id}/members`, { userIds: members.map((u) => `${prefix}_${u}`) });
      expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    }
  }
}

let past: TestApp;
beforeAll(async () => {
  past = await createTestApp("Backtest history");
  await ingest(past.id, events, null);
  await profiles(past);
}, 120_000);

// Every event-triggered seed template (dormantUsers, the inactivity one, has its own history below).
const TEMPLATES: SeedGraphKey[] = [
  "welcome", "signupReminder", "signupWelcome", "productScarcity", "backInStockWaitlist", "backInStockRestocked", "cartAbandonment", "orderConfirmation", "shippingStatus", "purchaseThreshold",
];

type Replay = { events: Scripted[]; prefix?: string; from?: Date; checks?: Date[] };

// The live engine on a controlled clock: a tick before each event at its time; the
// inactivity check runs from `from` on, in those ticks and in ticks of their own at `checks`.
async function live(graph: Graph, replay: Replay) {
  const t = await createTestApp("Backtest live");
  await profiles(t, replay.prefix);
  const connectorId = await publishConnector(t, "Live", graph);
  const db = await database();
  const from = replay.from?.getTime() ?? Infinity;
  const moments = [...replay.events.map((event) => ({ at: event.timestamp, event })), ...(replay.checks ?? []).map((at) => ({ at, event: null }))]
    // At one moment the check comes before the events: the backtest enters a silence before events of its moment.
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.event ? 1 : 0) - (b.event ? 1 : 0));
  for (const { at, event } of moments) {
    await runTick(db, () => at, { inactivity: at.getTime() >= from });
    if (event) await ingest(t.id, [event], event.timestamp);
  }
  await runTick(db, () => new Date(until.getTime() - 1), { inactivity: replay.from !== undefined });
  const stats = (await t.master("GET", `/api/v1/connectors/${connectorId}/stats`)).body.nodes as Record<string, Record<string, number>>;
  const messages = (await t.master("GET", `/api/v1/messages?connectorId=${connectorId}&limit=200`)).body.messages as { status: string; body: string; channel: string }[];
  return { stats, messages };
}

function expectSame(key: string, graph: Graph, backtest: { nodes: Record<string, Record<string, number>>; messages: { total: number; byChannel: Record<string, number>; samples: { body: string }[] } }, replayed: Awaited<ReturnType<typeof live>>) {
  for (const node of graph.nodes) {
    const want = replayed.stats[node.id] ?? {};
    const got = backtest.nodes[node.id] ?? {};
    for (const count of ["entered", "passed", "waiting", "cancelled", "sent", "skipped"]) {
      expect(got[count] ?? 0, `${key} ${node.id} ${count}`).toBe(want[count] ?? 0);
    }
  }
  const sent = replayed.messages.filter((m) => m.status === "sent");
  expect(backtest.messages.total).toBe(sent.length);
  const byChannel: Record<string, number> = {};
  for (const m of sent) byChannel[m.channel] = (byChannel[m.channel] ?? 0) + 1;
  expect(backtest.messages.byChannel).toEqual(byChannel);
  for (const sample of backtest.messages.samples) expect(sent.map((m) => m.body)).toContain(sample.body);
}

describe("backtest equals the live engine", () => {
  it.each(TEMPLATES)("%s", async (key) => {
    const graph = seedGraphs[key];
    const draft = await past.master("POST", "/api/v1/connectors", { name: key, graph });
    const backtest = await past.master("POST", `/api/v1/connectors/${draft.body.id}/backtest`, { from: base.toISOString(), to: until.toISOString() });
    expect(backtest.status, JSON.stringify(backtest.body)).toBe(200);
    const replayed = await live(graph, { events });
    expectSame(key, graph, backtest.body, replayed);
    if (key === "backInStockRestocked") expect(backtest.body.messages.total).toBeGreaterThan(0);
  }, 120_000);

  // Opens over 40 days, from 34 days before the window: some users fall silent before it
  // opens (they enter at its start), some inside it, some open again after a silence
  // began (a new period), some never stay away 30 days. Live, the check runs in every
  // tick, every CUE_TICK_SECONDS: when it runs decides when a silence enters. The backtest
  // enters each silence the moment it begins, so the live replay also checks at those
  // moments (each open's 30 days and a millisecond later, and the window's start); checks
  // at other moments (the tick before every event) then find nobody new.
  it("dormantUsers", async () => {
    const from = new Date(base.getTime() - 6 * 24 * HOUR);
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const opens: Scripted[] = [];
    for (let u = 0; u < 20; u++) {
      for (let at = from.getTime() - 34 * 24 * HOUR + Math.floor(random() * 48) * HOUR; at < until.getTime(); at += Math.floor(1 + random() * 50 * 24) * HOUR) {
        opens.push({ userId: `dm_user_${u}`, name: "app.open", data: {}, timestamp: new Date(at) });
      }
    }
    opens.sort(byTime);
    const history = await createTestApp("Backtest dormant history");
    await ingest(history.id, opens, null);
    await profiles(history, "dm_user");
    const graph = seedGraphs.dormantUsers;
    const draft = await history.master("POST", "/api/v1/connectors", { name: "dormant", graph });
    const backtest = await history.master("POST", `/api/v1/connectors/${draft.body.id}/backtest`, { from: from.toISOString(), to: until.toISOString() });
    expect(backtest.status, JSON.stringify(backtest.body)).toBe(200);
    const checks = [from, ...opens.map((e) => new Date(e.timestamp.getTime() + 30 * 24 * HOUR + 1))].filter((at) => at >= from && at < until);
    const replayed = await live(graph, { events: opens, prefix: "dm_user", from, checks });
    expectSame("dormantUsers", graph, backtest.body, replayed);
    expect(backtest.body.entered).toBeGreaterThan(1);
    expect(backtest.body.messages.total).toBeGreaterThan(0);
  }, 180_000);
});

describe("backtest", () => {
  it("writes nothing, and refuses a graph that does not compile and a window backwards", async () => {
    const sql = await sqlDb();
    const tables = await sql.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`);
    const counts = async () => Promise.all(tables.map(async ({ name }) => [name, (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n]));
    const draft = await past.master("POST", "/api/v1/connectors", { name: "Nothing written", graph: seedGraphs.cartAbandonment });
    const before = await counts();
    const res = await past.master("POST", `/api/v1/connectors/${draft.body.id}/backtest`, { from: base.toISOString(), to: until.toISOString() });
    expect(res.status).toBe(200);
    expect(res.body.eventsScanned).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
    expect((await past.master("POST", `/api/v1/connectors/${draft.body.id}/backtest`, { graph: { nodes: [], edges: [] } })).status).toBe(422);
    expect((await past.master("POST", `/api/v1/connectors/${draft.body.id}/backtest`, { from: until.toISOString(), to: base.toISOString() })).status).toBe(400);
    expect((await past.app("POST", `/api/v1/connectors/${draft.body.id}/backtest`, {})).status).toBe(403);
  });
});
