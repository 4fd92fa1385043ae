// The two endpoints the browser SDK needs beyond ingest: merging its anonymous id on
// identify, and the Web Push key it subscribes with.
import { beforeAll, describe, expect, it } from "vitest";
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

describe("GET /api/v1/push/vapid-key", () => {
  it("is 404 until Web Push is set up, then gives the public key", async () => {
    expect((await t.app("GET", "/api/v1/push/vapid-key")).status).toBe(404);
    const push = await t.master("PUT", "/api/v1/channels/push", { provider: "webpush", config: { subject: "mailto:ops@example.com" } });
    const key = await t.app("GET", "/api/v1/push/vapid-key");
    expect(key.status).toBe(200);
    expect(key.body.publicKey).toBe(push.body.config.vapidPublicKey);
  });
});
