// Anonymous → identified through Segment's calls: identify (or any call with both ids)
// and alias move the anonymous history, profile, memberships and waiting enrollments
// onto the user, and later calls for the anonymous id land there too.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";
import { publishConnector } from "./engine-helpers";
import { eventsOf, post, userRowOf, writeKeyAuth } from "./segment-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Segment identity");
});

const segment = (path: string, body: unknown) => post(path, body, writeKeyAuth(t.writeKey));
const events = (where: Record<string, unknown>) => eventsOf(t, where);
const userRow = (userId: string) => userRowOf(t, userId);

describe("anonymous → identified", () => {
  it("moves the anonymous history onto the user on identify, and maps later anonymous calls there too", async () => {
    await segment("/v1/batch", {
      batch: [
        { type: "page", anonymousId: "anon-1", name: "Home", timestamp: new Date(Date.now() - 120_000).toISOString() },
        { type: "track", anonymousId: "anon-1", event: "Product Viewed", properties: { sku: "s1" }, timestamp: new Date(Date.now() - 60_000).toISOString() },
        { type: "identify", anonymousId: "anon-1", traits: { city: "Delft" } },
      ],
    });
    expect((await t.master("GET", "/api/v1/users/anon-1")).status).toBe(200);

    await segment("/v1/identify", { userId: "u_known", anonymousId: "anon-1", traits: { email: "known@example.com" } });
    expect((await t.master("GET", "/api/v1/users/anon-1")).status).toBe(404);
    const user = await t.master("GET", "/api/v1/users/u_known");
    expect(user.body).toMatchObject({ email: "known@example.com", attributes: { city: "Delft" } });
    expect(user.body.events.map((e: { event: string }) => e.event)).toEqual(["Product Viewed", "page.viewed"]);

    await segment("/v1/track", { anonymousId: "anon-1", event: "Came Back" });
    expect((await events({ name: "Came Back" })).map((e) => e.userId)).toEqual(["u_known"]);
    const alias = await (await db()).userAlias.findUnique({ where: { appId_anonymousId: { appId: t.id, anonymousId: "anon-1" } } });
    expect(alias?.userId).toBe("u_known");
  });

  it("links within one batch: events before the identify belong to the user", async () => {
    await segment("/v1/batch", {
      batch: [
        { type: "track", anonymousId: "anon-2", event: "Cart Viewed" },
        { type: "identify", userId: "u_batch", anonymousId: "anon-2", traits: { name: "Bo" } },
        { type: "track", userId: "u_batch", anonymousId: "anon-2", event: "Checkout" },
      ],
    });
    expect((await events({ userId: "u_batch" })).map((e) => e.name)).toEqual(["Cart Viewed", "Checkout"]);
    expect(await userRow("anon-2")).toBeNull();
  });

  it("never merges a second person who signs in on a device that already has a user", async () => {
    await segment("/v1/identify", { userId: "u_first", anonymousId: "anon-shared" });
    await segment("/v1/identify", { userId: "u_second", anonymousId: "anon-shared", traits: { name: "Second" } });
    expect(await userRow("u_first")).not.toBeNull();
    expect((await userRow("u_second"))?.name).toBe("Second");
  });

  it("merges on alias: history, profile gaps, segment memberships and waiting enrollments follow the user", async () => {
    const prisma = await db();
    await publishConnector(t, "Segment alias waits", {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "Cart Abandoned" } },
        { id: "d", type: "delay", position: { x: 0, y: 100 }, data: { amount: 1, unit: "days" } },
        { id: "a", type: "action", position: { x: 0, y: 200 }, data: { kind: "send", channel: "email", subject: "Your cart", body: "Come back" } },
      ],
      edges: [
        { id: "e1", source: "t", target: "d" },
        { id: "e2", source: "d", target: "a" },
      ],
    });
    await segment("/v1/identify", { userId: "old-id", traits: { name: "Old Name", phone: "+31600000000", tier: "gold" } });
    await segment("/v1/track", { userId: "old-id", event: "Cart Abandoned" });
    const segmentRes = await t.master("POST", "/api/v1/segments", { name: "VIP (alias test)", kind: "manual" });
    await t.master("POST", `/api/v1/segments/${segmentRes.body.id}/members`, { userIds: ["old-id"] });
    await t.master("POST", "/api/v1/cron/tick");
    await segment("/v1/identify", { userId: "new-id", traits: { name: "New Name" } });

    const res = await segment("/v1/alias", { previousId: "old-id", userId: "new-id" });
    expect(res.status).toBe(200);
    const user = await t.master("GET", "/api/v1/users/new-id");
    expect(user.body).toMatchObject({ name: "New Name", phone: "+31600000000", attributes: { tier: "gold" } });
    expect(user.body.events.map((e: { event: string }) => e.event)).toEqual(["Cart Abandoned"]);
    expect(user.body.segments.map((s: { name: string }) => s.name)).toEqual(["VIP (alias test)"]);
    const waiting = await prisma.enrollment.findMany({ where: { appId: t.id, status: "active" } });
    expect(waiting.map((e) => e.userId)).toEqual(["new-id"]);
    expect(await userRow("old-id")).toBeNull();
  });
});

