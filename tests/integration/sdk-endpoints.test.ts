// The two endpoints the browser SDK needs beyond ingest: merging its anonymous id on
// identify, and the Web Push key it subscribes with.
import { beforeAll, describe, expect, it } from "vitest";
import { database, db } from "@/lib/server/db";
import { runTick } from "@/lib/server/engine/tick";
import { createTestApp, type TestApp } from "./api-client";
import { send } from "./engine-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("SDK endpoints");
});

describe("POST /api/v1/users/{userId}/merge", () => {
  it("moves an anonymous id's history to the identified user, once", async () => {
    await send(t, [
      { userId: "anon_1", event: "VIEWPRODUCT", data: { product: "kettle" } },
      { userId: "anon_1", event: "ADDTOCART", data: { product: "kettle" } },
    ]);
    const merged = await t.app("POST", "/api/v1/users/u_known/merge", { anonymousId: "anon_1" });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ userId: "u_known", anonymousId: "anon_1", merged: true });
    const profile = await t.master("GET", "/api/v1/users/u_known");
    expect(profile.body.events.map((e: { event: string }) => e.event).sort()).toEqual(["ADDTOCART", "VIEWPRODUCT"]);
    expect((await t.master("GET", "/api/v1/users/anon_1")).status).toBe(404);
    const again = await t.app("POST", "/api/v1/users/u_known/merge", { anonymousId: "anon_1" });
    expect(again.body.merged).toBe(false);
  });

  it("refuses to fold an identified user in with the app secret, allows it with the master secret", async () => {
    await t.app("PUT", "/api/v1/users/someone_else", { email: "else@example.com" });
    const refused = await t.app("POST", "/api/v1/users/u_thief/merge", { anonymousId: "someone_else" });
    expect(refused.status).toBe(409);
    const allowed = await t.master("POST", "/api/v1/users/u_owner/merge", { anonymousId: "someone_else" });
    expect(allowed.body.merged).toBe(true);
    expect((await t.master("GET", "/api/v1/users/u_owner")).body.email).toBe("else@example.com");
  });
});

describe("merging users who both took part", () => {
  it("keeps one message per campaign and counts each active day once", async () => {
    const prisma = await db();
    await send(t, [
      { userId: "anon_both", event: "app.open" },
      { userId: "u_both", event: "app.open" },
    ]);
    await runTick(await database());
    const segment = await t.master("POST", "/api/v1/segments", { name: "Both ids" });
    await t.master("POST", `/api/v1/segments/${segment.body.id}/members`, { userIds: ["anon_both", "u_both"] });
    const campaign = await t.master("POST", "/api/v1/campaigns", { segment: "Both ids", channel: "webhook", body: "Hi" });
    await runTick(await database());
    expect(await prisma.message.count({ where: { campaignId: campaign.body.id } })).toBe(2);

    const merged = await t.master("POST", "/api/v1/users/u_both/merge", { anonymousId: "anon_both" });
    expect(merged.status).toBe(200);
    // The campaign reached both ids: both records stay, neither is duplicated.
    const messages = await prisma.message.findMany({ where: { campaignId: campaign.body.id }, select: { userId: true } });
    expect(messages.map((m) => m.userId).sort()).toEqual(["anon_both", "u_both"]);
    const days = await prisma.activeDay.findMany({ where: { appId: t.id, userId: { in: ["anon_both", "u_both"] } } });
    expect(days.map((d) => d.userId)).toEqual(["u_both"]);
  });
});

describe("GET /api/v1/push/vapid-key", () => {
  it("is 404 until Web Push is set up, then gives the public key", async () => {
    expect((await t.app("GET", "/api/v1/push/vapid-key")).status).toBe(404);
    const push = await t.master("PUT", "/api/v1/channels/push", { provider: "webpush", config: { subject: "mailto:ops@example.com" } });
    const key = await t.app("GET", "/api/v1/push/vapid-key");
    expect(key.status).toBe(200);
    expect(key.body.publicKey).toBe(push.body.config.vapidPublicKey);
  });
});
