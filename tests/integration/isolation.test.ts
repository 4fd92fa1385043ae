// Tenant isolation matrix: every route file under app/ is classified (tenant API, dashboard,
// or exempt with a reason), and every /api/v1 method is called with app A's credentials
// against app B's ids. A new route or method that is not in the matrix fails the test.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdmin, SESSION_COOKIE, sessionFromToken, signIn, switchApp } from "@/lib/server/auth/admins";
import { db } from "@/lib/server/db";
import { basic, call, createTestApp, type ApiResponse, type TestApp } from "./api-client";

const APP_DIR = fileURLToPath(new URL("../../app", import.meta.url));
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;
type Method = (typeof METHODS)[number];

/** Every route.ts under app/, as a URL pattern ("/api/v1/users/:userId") and its exported methods. */
async function scanRoutes(): Promise<{ pattern: string; methods: Method[] }[]> {
  const files = readdirSync(APP_DIR, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
  return Promise.all(
    files.map(async (file) => {
      const dir = path.dirname(file).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)); // (groups) are not in the URL
      const pattern = `/${dir.map((s) => s.replace(/^\[(.+)\]$/, ":$1")).join("/")}`;
      const mod = (await import(path.join(APP_DIR, file))) as Record<string, unknown>;
      return { pattern, methods: METHODS.filter((m) => typeof mod[m] === "function") };
    }),
  );
}

// The catch-all that answers unknown /api/v1 paths with a JSON 404.
const UNKNOWN_API_PATH = "/api/v1/:...path";

// Routes outside the matrix, each with the reason it needs no application credentials.
const EXEMPT: Record<string, string> = {
  "/api/health": "liveness probe for load balancers; answers only { status, database }",
  "/api/v1/openapi.json": "the API's public OpenAPI description, the same for every caller",
  "/api/auth/login": "signs an admin in; throttled and same-origin checked (security.test.ts)",
  "/api/auth/logout": "ends the caller's own session; needs nothing but the cookie it deletes",
  "/api/auth/setup": "creates the first admin and refuses once one exists",
  "/api/t/o/:token": "email open pixel, opened from inboxes; authorised by an HMAC-signed token",
  "/api/t/c/:token": "email click redirect, opened from inboxes; authorised by an HMAC-signed token",
  "/api/inbound/twilio/:appKey": "Twilio's webhook; authorised by Twilio's request signature",
  "/u/:token": "an email's unsubscribe link (one-click POST, preferences save), opened from inboxes; authorised by an HMAC-signed token naming one user (unsubscribe.test.ts)",
  "/v1/m": "Segment SDK telemetry, discarded; analytics.js sends it without credentials",
  "/v1/:call": "Segment-compatible ingestion, authorised by the write key (segment-api.test.ts)",
  "/v1/projects/:writeKey/settings": "analytics.js's public CDN settings for a write key; no tenant data",
  "/api/bench/ceiling": "benchmark only: 404 unless CUE_BENCH_ROUTES=1, and even then reads and stores nothing",
  [UNKNOWN_API_PATH]: "any /api/v1 path no other route matches: 404 in the error shape to every method, reads nothing (unknown-api-path.test.ts)",
};

type Ids = { userId: string; connectorId: string; segmentId: string; messageId: string; campaignId: string; templateId: string };
// "hidden": B's object must be invisible to A (404, or 403). "own": the route acts on A's
// own namespace (an upsert, a list, a create), so 2xx is right, as long as B is untouched.
type Expect = "hidden" | "own";
type Case = { access: "app" | "master"; url: (b: Ids) => string; body?: (b: Ids) => unknown; expect: Expect };

const MARK = `mk${Date.now().toString(36)}`;
const MARKERS = {
  email: `${MARK}-b@example.com`,
  name: `${MARK}-B-NAME`,
  attribute: `${MARK}-B-ATTR`,
  eventName: `${MARK}_B_EVENT`,
  eventData: `${MARK}-B-DATA`,
  connector: `${MARK}-B-CONNECTOR`,
  template: `${MARK}-B-TEMPLATE`,
  segment: `${MARK}-B-SEGMENT`,
  message: `${MARK}-B-MESSAGE`,
  topic: `${MARK}-B-TOPIC`,
  templateName: `${MARK}-B-TEMPLATE-NAME`,
  templateBody: `${MARK}-B-TEMPLATE-BODY`,
  webhook: `https://${MARK}-b.example/hook`,
  vapidKey: "", // B's Web Push public key, read in beforeAll
};

