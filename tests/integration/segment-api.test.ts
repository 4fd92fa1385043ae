// Segment's Tracking API under /v1, called directly: authentication by write key (and
// nothing else), Segment's answers and limits, and the mapping onto events and users.
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { basic, call, createTestApp, type TestApp } from "./api-client";
import { publishConnector } from "./engine-helpers";
import { eventsOf, post, userRowOf, writeKeyAuth } from "./segment-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Segment API");
});

const segment = (path: string, body: unknown, headers: Record<string, string> = writeKeyAuth(t.writeKey)) => post(path, body, headers);
const events = (where: Record<string, unknown>) => eventsOf(t, where);
const userRow = (userId: string) => userRowOf(t, userId);

describe("authentication", () => {
  it("answers 200 {success: true} to the write key in Basic auth", async () => {
    const res = await segment("/v1/track", { userId: "u_auth", event: "Signed Up", messageId: "m-auth-1" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect(await events({ eventId: "m-auth-1" })).toHaveLength(1);
  });

  it("accepts the write key in the body, as analytics.js and analytics-python also send it", async () => {
    const res = await segment("/v1/track", { writeKey: t.writeKey, userId: "u_auth", event: "Body Key", messageId: "m-auth-2" }, {});
    expect(res.status).toBe(200);
    expect(await events({ eventId: "m-auth-2" })).toHaveLength(1);
  });

  it.each([
    ["no credentials", () => ({})],
    ["an unknown write key", () => writeKeyAuth("wk_nope")],
    ["the application key and secret", () => ({ authorization: basic(t.key, t.secret) })],
  ])("refuses %s with 401 in Segment's shape and stores nothing", async (_, headers) => {
    const res = await segment("/v1/track", { userId: "u_refused", event: "Nope" }, headers());
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: "unauthorized", error: { code: "unauthorized" } });
    expect(await events({ userId: "u_refused" })).toHaveLength(0);
  });

  it("lets the write key ingest and nothing else: the /api/v1 routes refuse it", async () => {
    const asWriteKey = writeKeyAuth(t.writeKey);
    expect((await call("POST", "/api/v1/events", { body: { userId: "u_wk", event: "E" }, headers: asWriteKey })).status).toBe(401);
    expect((await call("GET", "/api/v1/connectors", { headers: asWriteKey })).status).toBe(401);
    expect((await call("GET", "/api/v1/users/u_auth", { headers: asWriteKey })).status).toBe(401);
    // Nor as the secret next to the application key.
    expect((await call("GET", "/api/v1/users/u_auth", { headers: { authorization: basic(t.key, t.writeKey) } })).status).toBe(401);
  });

  it("keeps applications apart: one app's write key writes only to that app", async () => {
    const other = await createTestApp("Segment other");
    await segment("/v1/track", { userId: "u_apart", event: "Mine", messageId: "m-apart" }, writeKeyAuth(other.writeKey));
    expect(await events({ userId: "u_apart" })).toHaveLength(0);
    expect((await other.master("GET", "/api/v1/users/u_apart")).status).toBe(200);
  });

  it("rotating the write key from the dashboard retires the old one", async () => {
    const other = await createTestApp("Segment rotate");
    const res = await call("POST", "/api/dashboard/apps/rotate", { body: { which: "writeKey" }, headers: { cookie: await sessionCookie(other.id) } });
    expect(res.status).toBe(200);
    expect(res.body.value).toMatch(/^wk_[0-9a-z]{32}$/);
    expect((await segment("/v1/track", { userId: "u", event: "E" }, writeKeyAuth(other.writeKey))).status).toBe(401);
    expect((await segment("/v1/track", { userId: "u", event: "E" }, writeKeyAuth(res.body.value))).status).toBe(200);
  });
});

async function sessionCookie(appId: string): Promise<string> {
  const { createAdmin, signIn, sessionFromToken, switchApp, SESSION_COOKIE } = await import("@/lib/server/auth/admins");
  const prisma = await db();
  const email = `admin-${appId}@example.com`;
  await createAdmin(prisma, email, "a-long-password-123");
  const token = await signIn(prisma, email, "a-long-password-123", new Date());
  const session = await sessionFromToken(prisma, token, new Date());
  await switchApp(prisma, session!.sessionId, appId);
  return `${SESSION_COOKIE}=${token}`;
}

