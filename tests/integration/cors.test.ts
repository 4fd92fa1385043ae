// The browser SDK on a customer's own site: the routes it calls with the app secret
// answer preflights and carry CORS headers, errors included; management routes do not.
import { beforeAll, describe, expect, it } from "vitest";
import { basic, call, createTestApp, type TestApp } from "./api-client";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("CORS");
});

const SDK_ROUTES = [
  "/api/v1/events",
  "/api/v1/users/u_1",
  "/api/v1/users/u_1/devices",
  "/api/v1/users/u_1/merge",
  "/api/v1/push/vapid-key",
  "/api/v1/messages/msg_1/opened",
];

describe("CORS for the browser SDK", () => {
  it.each(SDK_ROUTES)("answers the preflight of %s", async (url) => {
    const res = await call("OPTIONS", url, {
      headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
  });

  it("lets another origin read an ingest answer and its errors", async () => {
    const ok = await call("POST", "/api/v1/events", {
      headers: { origin: "https://shop.example", authorization: basic(t.key, t.secret) },
      body: { userId: "u_1", event: "VIEWPRODUCT" },
    });
    expect(ok.status).toBe(202);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");

    const bad = await call("POST", "/api/v1/events", {
      headers: { origin: "https://shop.example", authorization: basic(t.key, t.secret) },
      body: { userId: "u_1" },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("access-control-allow-origin")).toBe("*");

    const denied = await call("PUT", "/api/v1/users/u_1", { headers: { origin: "https://shop.example", authorization: basic(t.key, "wrong") }, body: {} });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("keeps management routes same-origin", async () => {
    const res = await t.master("GET", "/api/v1/connectors");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
