import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { basic, call, createTestApp, type TestApp } from "./api-client";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Ingest");
});

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const countEvents = async (appId: string, where: Record<string, unknown> = {}) =>
  (await db()).event.count({ where: { appId, ...where } });

describe("POST /api/v1/events", () => {
  it("stores a single event and answers 202 with counts", async () => {
    const res = await t.app("POST", "/api/v1/events", {
      userId: "u_single",
      event: "ADDTOCART",
      data: { qty: "2", amount: "120.00", currency: "EUR" },
      timestamp: "2026-11-26T10:00:00Z",
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
    const stored = await (await db()).event.findFirstOrThrow({ where: { appId: t.id, userId: "u_single" } });
    expect(stored.name).toBe("ADDTOCART");
    expect(stored.data).toEqual({ qty: "2", amount: "120.00", currency: "EUR" });
    expect(stored.timestamp.toISOString()).toBe("2026-11-26T10:00:00.000Z");
  });

  it("creates the user on first sight", async () => {
    await t.app("POST", "/api/v1/events", { userId: "u_new", event: "app.open" });
    const user = await t.master("GET", "/api/v1/users/u_new");
    expect(user.status).toBe(200);
    expect(user.body.userId).toBe("u_new");
    expect(user.body.events.map((e: { event: string }) => e.event)).toEqual(["app.open"]);
  });

  it("defaults the timestamp to the time of receipt", async () => {
    const before = Date.now();
    await t.app("POST", "/api/v1/events", { userId: "u_ts", event: "PING" });
    const stored = await (await db()).event.findFirstOrThrow({ where: { appId: t.id, userId: "u_ts" } });
    expect(stored.timestamp.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(stored.timestamp.getTime()).toBeLessThanOrEqual(Date.now() + 5);
  });

  it("accepts a batch of 500 in one request", async () => {
    const events = Array.from({ length: 500 }, (_, i) => ({ userId: `u_b${i % 50}`, event: "VIEWPRODUCT", data: { product: `p${i}` } }));
    const res = await t.app("POST", "/api/v1/events", { events });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 500, duplicates: 0 });
    expect(await countEvents(t.id, { name: "VIEWPRODUCT" })).toBe(500);
  });

  it("rejects 501 events and stores nothing", async () => {
    const events = Array.from({ length: 501 }, () => ({ userId: "u_501", event: "TOO_MANY" }));
    const res = await t.app("POST", "/api/v1/events", { events });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(await countEvents(t.id, { name: "TOO_MANY" })).toBe(0);
  });

  it("rejects a whole batch when one event is invalid and names every bad index", async () => {
    const events = [
      { userId: "u_bad", event: "OK_EVENT" },
      { userId: "u_bad" },
      { userId: "u_bad", event: "OK_EVENT" },
      { userId: "u_bad", event: "x".repeat(201) },
    ];
    const res = await t.app("POST", "/api/v1/events", { events });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(["events.1.event", "events.3.event"]);
    expect(await countEvents(t.id, { userId: "u_bad" })).toBe(0);
    expect(await (await db()).user.count({ where: { appId: t.id, userId: "u_bad" } })).toBe(0);
  });

  it.each([
    ["a missing userId", { event: "E" }, "userId"],
    ["data that is not an object", { userId: "u", event: "E", data: [1, 2] }, "data"],
    ["a timestamp that is not ISO-8601", { userId: "u", event: "E", timestamp: "yesterday" }, "timestamp"],
    ["an empty event name", { userId: "u", event: "" }, "event"],
    ["a numeric id", { id: 5, userId: "u", event: "E" }, "id"],
  ])("rejects %s with 400 and the field's path", async (_name, body, path) => {
    const res = await t.app("POST", "/api/v1/events", body);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe(path);
  });

  it("rejects a timestamp more than 5 minutes in the future, but accepts 4 minutes", async () => {
    const late = await t.app("POST", "/api/v1/events", { userId: "u_future", event: "FUTURE", timestamp: minutesFromNow(6) });
    expect(late.status).toBe(400);
    expect(late.body.error.details).toEqual([{ path: "timestamp", message: expect.stringContaining("future") }]);
    const ok = await t.app("POST", "/api/v1/events", { userId: "u_future", event: "FUTURE", timestamp: minutesFromNow(4) });
    expect(ok.status).toBe(202);
    expect(await countEvents(t.id, { name: "FUTURE" })).toBe(1);
  });

  it("rejects data over 32 KB with 413 and stores nothing", async () => {
    const res = await t.app("POST", "/api/v1/events", {
      events: [
        { userId: "u_big", event: "BIG" },
        { userId: "u_big", event: "BIG", data: { blob: "x".repeat(33 * 1024) } },
      ],
    });
    expect(res.status).toBe(413);
    expect(res.body.error.details[0].path).toBe("events.1.data");
    expect(await countEvents(t.id, { name: "BIG" })).toBe(0);
  });

  it("rejects a body over 512 KB with 413", async () => {
    const events = Array.from({ length: 20 }, () => ({ userId: "u_huge", event: "HUGE", data: { blob: "y".repeat(30 * 1024) } }));
    const res = await t.app("POST", "/api/v1/events", { events });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(await countEvents(t.id, { name: "HUGE" })).toBe(0);
  });

  it("answers malformed JSON with 400 in the error shape", async () => {
    const res = await call("POST", "/api/v1/events", {
      rawBody: '{"userId": "u", "event": ',
      headers: { authorization: basic(t.key, t.secret) },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
  });

  it("counts an event with a known id as a duplicate and stores it once", async () => {
    const event = { id: "evt-dup-1", userId: "u_dup", event: "PURCHASE", data: { order_nr: "A1" } };
    const first = await t.app("POST", "/api/v1/events", event);
    const again = await t.app("POST", "/api/v1/events", { events: [event, { ...event, id: "evt-dup-2" }] });
    expect(first.body).toEqual({ accepted: 1, duplicates: 0 });
    expect(again.body).toEqual({ accepted: 1, duplicates: 1 });
    expect(await countEvents(t.id, { userId: "u_dup" })).toBe(2);
  });

  it("counts a repeated id inside one batch as a duplicate", async () => {
    const event = { id: "evt-same-batch", userId: "u_dup2", event: "PURCHASE" };
    const res = await t.app("POST", "/api/v1/events", { events: [event, event] });
    expect(res.body).toEqual({ accepted: 1, duplicates: 1 });
  });

  it("keeps idempotency ids per application", async () => {
    const other = await createTestApp("Other");
    const event = { id: "shared-id", userId: "u_x", event: "E" };
    expect((await t.app("POST", "/api/v1/events", event)).body.accepted).toBe(1);
    expect((await other.app("POST", "/api/v1/events", event)).body.accepted).toBe(1);
  });
});

describe("credentials", () => {
  it("answers 401 without credentials and with a wrong secret", async () => {
    const none = await call("POST", "/api/v1/events", { body: { userId: "u", event: "E" } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    const wrong = await call("POST", "/api/v1/events", {
      body: { userId: "u", event: "E" },
      headers: { authorization: basic(t.key, "not-the-secret") },
    });
    expect(wrong.status).toBe(401);
  });

  it("accepts the master secret on ingest", async () => {
    const res = await t.master("POST", "/api/v1/events", { userId: "u_master", event: "SHIPPING", data: { status: "shipped" } });
    expect(res.status).toBe(202);
  });

  it("refuses the app secret on a master endpoint with 403", async () => {
    await t.app("PUT", "/api/v1/users/u_403", { name: "A" });
    const res = await t.app("GET", "/api/v1/users/u_403");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("never lets one application read another's users", async () => {
    const other = await createTestApp("Isolated");
    await other.app("PUT", "/api/v1/users/u_private", { email: "p@example.com" });
    const res = await t.master("GET", "/api/v1/users/u_private");
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("p@example.com");
  });
});

describe("users", () => {
  it("upserts and merges attributes, null removes one", async () => {
    const first = await t.app("PUT", "/api/v1/users/u_merge", { email: "a@example.com", attributes: { plan: "free", city: "Porto" } });
    expect(first.status).toBe(200);
    const second = await t.app("PUT", "/api/v1/users/u_merge", { name: "Ana", attributes: { plan: "pro", city: null } });
    expect(second.body).toMatchObject({ email: "a@example.com", name: "Ana", attributes: { plan: "pro" } });
    expect(second.body.attributes).not.toHaveProperty("city");
  });

  it("rejects an invalid email with the field path", async () => {
    const res = await t.app("PUT", "/api/v1/users/u_inv", { email: "not-an-email" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("email");
  });

  it("returns 404 for an unknown user", async () => {
    const res = await t.master("GET", "/api/v1/users/nobody");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("returns the latest events newest first", async () => {
    await t.app("POST", "/api/v1/events", {
      events: [
        { userId: "u_tl", event: "FIRST", timestamp: "2026-11-20T10:00:00Z" },
        { userId: "u_tl", event: "THIRD", timestamp: "2026-11-22T10:00:00Z" },
        { userId: "u_tl", event: "SECOND", timestamp: "2026-11-21T10:00:00Z" },
      ],
    });
    const res = await t.master("GET", "/api/v1/users/u_tl");
    expect(res.body.events.map((e: { event: string }) => e.event)).toEqual(["THIRD", "SECOND", "FIRST"]);
  });
});

describe("GET /api/health", () => {
  it("reports the database kind", async () => {
    const res = await call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgresql" : "pglite" });
  });
});

describe("reading events", () => {
  it("lists recent events of a name, newest first, and the names seen", async () => {
    const reader = await createTestApp("Reader");
    await reader.app("POST", "/api/v1/events", {
      events: [
        { userId: "u_r", event: "VIEWPRODUCT", data: { product: "a" }, timestamp: minutesFromNow(-180) },
        { userId: "u_r", event: "VIEWPRODUCT", data: { product: "b" }, timestamp: minutesFromNow(-120) },
        { userId: "u_r", event: "ADDTOCART", timestamp: minutesFromNow(-60) },
        { userId: "u_r", event: "OLD_NEWS", timestamp: minutesFromNow(-31 * 24 * 60) },
      ],
    });
    const recent = await reader.master("GET", "/api/v1/events?event=VIEWPRODUCT&limit=1");
    expect(recent.body.events.map((e: { data: { product: string } }) => e.data.product)).toEqual(["b"]);
    const names = await reader.master("GET", "/api/v1/events/names");
    expect(names.body.names.map((n: { event: string; count: number }) => [n.event, n.count])).toEqual([["VIEWPRODUCT", 2], ["ADDTOCART", 1]]);
    expect((await reader.app("GET", "/api/v1/events/names")).status).toBe(403);
  });
});