const graph = (body: string, event = "A_EVENT") => ({
  nodes: [
    { id: "t", type: "trigger", data: { kind: "event", event } },
    { id: "a", type: "action", data: { kind: "send", channel: "webhook", body } },
  ],
  edges: [{ source: "t", target: "a" }],
});

let topics = 0;
let templates = 0;

const MATRIX: Record<string, Case> = {
  "GET /api/v1/analytics/events": { access: "master", url: () => "/api/v1/analytics/events?interval=hour&from=" + new Date(Date.now() - 86_400_000).toISOString(), expect: "own" },
  "GET /api/v1/channels": { access: "master", url: () => "/api/v1/channels", expect: "own" },
  "GET /api/v1/channels/:channel": { access: "master", url: () => "/api/v1/channels/webhook", expect: "own" },
  "PUT /api/v1/channels/:channel": {
    access: "master",
    url: () => "/api/v1/channels/webhook",
    body: () => ({ provider: "log", config: {} }),
    expect: "own",
  },
  "POST /api/v1/channels/:channel/test": {
    access: "master",
    url: () => "/api/v1/channels/email/test",
    body: (b) => ({ userId: b.userId }),
    expect: "hidden",
  },
  "GET /api/v1/connectors": { access: "master", url: () => "/api/v1/connectors", expect: "own" },
  "POST /api/v1/connectors": { access: "master", url: () => "/api/v1/connectors", body: () => ({ name: "A's own", graph: graph("a") }), expect: "own" },
  "GET /api/v1/connectors/:id": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}`, expect: "hidden" },
  "PUT /api/v1/connectors/:id": {
    access: "master",
    url: (b) => `/api/v1/connectors/${b.connectorId}`,
    body: () => ({ name: "taken over", graph: graph("taken over") }),
    expect: "hidden",
  },
  "DELETE /api/v1/connectors/:id": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}`, expect: "hidden" },
  "POST /api/v1/connectors/:id/publish": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/publish`, expect: "hidden" },
  "POST /api/v1/connectors/:id/check": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/check`, expect: "hidden" },
  "POST /api/v1/connectors/:id/backtest": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/backtest`, body: () => ({}), expect: "hidden" },
  "POST /api/v1/connectors/:id/simulate": {
    access: "master",
    url: (b) => `/api/v1/connectors/${b.connectorId}/simulate`,
    body: (b) => ({ userId: b.userId, events: [{ event: "A_EVENT" }] }),
    expect: "hidden",
  },
  "POST /api/v1/connectors/:id/pause": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/pause`, expect: "hidden" },
  "POST /api/v1/connectors/:id/resume": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/resume`, expect: "hidden" },
  "GET /api/v1/connectors/:id/stats": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/stats`, expect: "hidden" },
  "GET /api/v1/connectors/:id/versions": { access: "master", url: (b) => `/api/v1/connectors/${b.connectorId}/versions`, expect: "hidden" },
  // One scheduler pass over every application (it is how a single external cron drives
  // the server); it answers only counts.
  "POST /api/v1/cron/tick": { access: "master", url: () => "/api/v1/cron/tick", expect: "own" },
  "GET /api/v1/events": { access: "master", url: (b) => `/api/v1/events?userId=${b.userId}`, expect: "own" },
  "POST /api/v1/events": {
    access: "app",
    url: () => "/api/v1/events",
    body: (b) => ({ userId: b.userId, event: "A_EVENT", data: { from: "A" } }),
    expect: "own",
  },
  "GET /api/v1/events/names": { access: "master", url: () => "/api/v1/events/names", expect: "own" },
  "GET /api/v1/messages": { access: "master", url: (b) => `/api/v1/messages?userId=${b.userId}&connectorId=${b.connectorId}`, expect: "own" },
  "GET /api/v1/messages/:id": { access: "master", url: (b) => `/api/v1/messages/${b.messageId}`, expect: "hidden" },
  "POST /api/v1/messages/:id/opened": { access: "app", url: (b) => `/api/v1/messages/${b.messageId}/opened`, expect: "hidden" },
  "GET /api/v1/segments": { access: "master", url: () => "/api/v1/segments", expect: "own" },
  "POST /api/v1/segments": { access: "master", url: () => "/api/v1/segments", body: () => ({ name: `A segment ${Math.random()}` }), expect: "own" },
  "GET /api/v1/segments/:id/members": { access: "master", url: (b) => `/api/v1/segments/${b.segmentId}/members`, expect: "hidden" },
  "GET /api/v1/segments/:id/members.csv": { access: "master", url: (b) => `/api/v1/segments/${b.segmentId}/members.csv`, expect: "hidden" },
  "GET /api/v1/segments/:id": { access: "master", url: (b) => `/api/v1/segments/${b.segmentId}`, expect: "hidden" },
  "PUT /api/v1/segments/:id": { access: "master", url: (b) => `/api/v1/segments/${b.segmentId}`, body: () => ({ name: "taken over" }), expect: "hidden" },
  "DELETE /api/v1/segments/:id": { access: "master", url: (b) => `/api/v1/segments/${b.segmentId}`, expect: "hidden" },
  "POST /api/v1/segments/:id/refresh": { access: "master", url: (b) => `/api/v1/segments/${b.segmentId}/refresh`, expect: "hidden" },
  // Counts A's own users only: B's user (whose id starts with MARK) never shows in the sample.
  "POST /api/v1/segments/preview": {
    access: "master",
    url: () => "/api/v1/segments/preview",
    body: () => ({ rule: { conditions: [{ kind: "attribute", path: "id", op: "startsWith", value: MARK }] } }),
    expect: "own",
  },
  "POST /api/v1/segments/:id/members": {
    access: "master",
    url: (b) => `/api/v1/segments/${b.segmentId}/members`,
    body: () => ({ userIds: ["intruder"] }),
    expect: "hidden",
  },
  "DELETE /api/v1/segments/:id/members": {
    access: "master",
    url: (b) => `/api/v1/segments/${b.segmentId}/members`,
    body: (b) => ({ userIds: [b.userId] }),
    expect: "hidden",
  },
  "GET /api/v1/campaigns": { access: "master", url: () => "/api/v1/campaigns", expect: "own" },
  // A campaign names its segment in the body: B's segment is as missing as any other.
  "POST /api/v1/campaigns": {
    access: "master",
    url: () => "/api/v1/campaigns",
    body: (b) => ({ segment: b.segmentId, channel: "webhook", body: "taken over" }),
    expect: "hidden",
  },
  "POST /api/v1/campaigns/preview": {
    access: "master",
    url: () => "/api/v1/campaigns/preview",
    body: (b) => ({ segment: b.segmentId, channel: "email", subject: "s", body: "{{ user.email }}" }),
    expect: "hidden",
  },
  "GET /api/v1/campaigns/:id": { access: "master", url: (b) => `/api/v1/campaigns/${b.campaignId}`, expect: "hidden" },
  "POST /api/v1/campaigns/:id/cancel": { access: "master", url: (b) => `/api/v1/campaigns/${b.campaignId}/cancel`, expect: "hidden" },
  "GET /api/v1/templates": { access: "master", url: () => "/api/v1/templates", expect: "own" },
  // Called once per kind of caller: a new name each time.
  "POST /api/v1/templates": { access: "master", url: () => "/api/v1/templates", body: () => ({ name: `A's template ${++templates}`, channel: "webhook", body: "A's own" }), expect: "own" },
  "GET /api/v1/templates/:id": { access: "master", url: (b) => `/api/v1/templates/${b.templateId}`, expect: "hidden" },
  "PUT /api/v1/templates/:id": { access: "master", url: (b) => `/api/v1/templates/${b.templateId}`, body: () => ({ body: "taken over" }), expect: "hidden" },
  "DELETE /api/v1/templates/:id": { access: "master", url: (b) => `/api/v1/templates/${b.templateId}`, expect: "hidden" },
  "POST /api/v1/templates/:id/render": { access: "master", url: (b) => `/api/v1/templates/${b.templateId}/render`, body: () => ({}), expect: "hidden" },
  // Renders for a user named by id: B's user is as missing as any other.
  "POST /api/v1/templates/preview": {
    access: "master",
    url: () => "/api/v1/templates/preview",
    body: (b) => ({ channel: "email", subject: "s", body: "{{ user.email }} {{ user.name }}", userId: b.userId }),
    expect: "hidden",
  },
  "GET /api/v1/users": { access: "master", url: () => `/api/v1/users?q=${MARK}`, expect: "own" },
  "GET /api/v1/users/:userId": { access: "master", url: (b) => `/api/v1/users/${b.userId}`, expect: "hidden" },
  // Runs with the hidden cases, before A has a namesake of B's user: B's user is never erased.
  "DELETE /api/v1/users/:userId": { access: "master", url: (b) => `/api/v1/users/${b.userId}`, expect: "hidden" },
  "PUT /api/v1/users/:userId": { access: "app", url: (b) => `/api/v1/users/${b.userId}`, body: () => ({ attributes: { from: "A" } }), expect: "own" },
  "GET /api/v1/users/:userId/events": { access: "master", url: (b) => `/api/v1/users/${b.userId}/events`, expect: "hidden" },
  // Folds an anonymous id into a user, both in A's namespace: B's user of that id stays B's.
  "POST /api/v1/users/:userId/merge": {
    access: "app",
    url: () => `/api/v1/users/a_merge_target/merge`,
    body: (b) => ({ anonymousId: b.userId }),
    expect: "own",
  },
  "GET /api/v1/topics": { access: "master", url: () => "/api/v1/topics", expect: "own" },
  // Called once per kind of caller: a new key each time.
  "POST /api/v1/topics": { access: "master", url: () => "/api/v1/topics", body: () => ({ key: `a-topic-${++topics}`, name: "A's topic" }), expect: "own" },
  "GET /api/v1/delivery-policy": { access: "master", url: () => "/api/v1/delivery-policy", expect: "own" },
  "PUT /api/v1/delivery-policy": { access: "master", url: () => "/api/v1/delivery-policy", body: () => ({ timezone: "UTC" }), expect: "own" },
  "GET /api/v1/users/:userId/subscriptions": { access: "master", url: (b) => `/api/v1/users/${b.userId}/subscriptions`, expect: "hidden" },
  // Same id, A's namespace: changes (or creates) A's user of that id, never B's.
  "PUT /api/v1/users/:userId/subscriptions": {
    access: "app",
    url: (b) => `/api/v1/users/${b.userId}/subscriptions`,
    body: () => ({ topics: { marketing: false } }),
    expect: "own",
  },
  "GET /api/v1/push/vapid-key": { access: "app", url: () => "/api/v1/push/vapid-key", expect: "own" },
  "POST /api/v1/users/:userId/devices": {
    access: "app",
    url: (b) => `/api/v1/users/${b.userId}/devices`,
    body: () => ({ platform: "ios", token: "a-token" }),
    expect: "own",
  },
};

