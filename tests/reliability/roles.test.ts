// Roles on one PostgreSQL: a web process (CUE_ROLE=web, the built server) that ingests and
// runs nothing, and worker processes (npm run worker) that tick and are woken by its
// notices. Nothing is lost, nothing is sent twice, and a worker stops cleanly on SIGTERM.
import { afterEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { api, count, harness, publishDelayed, publishImmediate, sleep, waitFor, type Harness } from "./harness";

let h: Harness | undefined;
let fake: FakeProvider | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = fake = undefined;
});

const PRIVATE = { CUE_ALLOW_PRIVATE_NETWORK: "1" }; // the fake provider listens on 127.0.0.1
const sent = (h: Harness, connector: string) => count(h, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1 AND status = 'sent'`, [connector]);

describe("a web process and its workers", () => {
  it("web delivers nothing itself; its notice wakes a worker long before the next tick; a stopped worker finishes and a new one catches up", async () => {
    h = await harness();
    const web = await h.start({ CUE_ROLE: "web", CUE_TICK_SECONDS: "1" });
    expect(web.log()).toContain("ready as web");
    // Ten minutes between ticks: whatever is sent within seconds was sent on a notice.
    const workers = [await h.startWorker({ CUE_TICK_SECONDS: "600" }), await h.startWorker({ CUE_TICK_SECONDS: "600" })];

    // The built server routes only unknown /api/v1 paths to the JSON 404.
    for (const [method, path] of [["GET", "/api/v1/nope"], ["POST", "/api/v1/users/u1/nope"], ["DELETE", "/api/v1/connectors/x/y/z"]]) {
      const res = await api(web, method!, path!, method === "POST" ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body, `${method} ${path}`).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
    expect((await api(web, "GET", "/api/v1/connectors")).status).toBe(200);

    const connector = await publishImmediate(web, "WAKE");
    const posted = Date.now();
    expect((await api(web, "POST", "/api/v1/events", { id: "wake-1", userId: "wake_1", event: "WAKE" }, "secret")).status).toBe(202);
    await waitFor("the woken worker to send", async () => (await sent(h!, connector)) === 1, 20_000);
    console.log(`[roles] event → sent through a notice: ${Date.now() - posted} ms (next tick in ~600 s)`);

    // SIGTERM: each worker finishes what it does, closes the database and exits 0.
    for (const worker of workers) {
      expect(await worker.stop("SIGTERM")).toEqual({ code: 0, signal: null });
      expect(worker.log()).toContain("[cue] worker stopped");
    }
    expect((await api(web, "POST", "/api/v1/events", { id: "wake-2", userId: "wake_2", event: "WAKE" }, "secret")).status).toBe(202);
    await sleep(3_000);
    // Stored (and matched, in the ingest's own transaction), but not sent: the web
    // process delivers nothing and runs no tick.
    expect(await count(h, `SELECT count(*) FROM "Event" WHERE "eventId" = 'wake-2'`)).toBe(1);
    expect(await sent(h, connector)).toBe(1);

    // A worker that starts drains what waited, without waiting for its first tick.
    await h.startWorker({ CUE_TICK_SECONDS: "600" });
    await waitFor("the new worker to catch up", async () => (await sent(h!, connector)) === 2, 20_000);
  }, 180_000);

  it("1 web + 2 workers: 3,000 events over HTTP, each starting trigger → send and trigger → delay → send: every event stored once, every message made and delivered once", async () => {
    const N = 3_000;
    const SINGLES = 2_000; // one event per request; the rest in batches of 100
    fake = await startFakeProvider();
    h = await harness();
    const web = await h.start({ CUE_ROLE: "web", ...PRIVATE });
    await h.startWorker({ CUE_TICK_SECONDS: "1", ...PRIVATE });
    let second = await h.startWorker({ CUE_TICK_SECONDS: "1", ...PRIVATE });
    expect((await api(web, "PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: `${fake.url}/hook` } })).status).toBe(200);
    const immediate = await publishImmediate(web, "ROLE");
    const delayed = await publishDelayed(web, "ROLE", 1);

    // Timestamps 45 s old against a one-minute delay: the delayed steps come due ~15 s
    // after their event, many while events are still arriving.
    const event = (i: number) => ({ id: `role-${i}`, userId: `role_${i}`, event: "ROLE", timestamp: new Date(Date.now() - 45_000).toISOString() });
    const post = async (body: unknown) => {
      const res = await api(web, "POST", "/api/v1/events", body, "secret");
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as { accepted: number; duplicates: number };
    };
    let next = 0;
    const singles = async () => {
      for (let i = next++; i < SINGLES; i = next++) {
        await post(event(i));
        // A worker stopped (SIGTERM) and replaced while events pour in.
        if (i === SINGLES / 2) {
          expect(await second.stop("SIGTERM")).toEqual({ code: 0, signal: null });
          second = await h!.startWorker({ CUE_TICK_SECONDS: "1", ...PRIVATE });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, singles));
    for (let i = SINGLES; i < N; i += 100) await post({ events: Array.from({ length: 100 }, (_, k) => event(i + k)) });
    // Retried requests: the same ids again, one batch and a few singles, all duplicates.
    expect(await post({ events: Array.from({ length: 100 }, (_, k) => event(SINGLES + k)) })).toEqual({ accepted: 0, duplicates: 100 });
    for (let i = 0; i < 20; i++) expect(await post(event(i * 50))).toEqual({ accepted: 0, duplicates: 1 });

    await waitFor("every message to be sent", async () => (await sent(h!, immediate)) === N && (await sent(h!, delayed)) === N, 240_000);
    await sleep(3_000); // a few more ticks, to give a duplicate the chance to show

    expect(await count(h, `SELECT count(*) FROM "Event" WHERE name = 'ROLE'`)).toBe(N);
    expect(await count(h, `SELECT count(DISTINCT "eventId") FROM "Event" WHERE name = 'ROLE'`)).toBe(N);
    for (const connector of [immediate, delayed]) {
      expect(await count(h, `SELECT count(*) FROM "Enrollment" WHERE "connectorId" = $1`, [connector])).toBe(N);
      expect(await count(h, `SELECT count(*) FROM "Enrollment" WHERE "connectorId" = $1 AND status <> 'completed'`, [connector])).toBe(0);
      expect(await count(h, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1`, [connector])).toBe(N);
      expect(await count(h, `SELECT count(DISTINCT "userId") FROM "Message" WHERE "connectorId" = $1`, [connector])).toBe(N);
      expect(await sent(h, connector)).toBe(N);
    }
    // Handed to the provider once each: one attempt per message, one request per message id.
    expect(await count(h, `SELECT count(*) FROM "MessageAttempt" a JOIN "Message" m ON m.id = a."messageId" WHERE m."connectorId" IN ($1, $2)`, [immediate, delayed])).toBe(2 * N);
    expect(fake.requests).toHaveLength(2 * N);
    const keys = new Set(fake.requests.map((r) => String(r.headers["idempotency-key"])));
    const { rows } = await h.sql.query<{ id: string }>(`SELECT id FROM "Message" WHERE "connectorId" IN ($1, $2)`, [immediate, delayed]);
    expect(keys).toEqual(new Set(rows.map((r) => r.id)));

    const latency = await h.sql.query<{ p50: number; p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM m."sentAt" - e."receivedAt") * 1000 AS ms FROM "Message" m JOIN "Event" e ON e."userId" = m."userId" AND e.name = 'ROLE'
             WHERE m."connectorId" = $1 AND substring(e."eventId" from 6)::int < $2) x`,
      [immediate, SINGLES],
    ).catch(() => null);
    if (latency) console.log(`[roles] one-event requests, event received → sent: p50 ${Math.round(latency.rows[0]!.p50)} ms, p99 ${Math.round(latency.rows[0]!.p99)} ms`);
  }, 420_000);
});