describe("answers and limits", () => {
  it("serves every call under its name and analytics.js's one-letter path", async () => {
    for (const path of ["/v1/t", "/v1/track"]) {
      expect((await segment(path, { userId: "u_paths", event: `Via ${path}` })).status).toBe(200);
    }
    expect((await segment("/v1/b", { batch: [{ type: "track", userId: "u_paths", event: "Via b" }] })).status).toBe(200);
    expect((await segment("/v1/import", { batch: [{ type: "track", userId: "u_paths", event: "Via import" }] })).status).toBe(200);
    expect((await events({ userId: "u_paths" })).map((e) => e.name)).toEqual(["Via /v1/t", "Via /v1/track", "Via b", "Via import"]);
    expect((await segment("/v1/launch", { userId: "u_paths" })).status).toBe(404);
  });

  it("answers CORS preflights so analytics.js can post from any page", async () => {
    const res = await call("OPTIONS", "/v1/t", { headers: { origin: "https://shop.example", "access-control-request-headers": "authorization,content-type" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    // Errors carry CORS headers too, or the browser would see a network error and retry.
    const refused = await segment("/v1/t", { userId: "u" }, {});
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("takes text/plain bodies, which analytics.js sends to avoid preflights", async () => {
    const res = await call("POST", "/v1/t", {
      rawBody: JSON.stringify({ writeKey: t.writeKey, userId: "u_plain", event: "Plain" }),
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(200);
  });

  it("takes gzip bodies and refuses a corrupt stream with 400", async () => {
    const body = gzipSync(JSON.stringify({ batch: [{ type: "track", userId: "u_gzip", event: "Zipped" }] }));
    const headers = { ...writeKeyAuth(t.writeKey), "content-encoding": "gzip" };
    expect((await call("POST", "/v1/batch", { rawBody: body, headers })).status).toBe(200);
    expect((await events({ userId: "u_gzip" })).map((e) => e.name)).toEqual(["Zipped"]);
    expect((await call("POST", "/v1/batch", { rawBody: Buffer.from("not gzip at all"), headers })).status).toBe(400);
  });

  it("answers 400 to malformed JSON and to invalid messages, naming them, and stores none of the batch", async () => {
    expect((await call("POST", "/v1/track", { rawBody: "{nope", headers: writeKeyAuth(t.writeKey) })).status).toBe(400);
    const res = await segment("/v1/batch", {
      batch: [
        { type: "track", userId: "u_invalid", event: "Fine" },
        { type: "track", userId: "u_invalid" },
        { type: "identify" },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(["batch.1.event", "batch.2.userId"]);
    expect(await events({ userId: "u_invalid" })).toHaveLength(0);
    expect(await userRow("u_invalid")).toBeNull();
  });

  it("refuses more than 32 KB per call and per message, and 500 KB per batch, with Segment's 400", async () => {
    const blob = "x".repeat(33 * 1024);
    const single = await segment("/v1/track", { userId: "u_big", event: "Big", properties: { blob } });
    expect(single.status).toBe(400);
    expect(single.body.code).toBe("payload_too_large");

    const inBatch = await segment("/v1/batch", { batch: [{ type: "track", userId: "u_big", event: "Small" }, { type: "track", userId: "u_big", event: "Big", properties: { blob } }] });
    expect(inBatch.status).toBe(400);
    expect(inBatch.body.error.details[0].path).toBe("batch.1");

    const chunk = "y".repeat(30 * 1024);
    const huge = Array.from({ length: 17 }, (_, i) => ({ type: "track", userId: "u_big", event: `Chunk ${i}`, properties: { chunk } }));
    const tooMuch = await segment("/v1/batch", { batch: huge });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe("payload_too_large");
    expect(await events({ userId: "u_big" })).toHaveLength(0);

    const fits = await segment("/v1/batch", { batch: huge.slice(0, 15) });
    expect(fits.status).toBe(200);
    expect(await events({ userId: "u_big" })).toHaveLength(15);
  });

  it("shares the application's rate limit: 429 with Retry-After, which the SDKs wait out", async () => {
    const other = await createTestApp("Segment rate limit");
    process.env.CUE_API_RATE_LIMIT = "1";
    try {
      const first = await segment("/v1/track", { userId: "u_rate", event: "First" }, writeKeyAuth(other.writeKey));
      const second = await segment("/v1/track", { userId: "u_rate", event: "Second" }, writeKeyAuth(other.writeKey));
      expect(first.status).toBe(200);
      expect(second.status).toBe(429);
      expect(second.headers.get("retry-after")).toBe("1");
      expect(second.body).toMatchObject({ success: false, code: "rate_limited" });
    } finally {
      delete process.env.CUE_API_RATE_LIMIT;
    }
  });

  it("stores a repeated messageId once", async () => {
    const message = { userId: "u_dupe", event: "Once", messageId: "m-dupe" };
    await segment("/v1/track", message);
    await segment("/v1/batch", { batch: [{ type: "track", ...message }, { type: "track", ...message }] });
    expect(await events({ userId: "u_dupe" })).toHaveLength(1);
  });
});

describe("mapping", () => {
  it("stores track as the event, properties as data, messageId as id, and keeps the context", async () => {
    const context = { library: { name: "analytics-python", version: "2.3.0" }, ip: "203.0.113.9" };
    await segment("/v1/track", { userId: "u_map", event: "Order Completed", properties: { total: 42, currency: "EUR" }, messageId: "m-map", context });
    const [stored] = await events({ eventId: "m-map" });
    expect(stored).toMatchObject({ userId: "u_map", name: "Order Completed", data: { total: 42, currency: "EUR" }, context });
  });

  it("corrects the timestamp with sentAt for a device clock that is two hours ahead", async () => {
    const ahead = Date.now() + 2 * 3_600_000;
    const res = await segment("/v1/track", {
      userId: "u_skew",
      event: "Skewed",
      timestamp: new Date(ahead - 60_000).toISOString(),
      sentAt: new Date(ahead).toISOString(),
    });
    expect(res.status).toBe(200);
    const [stored] = await events({ userId: "u_skew" });
    expect(Math.abs(stored!.timestamp.getTime() - (Date.now() - 60_000))).toBeLessThan(5_000);
  });

  it("refuses a timestamp in the future when no sentAt can correct it", async () => {
    const res = await segment("/v1/track", { userId: "u_future", event: "Later", timestamp: new Date(Date.now() + 3_600_000).toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("timestamp");
  });

  it("stores page and screen as page.viewed and screen.viewed with name and category in data", async () => {
    await segment("/v1/page", { userId: "u_views", name: "Pricing", category: "Docs", properties: { path: "/pricing", url: "https://x.example/pricing" } });
    await segment("/v1/screen", { userId: "u_views", name: "Home" });
    const stored = await events({ userId: "u_views" });
    expect(stored.map((e) => [e.name, e.data])).toEqual([
      ["page.viewed", { path: "/pricing", url: "https://x.example/pricing", name: "Pricing", category: "Docs" }],
      ["screen.viewed", { name: "Home" }],
    ]);
  });

  it("upserts the user from identify traits: email, phone, name as fields, the rest as attributes", async () => {
    await segment("/v1/identify", { userId: "u_traits", traits: { email: "ada@example.com", phone: "+31612345678", name: "Ada", plan: "pro" } });
    await segment("/v1/identify", { userId: "u_traits", traits: { plan: "enterprise", seats: 5 } });
    const user = await t.master("GET", "/api/v1/users/u_traits");
    expect(user.body).toMatchObject({ email: "ada@example.com", phone: "+31612345678", name: "Ada", attributes: { plan: "enterprise", seats: 5 } });
    expect(user.body.events).toEqual([]); // identify is a profile update, not an event
  });

  it("records group membership as user attributes", async () => {
    await segment("/v1/group", { userId: "u_group", groupId: "acme", traits: { name: "Acme", employees: 40 } });
    const user = await t.master("GET", "/api/v1/users/u_group");
    expect(user.body.attributes).toEqual({ groupId: "acme", group: { name: "Acme", employees: 40 } });
  });

  it("triggers a published connector exactly like /api/v1/events", async () => {
    const connectorId = await publishConnector(t, "Segment trigger", {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "Trial Started", where: [{ path: "plan", op: "eq", value: "pro" }] } },
        { id: "a", type: "action", position: { x: 0, y: 100 }, data: { kind: "send", channel: "email", subject: "Welcome to {{ event.data.plan }}", body: "Hi {{ user.name }}" } },
      ],
      edges: [{ id: "e", source: "t", target: "a" }],
    });
    await segment("/v1/batch", {
      batch: [
        { type: "identify", userId: "u_trigger", traits: { email: "t@example.com", name: "Tess" } },
        { type: "track", userId: "u_trigger", event: "Trial Started", properties: { plan: "pro" }, messageId: "m-trial" },
      ],
    });
    await t.master("POST", "/api/v1/cron/tick");
    const messages = (await t.master("GET", `/api/v1/messages?connectorId=${connectorId}`)).body.messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ userId: "u_trigger", channel: "email", subject: "Welcome to pro", body: "Hi Tess" });
  });
});

describe("bootstrap", () => {
  it("CUE_WRITE_KEY gives the bootstrap application that write key, and apps without one get one", async () => {
    const { bootstrapApps } = await import("@/lib/server/apps");
    const prisma = await db();
    const suffix = Date.now().toString(36);
    const env = { CUE_APP_KEY: `ak_boot_${suffix}`, CUE_APP_SECRET: "s", CUE_MASTER_SECRET: "m", CUE_WRITE_KEY: `wk_boot_${suffix}` };
    await bootstrapApps(prisma, env, () => {});
    expect((await segment("/v1/track", { userId: "u_boot", event: "Booted" }, writeKeyAuth(env.CUE_WRITE_KEY))).status).toBe(200);

    const legacy = await createTestApp("Segment legacy");
    await prisma.app.update({ where: { id: legacy.id }, data: { writeKey: null } });
    await bootstrapApps(prisma, {}, () => {});
    expect((await prisma.app.findUniqueOrThrow({ where: { id: legacy.id } })).writeKey).toMatch(/^wk_/);
  });
});

describe("analytics.js settings", () => {
  it("serves the CDN settings that point analytics.js at this server", async () => {
    const res = await call("GET", `/v1/projects/${t.writeKey}/settings`, { headers: { host: "cue.example:8443", "x-forwarded-proto": "https" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.body.integrations["Segment.io"]).toEqual({ apiKey: t.writeKey, apiHost: "cue.example:8443/v1", protocol: "https" });
    expect((await call("GET", "/v1/projects/wk_unknown/settings")).status).toBe(404);
  });
});