let a: TestApp;
let b: TestApp;
let bIds: Ids;
let aSession: string;
let routes: Awaited<ReturnType<typeof scanRoutes>>;

async function sessionFor(appId: string): Promise<string> {
  const prisma = await db();
  const email = `iso-${appId}@example.com`;
  await createAdmin(prisma, email, "isolation-password-1");
  const token = await signIn(prisma, email, "isolation-password-1", new Date());
  await switchApp(prisma, (await sessionFromToken(prisma, token, new Date()))!.sessionId, appId);
  return `${SESSION_COOKIE}=${token}`;
}

const ok = (res: ApiResponse, what: string) => expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp("Isolation A"), createTestApp("Isolation B")]);
  aSession = await sessionFor(a.id);
  routes = await scanRoutes();

  // B's data, each piece carrying a marker that must never show up in an answer to A.
  const userId = `${MARK}_b_user`;
  ok(await b.app("PUT", `/api/v1/users/${userId}`, { email: MARKERS.email, name: MARKERS.name, attributes: { marker: MARKERS.attribute } }), "B user");
  ok(await b.app("POST", "/api/v1/events", { userId, event: MARKERS.eventName, data: { marker: MARKERS.eventData } }), "B event");
  ok(await b.app("POST", `/api/v1/users/${userId}/devices`, { platform: "ios", token: `${MARK}-B-TOKEN` }), "B device");
  ok(await b.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: MARKERS.webhook } }), "B channel");
  // Both use Web Push: each must get its own public key, never the other's.
  for (const app of [a, b]) ok(await app.master("PUT", "/api/v1/channels/push", { provider: "webpush", config: { subject: "mailto:ops@example.com" } }), "push");
  MARKERS.vapidKey = (await b.app("GET", "/api/v1/push/vapid-key")).body.publicKey;
  expect(MARKERS.vapidKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
  const connector = await b.master("POST", "/api/v1/connectors", { name: MARKERS.connector, graph: graph(MARKERS.template, MARKERS.eventName) });
  ok(connector, "B connector");
  ok(await b.master("POST", `/api/v1/connectors/${connector.body.id}/publish`), "B publish");
  ok(await b.master("POST", "/api/v1/topics", { key: "b-topic", name: MARKERS.topic }), "B topic");
  ok(await b.master("PUT", "/api/v1/delivery-policy", { timezone: "Asia/Tokyo", quietHours: null, caps: [] }), "B policy");
  ok(await b.app("PUT", `/api/v1/users/${userId}/subscriptions`, { topics: { "b-topic": false } }), "B subscriptions");
  const segment = await b.master("POST", "/api/v1/segments", { name: MARKERS.segment });
  ok(segment, "B segment");
  ok(await b.master("POST", `/api/v1/segments/${segment.body.id}/members`, { userIds: [userId] }), "B member");
  // The log provider records the test message as sent, with B's body in it.
  await b.master("PUT", "/api/v1/channels/email", { provider: "log", config: {} });
  const message = await b.master("POST", "/api/v1/channels/email/test", { userId, body: MARKERS.message });
  ok(message, "B message");
  // Far in the future, so no tick in this file sends it.
  const campaign = await b.master("POST", "/api/v1/campaigns", { segment: segment.body.id, channel: "email", subject: MARKERS.template, body: MARKERS.template, sendAt: "2100-01-01T00:00:00Z" });
  ok(campaign, "B campaign");
  const template = await b.master("POST", "/api/v1/templates", { name: MARKERS.templateName, channel: "email", format: "markdown", subject: "B", body: MARKERS.templateBody });
  ok(template, "B template");
  bIds = { userId, connectorId: connector.body.id, segmentId: segment.body.id, messageId: message.body.id, campaignId: campaign.body.id, templateId: template.body.id };
});

