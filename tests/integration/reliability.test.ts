// Guarantees that hold under pressure (issue 8): duplicates posted concurrently, catch-up
// after the scheduler was down, and database timeouts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { db, sqlDb } from "@/lib/server/db";
import { ingestEvents } from "@/lib/server/ingest/ingest";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { createTestApp } from "./api-client";
import { messagesOf, publishConnector, tick } from "./engine-helpers";

const chain = (event: string, steps: Graph["nodes"][number]["data"][], types: Graph["nodes"][number]["type"][]): Graph => ({
  nodes: [{ id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } }, ...steps.map((data, i) => ({ id: `n${i}`, type: types[i]!, position: { x: 0, y: (i + 1) * 120 }, data }))],
  edges: steps.map((_, i) => ({ id: `e${i}`, source: i === 0 ? "t" : `n${i - 1}`, target: `n${i}` })),
});

let fake: FakeProvider;
beforeAll(async () => {
  process.env.CUE_ALLOW_PRIVATE_NETWORK = "1";
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe("duplicates under concurrency", () => {
  it("stores a batch posted 10 times in parallel once and triggers once", async () => {
    const t = await createTestApp("Parallel duplicates");
    const id = await publishConnector(t, "Once", chain("PAR", [{ kind: "send", channel: "webhook", body: "hi {{ event.data.n }}" }], ["action"]));
    const events = Array.from({ length: 50 }, (_, n) => ({ id: `par-${n}`, userId: `u_par_${n % 10}`, event: "PAR", data: { n } }));
    const responses = await Promise.all(Array.from({ length: 10 }, () => t.app("POST", "/api/v1/events", { events })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(responses.reduce((n, r) => n + r.body.accepted, 0)).toBe(50);
    expect(responses.reduce((n, r) => n + r.body.duplicates, 0)).toBe(450);
    await tick(t);
    const prisma = await db();
    expect(await prisma.event.count({ where: { appId: t.id, name: "PAR" } })).toBe(50);
    expect(await prisma.enrollment.count({ where: { connectorId: id } })).toBe(50);
    expect(await messagesOf(t, { connectorId: id, limit: "200" })).toHaveLength(50);
  });
});

describe("catch-up", () => {
  it("runs 10 minutes of missed work once, in due order, within the send rate", async () => {
    const t = await createTestApp("Catch-up");
    await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: `${fake.url}/catch-up`, ratePerSecond: 20 } });
    const id = await publishConnector(
      t,
      "Late",
      chain("LATE", [{ amount: 10, unit: "minutes" }, { kind: "send", channel: "webhook", body: "{{ event.data.i }}" }], ["delay", "action"]),
    );
    // Due times spread over the last 10 minutes; stored the way ingest stores them, but
    // nothing ran since (no matching, no ticks): the scheduler was down all along.
    const now = Date.now();
    const events = Array.from({ length: 60 }, (_, i) => ({
      eventId: `late-${i}`, userId: `u_late_${String(i).padStart(2, "0")}`, name: "LATE", data: { i }, timestamp: new Date(now - 20 * 60_000 + i * 10_000),
    }));
    await ingestEvents(await sqlDb(), t.id, events.reverse());
    fake.requests.length = 0;
    const started = Date.now();
    while (fake.requests.length < 60 && Date.now() - started < 15_000) await tick(t);

    const messages = await (await db()).message.findMany({ where: { connectorId: id } });
    expect(messages).toHaveLength(60);
    expect(new Set(messages.map((m) => m.userId)).size).toBe(60);
    // In due order: the provider saw the earliest due first.
    const order = fake.requests.map((r) => Number(JSON.parse(r.body.toString()).body));
    expect(order).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Once each at the provider, and never faster than 20/s after the burst of 20.
    const keys = fake.requests.map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(60);
    expect(keys).toHaveLength(60);
    const times = fake.requests.map((r) => r.at);
    for (const at of times) expect(times.filter((x) => x >= at && x < at + 1000).length).toBeLessThanOrEqual(41);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1500);
  }, 30_000);
});

describe.runIf(process.env.DATABASE_URL)("database timeouts", () => {
  it("sets statement and idle-in-transaction timeouts on every connection", async () => {
    const prisma = await db();
    const [statement] = await prisma.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    const [idle] = await prisma.$queryRaw<{ idle_in_transaction_session_timeout: string }[]>`SHOW idle_in_transaction_session_timeout`;
    expect(statement?.statement_timeout).toBe("3s");
    expect(idle?.idle_in_transaction_session_timeout).toBe("2s");
  });

  it("stops a statement that runs too long, and keeps serving", async () => {
    const prisma = await db();
    await expect(prisma.$queryRaw`SELECT pg_sleep(5)`).rejects.toThrow(/statement timeout|canceling statement/i);
    expect(await prisma.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });
});
