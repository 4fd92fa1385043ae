// Concurrent ingests share transactions (lib/server/ingest/group-commit.ts): each request
// must still be answered for its own events, duplicates counted once across requests,
// and one request that the database refuses must not take the others down with it.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, sqlDb } from "@/lib/server/db";
import { ingestEvents } from "@/lib/server/ingest/ingest";
import { createTestApp, type TestApp } from "./api-client";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Group commit");
});

const countEvents = async (where: Record<string, unknown>) => (await db()).event.count({ where: { appId: t.id, ...where } });

describe("group commit of concurrent ingests", () => {
  it("answers every request for its own events, with an id sent twice accepted once", async () => {
    // 30 distinct ids, the first 10 of them sent a second time by other requests.
    const ids = [...Array.from({ length: 30 }, (_, i) => `gc-${i}`), ...Array.from({ length: 10 }, (_, i) => `gc-${i}`)];
    const answers = await Promise.all(ids.map((id) => t.app("POST", "/api/v1/events", { id, userId: `u_gc_${id}`, event: "GROUPED" })));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 202));
    for (const a of answers) expect(a.body.accepted + a.body.duplicates).toBe(1);
    expect(answers.reduce((n, a) => n + a.body.accepted, 0)).toBe(30);
    // Each repeated id was accepted by exactly one of its two requests.
    for (let i = 0; i < 10; i++) expect(answers[i]!.body.accepted + answers[30 + i]!.body.accepted).toBe(1);
    expect(await countEvents({ name: "GROUPED" })).toBe(30);
  });

  it("counts a batch's own repeated id as a duplicate while other requests share its transaction", async () => {
    const batch = t.app("POST", "/api/v1/events", {
      events: [
        { id: "gc-batch-1", userId: "u_gc_batch", event: "GROUPED_BATCH" },
        { id: "gc-batch-1", userId: "u_gc_batch", event: "GROUPED_BATCH" },
        { userId: "u_gc_batch", event: "GROUPED_BATCH" },
      ],
    });
    const singles = Array.from({ length: 5 }, (_, i) => t.app("POST", "/api/v1/events", { userId: `u_gc_single_${i}`, event: "GROUPED_BATCH" }));
    const [answer, ...others] = await Promise.all([batch, ...singles]);
    expect(answer!.body).toEqual({ accepted: 2, duplicates: 1 });
    for (const o of others) expect(o.body).toEqual({ accepted: 1, duplicates: 0 });
    expect(await countEvents({ name: "GROUPED_BATCH" })).toBe(7);
  });

  it("stores the others when the database refuses one request of a group", async () => {
    const prisma = await db();
    const event = (userId: string) => [{ eventId: null, userId, name: "GROUPED_FAIL", data: {}, timestamp: new Date() }];
    // PostgreSQL text cannot hold U+0000: the HTTP layer refuses it, so only a direct call gets it this far.
    const results = await Promise.allSettled([
      ingestEvents(await sqlDb(), t.id, event("u_gc_ok_1")),
      ingestEvents(await sqlDb(), t.id, event("u_gc_ok_2")),
      ingestEvents(await sqlDb(), t.id, event("u_gc_\u0000bad")),
      ingestEvents(await sqlDb(), t.id, event("u_gc_ok_3")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await countEvents({ name: "GROUPED_FAIL" })).toBe(3);
  });
});

describe("the benchmarks' ceiling route", () => {
  afterEach(() => {
    delete process.env.CUE_BENCH_ROUTES;
  });

  it("is not there unless the server was started for benchmarks", async () => {
    const res = await t.app("POST", "/api/bench/ceiling", { userId: "u_ceiling", event: "CEILING" });
    expect(res.status).toBe(404);
  });

  it("validates like POST /api/v1/events and stores nothing", async () => {
    process.env.CUE_BENCH_ROUTES = "1";
    const ok = await t.app("POST", "/api/bench/ceiling", { userId: "u_ceiling", event: "CEILING" });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ accepted: 1, duplicates: 0 });
    const bad = await t.app("POST", "/api/bench/ceiling", { events: [{ userId: "u_ceiling" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: "events.0.event" })]);
    expect(await countEvents({ name: "CEILING" })).toBe(0);
  });
});
