// A user's time zone: set through the API (checked, stored in its canonical IANA
// spelling, cleared with null) and by any Segment call's context.timezone.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./api-client";
import { post, userRowOf, writeKeyAuth } from "./segment-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Time zones");
});

describe("PUT /api/v1/users/{id} timezone", () => {
  it("stores an IANA name in its canonical spelling, shows it, and clears it with null", async () => {
    const put = await t.app("PUT", "/api/v1/users/tz-1", { timezone: "europe/lisbon" });
    expect(put.status).toBe(200);
    expect(put.body.timezone).toBe("Europe/Lisbon");
    expect((await t.master("GET", "/api/v1/users/tz-1")).body.timezone).toBe("Europe/Lisbon");
    // Another field leaves it as it is; null clears it.
    expect((await t.app("PUT", "/api/v1/users/tz-1", { name: "Ana" })).body.timezone).toBe("Europe/Lisbon");
    expect((await t.app("PUT", "/api/v1/users/tz-1", { timezone: null })).body.timezone).toBeNull();
  });

  it("refuses a name that is not a time zone with a 400 naming the field, and changes nothing", async () => {
    await t.app("PUT", "/api/v1/users/tz-2", { timezone: "Asia/Tokyo" });
    const res = await t.app("PUT", "/api/v1/users/tz-2", { timezone: "Mars/Olympus", name: "X" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(JSON.stringify(res.body.error.details)).toContain("timezone must be an IANA time zone name");
    const after = (await t.master("GET", "/api/v1/users/tz-2")).body;
    expect([after.timezone, after.name]).toEqual(["Asia/Tokyo", null]);
  });
});

describe("Segment context.timezone", () => {
  it("sets the user's zone from any call, and ignores one that is not a zone", async () => {
    const headers = writeKeyAuth(t.writeKey);
    expect((await post("/v1/track", { userId: "tz-seg", event: "Viewed", context: { timezone: "America/New_York" }, messageId: "tz-m1" }, headers)).status).toBe(200);
    expect((await userRowOf(t, "tz-seg"))?.timezone).toBe("America/New_York");
    expect((await post("/v1/page", { userId: "tz-seg", name: "Home", context: { timezone: "Nowhere/Else" }, messageId: "tz-m2" }, headers)).status).toBe(200);
    expect((await userRowOf(t, "tz-seg"))?.timezone).toBe("America/New_York");
  });
});
