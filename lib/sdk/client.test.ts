import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BACKOFF_MAX_MS } from "./backoff";
import { CueClient, DEFAULT_FLUSH_INTERVAL_MS, KEEPALIVE_BYTES, type ClientOptions } from "./client";
import { fakeCue, fakeStore, reply, sequentialIds } from "./test-kit";

const CREDENTIALS = { host: "https://cue.test", appKey: "key_1", appSecret: "secret_1" };

function setup(options: Partial<ClientOptions> = {}, store = fakeStore()) {
  const server = fakeCue();
  const client = new CueClient({ ...CREDENTIALS, ...options }, {
    fetch: server.fetch,
    store,
    uuid: sequentialIds(),
    random: () => 1, // no jitter: each retry waits the full exponential step
  });
  return { server, client, store };
}

const sentEvents = (server: ReturnType<typeof fakeCue>) => server.eventRequests().flatMap((r) => r.body.events as any[]);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-26T10:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("batching", () => {
  it("holds events for the flush interval, then sends them in one request", async () => {
    const { server, client } = setup();
    client.logEvent("VIEWPRODUCT", { product: "p1" });
    client.logEvent("ADDTOCART", { product: "p1", qty: "1" });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS - 1);
    expect(server.requests).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", url: "https://cue.test/api/v1/events" });
    expect(request!.headers.authorization).toBe(`Basic ${btoa("key_1:secret_1")}`);
    expect(request!.body.events.map((e: any) => e.event)).toEqual(["VIEWPRODUCT", "ADDTOCART"]);
    expect(request!.body.events[0]).toEqual({
      id: "id-1",
      userId: "anon_id-2", // the first event made the anonymous id
      event: "VIEWPRODUCT",
      data: { product: "p1" },
      timestamp: "2026-11-26T10:00:00.000Z",
    });
    expect(client.status().queued).toBe(0);
  });

  it("sends at once when a batch is full", async () => {
    const { server, client } = setup({ batchSize: 3 });
    for (let i = 0; i < 3; i++) client.logEvent("E", { i });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.events).toHaveLength(3);
  });

  it("splits a long queue into batches of batchSize, sent one after another", async () => {
    const { server, client } = setup({ batchSize: 4 });
    for (let i = 0; i < 10; i++) client.logEvent("E", { i });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(server.requests.map((r) => r.body.events.length)).toEqual([4, 4, 2]);
    expect(sentEvents(server).map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("gives every event its own client id", async () => {
    const server = fakeCue();
    const client = new CueClient(CREDENTIALS, { fetch: server.fetch, store: fakeStore() });
    for (let i = 0; i < 50; i++) client.logEvent("E");
    await client.flush();
    const ids = sentEvents(server).map((e) => e.id);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("keeps one request in flight at a time", async () => {
    const { server, client } = setup({ batchSize: 2 });
    let release!: () => void;
    server.respond((request) => new Promise((resolve) => (release = () => resolve(server.accept(request)))));
    client.logEvent("A");
    client.logEvent("B");
    await vi.advanceTimersByTimeAsync(0);
    client.logEvent("C");
    client.logEvent("D");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.requests).toHaveLength(1);
    server.heal();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests.map((r) => r.body.events.map((e: any) => e.event))).toEqual([["A", "B"], ["C", "D"]]);
  });
});

describe("retry and backoff", () => {
  it("retries a failed send with exponential backoff, capped, then sends the same ids", async () => {
    const { server, client } = setup();
    server.respond(() => new TypeError("Failed to fetch"));
    client.logEvent("PURCHASE", { order_nr: "A1" });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(server.requests).toHaveLength(1);

    const waits = [1_000, 2_000, 4_000, 8_000, 16_000, BACKOFF_MAX_MS, BACKOFF_MAX_MS];
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(server.requests, `still waiting before retry ${i + 1}`).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(server.requests, `retry ${i + 1} after ${wait} ms`).toHaveLength(i + 2);
    }
    expect(client.status().queued).toBe(1);

    server.heal();
    await vi.advanceTimersByTimeAsync(BACKOFF_MAX_MS);
    expect(client.status()).toMatchObject({ queued: 0, retryAt: null });
    const ids = new Set(server.requests.map((r) => r.body.events[0].id));
    expect(ids.size).toBe(1); // every attempt carried the same id
    expect(server.stored.size).toBe(1);
  });

  it("jitters each wait between half and all of the step", async () => {
    const server = fakeCue();
    const client = new CueClient(CREDENTIALS, { fetch: server.fetch, store: fakeStore(), random: () => 0 });
    server.respond(() => reply(503));
    client.logEvent("E");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(499);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(2);
  });

  it("honours Retry-After on 429 and 503 when it is longer than the backoff", async () => {
    const { server, client } = setup();
    server.respond(() => reply(429, { error: { code: "rate_limited", message: "Slow down" } }, { "retry-after": "20" }));
    client.logEvent("E");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    server.heal();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(2);
    expect(client.status().queued).toBe(0);
  });

  it("does not send before the backoff ends, even when new events arrive", async () => {
    const { server, client } = setup({ batchSize: 1 });
    server.respond(() => reply(500));
    client.logEvent("A");
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(1);
    server.heal();
    client.logEvent("B");
    client.logEvent("C");
    await vi.advanceTimersByTimeAsync(999);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentEvents(server).slice(1).map((e) => e.event)).toEqual(["A", "B", "C"]);
  });

  it("retries at once when the browser comes back online, and flush() skips the wait", async () => {
    const { server, client } = setup();
    server.respond(() => new TypeError("offline"));
    client.logEvent("A");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000);
    expect(server.requests).toHaveLength(4);
    server.heal();
    client.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(5);
    expect(client.status().queued).toBe(0);

    server.respond(() => new TypeError("offline"));
    client.logEvent("B");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    server.heal();
    await client.flush(true);
    expect(client.status().queued).toBe(0);
  });

  it("stops on 401/403 and keeps the events queued", async () => {
    const { server, client } = setup();
    server.respond(() => reply(401, { error: { code: "unauthorized", message: "Missing or wrong credentials" } }));
    client.logEvent("A");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    client.logEvent("B");
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.requests).toHaveLength(1);
    expect(client.status()).toMatchObject({ paused: true, queued: 2 });
  });

  it("a response lost on the way back is retried, and the server counts it as a duplicate", async () => {
    const { server, client } = setup();
    server.respond((request) => {
      server.accept(request); // stored…
      return new TypeError("connection reset"); // …but the browser never hears back
    });
    client.logEvent("PURCHASE", { order_nr: "A1" });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    server.heal();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.requests).toHaveLength(2);
    expect(server.stored.size).toBe(1);
    expect(client.status().queued).toBe(0);
  });
});

