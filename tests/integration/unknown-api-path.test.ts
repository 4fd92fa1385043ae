// An unknown path under /api/v1 answers 404 in the API's error shape, whatever the
// method and the credentials, instead of the dashboard's HTML page. (That Next.js routes
// only unmatched paths here is checked on the built server in tests/reliability/roles.test.ts.)
import { describe, expect, it } from "vitest";
import * as unknownRoute from "@/app/api/v1/[...path]/route";
import { basic, createTestApp } from "./api-client";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

async function ask(method: (typeof METHODS)[number], path: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000${path}`, { method, headers, body: method === "GET" || method === "OPTIONS" ? undefined : "{}" });
  const response = await unknownRoute[method](request);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe("an unknown /api/v1 path", () => {
  it("answers 404 with { error: { code: not_found } } to every method, with or without credentials", async () => {
    const app = await createTestApp("Unknown path");
    const credentials: Record<string, string>[] = [{}, { authorization: basic(app.key, app.secret) }, { authorization: basic(app.key, app.masterSecret) }];
    for (const method of METHODS) {
      for (const headers of credentials) {
        const res = await ask(method, "/api/v1/no-such-thing/42", headers);
        expect(res.status, method).toBe(404);
        expect(res.type, method).toContain("application/json");
        expect(res.body, method).toEqual({ error: { code: "not_found", message: expect.stringContaining(`${method} /api/v1/no-such-thing/42`) } });
      }
    }
  });

  it("names the path it did not find and where the API is described", async () => {
    const res = await ask("GET", "/api/v1/event");
    expect(res.body.error.message).toBe("No API route for GET /api/v1/event; the API is described at /api/v1/openapi.json");
  });
});
