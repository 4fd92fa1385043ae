// The real, unmodified @segment/analytics-node, pointed at Cue with its `host` option,
// over real HTTP (a local server in front of the same route handlers `next start` serves).
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createTestApp, serveRoutes, type TestApp, type TestServer } from "./api-client";
import { messagesOf, publishConnector, tick } from "./engine-helpers";

let t: TestApp;
let server: TestServer;
let connectorId: string;

beforeAll(async () => {
  t = await createTestApp("Segment SDK");
  server = await serveRoutes();
  connectorId = await publishConnector(t, "Order confirmation (Segment)", {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "Order Completed", reentry: "always" } },
      { id: "a", type: "action", position: { x: 0, y: 100 }, data: { kind: "send", channel: "email", subject: "Order {{ event.data.orderId }} confirmed", body: "Thanks, {{ user.name }}" } },
    ],
    edges: [{ id: "e", source: "t", target: "a" }],
  });
});

afterAll(async () => {
  await server?.close();
});

// A client per test: maxRetries and a short interval keep the retry test quick.
function client() {
  const analytics = new Analytics({ writeKey: t.writeKey, host: server.url, flushAt: 50, flushInterval: 20, maxRetries: 3 });
  const failures: unknown[] = [];
  analytics.on("error", (error) => failures.push(error));
  return { analytics, failures };
}

// What the SDK sent (Cue's own message.* lifecycle events left out).
const eventsOf = async (userId: string) =>
  (await db()).event.findMany({
    where: { appId: t.id, userId, NOT: { name: { startsWith: "message." } } },
    orderBy: [{ timestamp: "asc" }, { seq: "asc" }],
  });

describe("@segment/analytics-node against Cue", () => {
  it("lands track, page and identify as Cue events and users, and triggers a published connector", async () => {
    const { analytics, failures } = client();
    const anonymousId = "node-anon-1";
    analytics.page({ anonymousId, name: "Pricing", category: "Marketing", properties: { path: "/pricing" } });
    analytics.track({ anonymousId, event: "Product Viewed", properties: { sku: "kettle" } });
    analytics.identify({ userId: "node-user-1", anonymousId, traits: { email: "ada@example.com", name: "Ada", plan: "pro" } });
    analytics.track({ userId: "node-user-1", event: "Order Completed", properties: { orderId: "A1001", total: 42 } });
    await analytics.closeAndFlush();
    expect(failures).toEqual([]);

    const batch = server.requests.find((r) => r.path === "/v1/batch");
    expect(batch?.status).toBe(200);
    expect(batch?.headers.get("authorization")).toBe(`Basic ${Buffer.from(`${t.writeKey}:`).toString("base64")}`);

    const user = await t.master("GET", "/api/v1/users/node-user-1");
    expect(user.body).toMatchObject({ email: "ada@example.com", name: "Ada", attributes: { plan: "pro" } });
    const stored = await eventsOf("node-user-1");
    expect(stored.map((e) => e.name)).toEqual(["page.viewed", "Product Viewed", "Order Completed"]);
    expect(stored[0]!.data).toEqual({ path: "/pricing", name: "Pricing", category: "Marketing" });
    expect(stored[2]!.eventId).toMatch(/^node-next-/); // the SDK's messageId
    expect(stored[2]!.context).toMatchObject({ library: { name: "@segment/analytics-node" } });
    expect((await t.master("GET", `/api/v1/users/${anonymousId}`)).status).toBe(404);

    await tick(t);
    const sent = await messagesOf(t, { connectorId });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ userId: "node-user-1", channel: "email", subject: "Order A1001 confirmed", body: "Thanks, Ada" });
  });

  it("stores nothing twice when the SDK retries a batch whose answer was lost", async () => {
    const { analytics, failures } = client();
    const before = server.requests.length;
    // Cue stores the first attempt, but the client sees a 503 and sends the same batch again.
    server.failAfterHandling(1, 503);
    analytics.identify({ userId: "node-retry", traits: { email: "retry@example.com", name: "Rita" } });
    for (const orderId of ["R1", "R2", "R3"]) analytics.track({ userId: "node-retry", event: "Order Completed", properties: { orderId } });
    await analytics.closeAndFlush();
    expect(failures).toEqual([]);

    const attempts = server.requests.slice(before);
    expect(attempts.map((r) => r.status)).toEqual([503, 200]);
    expect(attempts[1]!.headers.get("x-retry-count")).toBe("1");
    expect((await eventsOf("node-retry")).map((e) => e.data)).toEqual([{ orderId: "R1" }, { orderId: "R2" }, { orderId: "R3" }]);

    await tick(t);
    const sent = await messagesOf(t, { connectorId, userId: "node-retry" });
    expect(sent.map((m) => m.subject).sort()).toEqual(["Order R1 confirmed", "Order R2 confirmed", "Order R3 confirmed"]);
  });

  it("does not retry what Cue refuses: a wrong write key is dropped after one 401", async () => {
    const analytics = new Analytics({ writeKey: "wk_wrong", host: server.url, flushAt: 1, flushInterval: 20, maxRetries: 3 });
    const failures: unknown[] = [];
    analytics.on("error", (error) => failures.push(error));
    const before = server.requests.length;
    analytics.track({ userId: "node-refused", event: "Nope" });
    await analytics.closeAndFlush();
    expect(server.requests.slice(before).map((r) => r.status)).toEqual([401]);
    expect(failures).toHaveLength(1);
    expect(await eventsOf("node-refused")).toHaveLength(0);
  });

  it("applies group and alias from the SDK", async () => {
    const { analytics, failures } = client();
    analytics.track({ userId: "node-old", event: "Signed Up" });
    analytics.group({ userId: "node-old", groupId: "acme", traits: { name: "Acme Inc" } });
    analytics.alias({ previousId: "node-old", userId: "node-new" });
    await analytics.closeAndFlush();
    expect(failures).toEqual([]);
    const user = await t.master("GET", "/api/v1/users/node-new");
    expect(user.body.attributes).toEqual({ groupId: "acme", group: { name: "Acme Inc" } });
    expect(user.body.events.map((e: { event: string }) => e.event)).toEqual(["Signed Up"]);
    expect((await t.master("GET", "/api/v1/users/node-old")).status).toBe(404);
  });
});