describe("rejections", () => {
  it("drops only the events a 400 names, and sends the rest again", async () => {
    const { server, client } = setup();
    let first = true;
    server.respond((request) => {
      if (!first) return server.accept(request);
      first = false;
      return reply(400, {
        error: { code: "invalid_request", message: "1 invalid event", details: [{ path: "events.1.data", message: "Bad" }] },
      });
    });
    client.logEvent("A");
    client.logEvent("B");
    client.logEvent("C");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(server.requests[1]!.body.events.map((e: any) => e.event)).toEqual(["A", "C"]);
    expect(client.status().queued).toBe(0);
  });

  it("lets the server stamp the time when the browser's clock runs ahead", async () => {
    const { server, client } = setup();
    let first = true;
    server.respond((request) => {
      if (!first) return server.accept(request);
      first = false;
      return reply(400, {
        error: { code: "invalid_request", message: "x", details: [{ path: "events.0.timestamp", message: "timestamp is more than 5 minutes in the future" }] },
      });
    });
    client.logEvent("A");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body.events[0]).not.toHaveProperty("timestamp");
    expect(server.requests[1]!.body.events[0].id).toBe(server.requests[0]!.body.events[0].id);
  });

  it("halves the batch after a 413 without details, then drops a single event that is still too large", async () => {
    const { server, client } = setup({ batchSize: 8 });
    server.respond((request) =>
      request.body.events.length > 2 ? reply(413, { error: { code: "payload_too_large", message: "Too large" } }) : server.accept(request),
    );
    for (let i = 0; i < 8; i++) client.logEvent("E", { i });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests.map((r) => r.body.events.length)).toEqual([8, 4, 2, 2, 2, 2]);
    expect(server.stored.size).toBe(8);

    server.respond(() => reply(413, { error: { code: "payload_too_large", message: "Too large" } }));
    client.logEvent("E", { i: 8 });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(server.requests).toHaveLength(7);
    expect(client.status().queued).toBe(0);
  });

  it("drops a whole batch that a 400 rejects without naming an event", async () => {
    const { server, client } = setup();
    server.respond(() => reply(400, { error: { code: "invalid_request", message: "events is empty" } }));
    client.logEvent("A");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(client.status().queued).toBe(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe("offline queue", () => {
  it("survives a reload: a new page sends what the last one could not, with the same ids", async () => {
    const store = fakeStore();
    const first = setup({}, store);
    first.server.respond(() => new TypeError("offline"));
    first.client.logEvent("ADDTOCART", { product: "p1" });
    first.client.logEvent("PURCHASE", { order_nr: "A1" });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    const ids = first.server.requests[0]!.body.events.map((e: any) => e.id);

    const second = setup({}, store);
    expect(second.client.status().queued).toBe(2);
    await second.client.flush();
    expect(second.server.requests[0]!.body.events.map((e: any) => e.id)).toEqual(ids);
    expect(second.client.status().queued).toBe(0);
    expect(second.client.anonymousId()).toBe(first.client.anonymousId());
  });

  it("is capped: past the limit the oldest events go, profile updates and merges stay", async () => {
    const { server, client } = setup({ maxQueue: 5 });
    server.respond(() => new TypeError("offline"));
    client.logEvent("E", { i: 0 });
    client.identify("u_1", { email: "a@example.com" });
    for (let i = 1; i <= 6; i++) client.logEvent("E", { i });
    await vi.advanceTimersByTimeAsync(0);
    server.heal();
    await client.flush(true);
    const sent = server.requests.map((r) => (r.path === "/api/v1/events" ? r.body.events.map((e: any) => e.data.i) : r.method + " " + r.path));
    // The head of the queue at the cap was [user, merge, 4, 5, 6]; the failed attempt sent the user op.
    expect(sent).toEqual(["PUT /api/v1/users/u_1", "PUT /api/v1/users/u_1", "POST /api/v1/users/u_1/merge", [4, 5, 6]]);
  });

  it("keeps working in memory when storage refuses writes", async () => {
    const store = fakeStore();
    store.refuseWrites(true);
    const { server, client } = setup({}, store);
    client.logEvent("A");
    client.logEvent("B");
    expect(client.status().queued).toBe(2);
    await client.flush();
    expect(sentEvents(server).map((e) => e.event)).toEqual(["A", "B"]);
    expect(sentEvents(server)[0].userId).toBe(sentEvents(server)[1].userId);
  });

  it("sends on page hide in a keepalive request within the browser's 64 KB budget", async () => {
    const { server, client } = setup({ batchSize: 500 });
    const filler = "x".repeat(10_000);
    for (let i = 0; i < 10; i++) client.logEvent("BIG", { i, filler });
    client.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    const [request] = server.requests;
    expect(request!.keepalive).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(request!.body)).length).toBeLessThanOrEqual(KEEPALIVE_BYTES);
    expect(request!.body.events.length).toBeGreaterThan(0);
    expect(client.status().queued).toBe(10 - request!.body.events.length);
  });
});

describe("identity", () => {
  it("uses an anonymous id until identify, then upserts the user and merges the anonymous history after it is stored", async () => {
    const { server, client } = setup();
    const anonymousId = client.anonymousId();
    expect(anonymousId).toMatch(/^anon_/);
    client.logEvent("ONBOARDING_COMPLETE");
    client.identify("u_42", { email: "ada@example.com", name: "Ada", attributes: { plan: "pro" }, ignored: true });
    client.logEvent("SIGNUP", { name: "Ada" });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v1/events",
      "PUT /api/v1/users/u_42",
      "POST /api/v1/users/u_42/merge",
      "POST /api/v1/events",
    ]);
    expect(server.requests[0]!.body.events[0]).toMatchObject({ event: "ONBOARDING_COMPLETE", userId: anonymousId });
    // The browser's time zone comes along unless the app gives one.
    expect(server.requests[1]!.body).toEqual({ email: "ada@example.com", name: "Ada", attributes: { plan: "pro" }, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(server.requests[2]!.body).toEqual({ anonymousId });
    expect(server.requests[3]!.body.events[0]).toMatchObject({ event: "SIGNUP", userId: "u_42" });
    expect(client.status()).toMatchObject({ userId: "u_42", anonymousId });
  });

  it("sends the time zone the app gives instead of the browser's", async () => {
    const { server, client } = setup();
    client.identify("u_tz", { timezone: "Asia/Tokyo" });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(server.requests.find((r) => r.method === "PUT")!.body).toEqual({ timezone: "Asia/Tokyo" });
  });

  it("never merges two known people: identifying as someone else only switches user", async () => {
    const { server, client } = setup();
    client.identify("u_1");
    client.identify("u_1", { name: "Again" });
    client.identify("u_2");
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /api/v1/users/u_1",
      "POST /api/v1/users/u_1/merge",
      "PUT /api/v1/users/u_1",
      "PUT /api/v1/users/u_2",
    ]);
  });

  it("goes on when the server has no merge endpoint (404)", async () => {
    const { server, client } = setup();
    server.respond((request) => (request.path.endsWith("/merge") ? reply(404, "Not Found") : server.accept(request)));
    client.identify("u_1");
    client.logEvent("A");
    await vi.advanceTimersByTimeAsync(DEFAULT_FLUSH_INTERVAL_MS);
    expect(client.status().queued).toBe(0);
    expect(sentEvents(server)[0]).toMatchObject({ event: "A", userId: "u_1" });
  });

  it("reset() forgets the user and starts a new anonymous id", () => {
    const { client } = setup();
    const before = client.anonymousId();
    client.identify("u_1");
    client.reset();
    expect(client.status().userId).toBeNull();
    expect(client.currentUserId()).not.toBe(before);
    expect(client.currentUserId()).toMatch(/^anon_/);
  });

  it("refuses invalid user ids", () => {
    const { client } = setup();
    expect(client.identify("")).toBe(false);
    expect(client.identify(42)).toBe(false);
    expect(client.identify("x".repeat(201))).toBe(false);
    expect(client.status().queued).toBe(0);
  });
});

describe("event validation", () => {
  it("refuses what the server would reject, without throwing", () => {
    const { client } = setup();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(client.logEvent("")).toBe(false);
    expect(client.logEvent("x".repeat(201))).toBe(false);
    expect(client.logEvent(undefined)).toBe(false);
    expect(client.logEvent("E", [1, 2])).toBe(false);
    expect(client.logEvent("E", "text")).toBe(false);
    expect(client.logEvent("E", circular)).toBe(false);
    expect(client.logEvent("E", { big: "x".repeat(33 * 1024) })).toBe(false);
    expect(client.logEvent("E", { n: 1n } as unknown)).toBe(false);
    expect(client.status().queued).toBe(0);
    expect(client.logEvent("E")).toBe(true);
    expect(client.logEvent("E", { when: new Date(0), skip: undefined })).toBe(true);
  });
});