describe("route inventory", () => {
  it("classifies every route file: /api/v1 in the matrix, /api/dashboard behind a session, the rest exempt with a reason", () => {
    const unclassified = routes
      .filter((r) => !r.pattern.startsWith("/api/v1/") && !r.pattern.startsWith("/api/dashboard/") && !(r.pattern in EXEMPT))
      .map((r) => r.pattern);
    expect(unclassified, "add these routes to the isolation matrix, or to EXEMPT with a reason").toEqual([]);
    const stale = Object.keys(EXEMPT).filter((p) => !routes.some((r) => r.pattern === p));
    expect(stale, "EXEMPT lists routes that no longer exist").toEqual([]);
  });

  it("has a matrix entry for every method of every /api/v1 route, and none for methods that do not exist", () => {
    const exported = routes
      .filter((r) => r.pattern.startsWith("/api/v1/") && !(r.pattern in EXEMPT))
      .flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`))
      .sort();
    expect(exported.length).toBeGreaterThan(25);
    expect(Object.keys(MATRIX).sort()).toEqual(exported);
  });
});

// Credential checks need no real objects (and must not create A's namesakes of B's).
const NO_IDS: Ids = { userId: "u_cred", connectorId: "con_cred", segmentId: "seg_cred", messageId: "msg_cred", campaignId: "cmp_cred", templateId: "tpl_cred" };
const targets = () => Object.entries(MATRIX).map(([key, c]) => ({ key, method: key.split(" ")[0]!, ...c }));

describe("credentials on every /api/v1 route", () => {
  it("answers 401 without credentials, with a wrong secret, an unknown key, a write key or a malformed header", async () => {
    const writeKeyAuth = `Basic ${Buffer.from(`${a.writeKey}:`).toString("base64")}`;
    const headers: Record<string, Record<string, string>> = {
      none: {},
      "wrong secret": { authorization: basic(a.key, "as_not-the-secret") },
      "wrong master secret": { authorization: basic(a.key, `${a.masterSecret}x`) },
      "unknown key": { authorization: basic("ak_nobody", a.masterSecret) },
      "B's key with A's secret": { authorization: basic(b.key, a.masterSecret) },
      "write key": { authorization: writeKeyAuth },
      "not Basic": { authorization: `Token ${a.masterSecret}` },
      "bad base64": { authorization: "Basic %%%" },
      "expired-looking session": { cookie: `${SESSION_COOKIE}=not-a-session` },
    };
    for (const t of targets()) {
      for (const [label, h] of Object.entries(headers)) {
        const res = await call(t.method, t.url(NO_IDS), { body: t.body?.(NO_IDS), headers: h });
        expect(res.status, `${t.key} with ${label}`).toBe(401);
        expect(res.body, `${t.key} with ${label}`).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      }
    }
  });

  it("answers 403 to the application secret on every management route, and lets it through on the others", async () => {
    for (const t of targets()) {
      const res = await call(t.method, t.url(NO_IDS), { body: t.body?.(NO_IDS), headers: { authorization: basic(a.key, a.secret) } });
      if (t.access === "master") {
        expect(res.status, t.key).toBe(403);
        expect(res.body.error.code, t.key).toBe("forbidden");
      } else {
        expect([401, 403], t.key).not.toContain(res.status);
      }
    }
  });
});

describe("app A against app B's ids", () => {
  const leaks = (res: ApiResponse) => {
    const text = JSON.stringify(res.body);
    return Object.values(MARKERS).filter((m) => m && text.includes(m));
  };

  const asA = (t: ReturnType<typeof targets>[number], via: "master secret" | "dashboard session") => {
    const secret = t.access === "app" && via === "master secret" ? a.secret : a.masterSecret;
    const headers: Record<string, string> =
      via === "master secret" ? { authorization: basic(a.key, secret) } : { cookie: aSession, origin: "http://localhost:3000", host: "localhost:3000" };
    return call(t.method, t.url(bIds), { body: t.body?.(bIds), headers });
  };
  const vias = ["master secret", "dashboard session"] as const;

  // Hidden cases first: the "own" ones below give A a user of its own under B's user id.
  it("finds none of B's objects: 404 (or 403) from every route that takes one of B's ids", async () => {
    for (const via of vias) {
      for (const t of targets().filter((t) => t.expect === "hidden")) {
        const res = await asA(t, via);
        expect(leaks(res), `${t.key} (${via}) leaked B's data: ${JSON.stringify(res.body).slice(0, 300)}`).toEqual([]);
        expect([403, 404], `${t.key} (${via}): ${JSON.stringify(res.body)}`).toContain(res.status);
      }
    }
  });

  it("acts only in A's own namespace where a route creates, upserts or lists, and never answers with B's data", async () => {
    for (const via of vias) {
      for (const t of targets().filter((t) => t.expect === "own")) {
        const res = await asA(t, via);
        expect(leaks(res), `${t.key} (${via}) leaked B's data: ${JSON.stringify(res.body).slice(0, 300)}`).toEqual([]);
        expect(res.status, `${t.key} (${via}): ${JSON.stringify(res.body)}`).toBeLessThan(300);
      }
    }
  });

  it("left every one of B's objects as it was", async () => {
    const profile = await b.master("GET", `/api/v1/users/${bIds.userId}`);
    expect(profile.body).toMatchObject({ email: MARKERS.email, name: MARKERS.name, attributes: { marker: MARKERS.attribute } });
    expect(profile.body.attributes).not.toHaveProperty("from");
    const events = profile.body.events.map((e: { event: string }) => e.event);
    expect(events).toContain(MARKERS.eventName);
    expect(events).not.toContain("A_EVENT");
    const connector = await b.master("GET", `/api/v1/connectors/${bIds.connectorId}`);
    expect(connector.body).toMatchObject({ name: MARKERS.connector, status: "active", version: 1 });
    expect(JSON.stringify(connector.body.graph)).toContain(MARKERS.template);
    const members = await b.master("GET", `/api/v1/segments/${bIds.segmentId}/members`);
    expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([bIds.userId]);
    const message = await b.master("GET", `/api/v1/messages/${bIds.messageId}`);
    expect(message.body).toMatchObject({ body: MARKERS.message, openedAt: null });
    const campaign = await b.master("GET", `/api/v1/campaigns/${bIds.campaignId}`);
    expect(campaign.body).toMatchObject({ status: "scheduled", body: MARKERS.template });
    const template = await b.master("GET", `/api/v1/templates/${bIds.templateId}`);
    expect(template.body).toMatchObject({ name: MARKERS.templateName, body: MARKERS.templateBody });
    const channels = await b.master("GET", "/api/v1/channels");
    expect(JSON.stringify(channels.body)).toContain(MARKERS.webhook);
    const prisma = await db();
    expect(await prisma.device.count({ where: { appId: b.id } })).toBe(1);
    expect(await prisma.user.count({ where: { appId: b.id } })).toBe(1);
  });
});

