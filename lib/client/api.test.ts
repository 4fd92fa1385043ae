import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError, apiFetch, withQuery } from "./api";

function respond(status: number, body: unknown) {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })));
}

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch", () => {
  it("returns the parsed body of a successful response", async () => {
    respond(200, { ok: true });
    await expect(apiFetch("/api/x")).resolves.toEqual({ ok: true });
  });

  it("throws the API's own message, status, code and details", async () => {
    respond(429, { error: { code: "rate_limited", message: "Too many failed sign-ins; try again in 8 s" } });
    const error = await apiFetch("/api/auth/login", { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", message: "Too many failed sign-ins; try again in 8 s" });

    respond(400, { error: { code: "invalid_request", message: "bad", details: [{ path: "password", message: "Use at least 10 characters" }] } });
    await expect(apiFetch("/api/auth/setup", { body: {} })).rejects.toMatchObject({
      details: [{ path: "password", message: "Use at least 10 characters" }],
    });
  });

  it("still throws a readable error when the body is not the error shape", async () => {
    respond(502, "<html>Bad gateway</html>");
    await expect(apiFetch("/api/x")).rejects.toMatchObject({ status: 502, message: "The request failed (HTTP 502)" });
  });

  it("sends a JSON body as POST", async () => {
    respond(200, {});
    await apiFetch("/api/x", { body: { a: 1 } });
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(init).toMatchObject({ method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
  });
});

describe("withQuery", () => {
  it("leaves out empty values", () => {
    expect(withQuery("/api/v1/users", { q: "", limit: 25, offset: 0, cursor: null })).toBe("/api/v1/users?limit=25&offset=0");
  });
});
