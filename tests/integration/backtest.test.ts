// Backtest against the live engine: a history of shop events is stored in one app and
// backtested with a seed template's graph; the same events are then replayed live in a
// second app where the template is published, one event at a time at its own time, with
// the tick run on a controlled clock before each (so walks due by then run first, as the
// backtest's virtual clock runs them). The per-node counts and the messages must be the
// same. And a backtest writes nothing.
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

const events = history();
const ingest = (appId: string, batch: Scripted[], now: Date | null) =>
  sqlDb().then((sql) => sql.transaction((tx) => storeEvents(tx, appId, batch.map((e, i) => ({ eventId: `${e.userId}-${e.timestamp.getTime()}-${e.name}-${i}`, ...e })), now)));

async function profiles(t: TestApp) {
  for (let u = 0; u < 24; u += 3) await t.app("PUT", `/api/v1/users/bt_user_${u}`, { email: `u${u}@example.com` });
  for (let u = 1; u < 24; u += 4) await t.app("POST", `/api/v1/users/bt_user_${u}/devices`, { platform: "ios", token: `bt-${u}-${t.id}` });
}

let past: TestApp;
beforeAll(async () => {
  past = await createTestApp("Backtest history");
  await ingest(past.id, events, null);
  await profiles(past);
}, 120_000);

// The event-triggered templates whose sends go to the user (sends to a segment fan out to other people, which a backtest does not count).
const TEMPLATES: SeedGraphKey[] = ["welcome", "signupReminder", "signupWelcome", "productScarcity", "backInStockWaitlist", "cartAbandonment", "orderConfirmation", "shippingStatus", "purchaseThreshold"];

async function live(graph: Graph) {
  const t = await createTestApp("Backtest live");
  await profiles(t);
  const connectorId = await publishConnector(t, "Live", graph);
  const db = await database();
  for (const event of events) {
    await runTick(db, () => event.timestamp, { inactivity: false });
    await ingest(t.id, [event], event.timestamp);
  }
  await runTick(db, () => new Date(until.getTime() - 1), { inactivity: false });
  const stats = (await t.master("GET", `/api/v1/connectors/${connectorId}/stats`)).body.nodes as Record<string, Record<string, number>>;
  const messages = (await t.master("GET", `/api/v1/messages?connectorId=${connectorId}&limit=200`)).body.messages as { status: string; body: string; channel: string }[];
  return { stats, messages };
}

describe("backtest equals the live engine", () => {
  it.each(TEMPLATES)("%s", async (key) => {
    const graph = seedGraphs[key];
    const draft = await past.master("POST", "/api/v1/connectors", { name: key, graph });
    const backtest = await past.master("POST", `/api/v1/connectors/${draft.body.id}/backtest`, { from: base.toISOString(), to: until.toISOString() });
    expect(backtest.status, JSON.stringify(backtest.body)).toBe(200);
    const replayed = await live(graph);

    for (const node of graph.nodes) {
      const want = replayed.stats[node.id] ?? {};
      const got = backtest.body.nodes[node.id] ?? {};
      for (const count of ["entered", "passed", "waiting", "cancelled", "sent", "skipped"]) {
        expect(got[count] ?? 0, `${key} ${node.id} ${count}`).toBe(want[count] ?? 0);
      }
    }
    const sent = replayed.messages.filter((m) => m.status === "sent");
    expect(backtest.body.messages.total).toBe(sent.length);
    const byChannel: Record<string, number> = {};
    for (const m of sent) byChannel[m.channel] = (byChannel[m.channel] ?? 0) + 1;
    expect(backtest.body.messages.byChannel).toEqual(byChannel);
    for (const sample of backtest.body.messages.samples) expect(sent.map((m) => m.body)).toContain(sample.body);
  }, 120_000);
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