describe("exempt /api/v1 routes", () => {
  it("answer without credentials and carry no tenant data", async () => {
    // The unknown-path catch-all answers 404 by design; its own test covers every method.
    const exempt = routes.filter((r) => r.pattern.startsWith("/api/v1/") && r.pattern in EXEMPT && r.pattern !== UNKNOWN_API_PATH);
    for (const r of exempt) {
      expect(r.methods, r.pattern).toEqual(["GET"]);
      const res = await call("GET", r.pattern);
      expect(res.status, r.pattern).toBe(200);
      const text = JSON.stringify(res.body);
      expect(Object.values(MARKERS).filter((m) => m && text.includes(m)), r.pattern).toEqual([]);
      expect(text).not.toContain(b.key);
    }
  });
});

describe("dashboard routes", () => {
  it("need a session: no credentials and even the master secret answer 401", async () => {
    const dashboard = routes.filter((r) => r.pattern.startsWith("/api/dashboard/"));
    expect(dashboard.length).toBeGreaterThanOrEqual(3);
    const bodies: Record<string, unknown> = {
      "/api/dashboard/apps": { name: "Via Basic" },
      "/api/dashboard/apps/rotate": { which: "masterSecret" },
      "/api/dashboard/apps/switch": { appId: b.id },
    };
    for (const r of dashboard) {
      for (const method of r.methods) {
        const body = method === "GET" ? undefined : (bodies[r.pattern] ?? {});
        for (const headers of [{}, { authorization: basic(a.key, a.masterSecret) }, { authorization: basic(a.key, a.secret) }] as Record<string, string>[]) {
          const res = await call(method, r.pattern, { body, headers });
          expect(res.status, `${method} ${r.pattern} ${JSON.stringify(headers)}`).toBe(401);
        }
      }
    }
    // Nothing was rotated: A's master secret still works.
    expect((await a.master("GET", "/api/v1/connectors")).status).toBe(200);
  });

  it("answer a signed-in admin", async () => {
    const res = await call("GET", "/api/dashboard/apps", { headers: { cookie: aSession } });
    expect(res.status).toBe(200);
    expect(res.body.currentAppId).toBe(a.id);
  });
});
