// The body reader's limits, proven at their edges: oversize bodies are refused before they
// are buffered whole, deep nesting and unstorable strings are refused without recursion,
// invalid UTF-8 is refused, and memory stays flat over many hostile requests.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "@/lib/server/api/body";
import { db } from "@/lib/server/db";
import { backgroundIdle } from "@/lib/server/engine/background";
import { basic, call, createTestApp, route, type TestApp } from "./api-client";

const KB = 1024;
const CHUNK = 64 * KB;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Fuzz limits");
});
afterAll(() => backgroundIdle());

const auth = (secret: "app" | "master" | "none" | "writeKey"): Record<string, string> =>
  secret === "none" ? {} : secret === "writeKey" ? { authorization: `Basic ${Buffer.from(`${t.writeKey}:`).toString("base64")}` } : { authorization: basic(t.key, secret === "app" ? t.secret : t.masterSecret) };

/** Sends a body streamed from a source that would yield `totalBytes`; returns the answer and the bytes the handler pulled. */
async function streamed(method: string, url: string, headers: Record<string, string>, totalBytes: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      // A valid JSON prefix, then padding: only the size can make the reader stop.
      controller.enqueue(pulled === 0 ? new TextEncoder().encode(`{"pad":"${" ".repeat(CHUNK - 8)}`) : new Uint8Array(CHUNK).fill(0x61));
      pulled += CHUNK;
    },
  });
  const started = performance.now();
  const request = new Request(`http://localhost:3000${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  const response = (await route(request))!;
  return { status: response.status, body: await response.json(), pulled, ms: performance.now() - started };
}

// Every route that reads a body, with the limit it promises.
const BODY_ROUTES: { method: string; url: string; auth: "app" | "master" | "none" | "writeKey"; limit: number; tooLarge?: number }[] = [
  { method: "POST", url: "/api/v1/events", auth: "app", limit: 512 * KB },
  { method: "PUT", url: "/api/v1/users/u_big", auth: "app", limit: 512 * KB },
  { method: "POST", url: "/api/v1/users/u_big/devices", auth: "app", limit: 512 * KB },
  { method: "POST", url: "/api/v1/connectors", auth: "master", limit: 512 * KB },
  { method: "PUT", url: "/api/v1/connectors/con_x", auth: "master", limit: 512 * KB },
  { method: "POST", url: "/api/v1/segments", auth: "master", limit: 512 * KB },
  { method: "POST", url: "/api/v1/segments/seg_x/members", auth: "master", limit: 512 * KB },
  { method: "PUT", url: "/api/v1/channels/email", auth: "master", limit: 512 * KB },
  { method: "POST", url: "/api/v1/channels/email/test", auth: "master", limit: 512 * KB },
  { method: "POST", url: "/api/auth/login", auth: "none", limit: 16 * KB },
  { method: "POST", url: "/api/auth/setup", auth: "none", limit: 16 * KB },
  // Segment answers oversize with 400, as Segment does (its SDKs drop 400s and retry 413s).
  { method: "POST", url: "/v1/batch", auth: "writeKey", limit: 500 * KB, tooLarge: 400 },
];

describe("oversize bodies", () => {
  it("stops reading a 50 MB stream near the limit and answers 413, on every route that takes a body", async () => {
    const report: string[] = [];
    for (const r of BODY_ROUTES) {
      const res = await streamed(r.method, r.url, auth(r.auth), 50 * 1024 * KB);
      report.push(`${r.url} ${res.pulled / KB} KB`);
      const where = `${r.method} ${r.url}: pulled ${res.pulled} bytes`;
      expect(res.status, where).toBe(r.tooLarge ?? 413);
      expect(res.body.error.code, where).toBe("payload_too_large");
      // The reader may be one chunk past the limit when it notices, plus one the stream buffered ahead.
      expect(res.pulled, where).toBeLessThanOrEqual(r.limit + 2 * CHUNK);
    }
    console.log(`[fuzz] 50 MB streams, bytes pulled before 413: ${report.join(", ")}`);
  });

  it("refuses a declared Content-Length over the limit without reading the body at all", async () => {
    const res = await streamed("POST", "/api/v1/events", { ...auth("app"), "content-length": String(50 * 1024 * KB) }, 50 * 1024 * KB);
    expect(res.status).toBe(413);
    expect(res.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it("never reads the body of a request without valid credentials", async () => {
    for (const headers of [{}, { authorization: basic(t.key, "wrong") }] as Record<string, string>[]) {
      const res = await streamed("POST", "/api/v1/events", headers, 50 * 1024 * KB);
      expect(res.status).toBe(401);
      expect(res.pulled).toBeLessThanOrEqual(CHUNK);
    }
  });
});

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("nesting depth", () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1}, counting the body itself`, async () => {
    // {"userId","event","data":{"a": [[...]]}} is 2 levels before the arrays.
    const body = (depth: number) => `{"userId":"u_deep","event":"DEEP","data":{"a":${nested(depth - 2)}}}`;
    const ok = await call("POST", "/api/v1/events", { rawBody: body(MAX_JSON_DEPTH), headers: auth("app") });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    const deep = await call("POST", "/api/v1/events", { rawBody: body(MAX_JSON_DEPTH + 1), headers: auth("app") });
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({ error: { code: "invalid_request", message: `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels` } });
  });

  it("refuses 10,000 and 80,000 levels quickly with 400 on events, users and connectors", async () => {
    const cases = [
      { method: "POST", url: "/api/v1/events", auth: "app" as const, body: (d: number) => `{"userId":"u","event":"E","data":{"a":${nested(d)}}}` },
      { method: "PUT", url: "/api/v1/users/u_deep", auth: "app" as const, body: (d: number) => `{"attributes":{"a":${nested(d)}}}` },
      { method: "POST", url: "/api/v1/connectors", auth: "master" as const, body: (d: number) => `{"name":"n","graph":{"nodes":[{"id":"t","type":"trigger","data":{"x":${nested(d)}}}],"edges":[]}}` },
      { method: "POST", url: "/api/v1/events", auth: "app" as const, body: (d: number) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}` },
    ];
    for (const c of cases) {
      for (const depth of [10_000, 80_000]) {
        const started = performance.now();
        const res = await call(c.method, c.url, { rawBody: c.body(depth), headers: auth(c.auth) });
        expect(res.status, `${c.url} at ${depth}`).toBe(400);
        expect(res.body.error.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
        expect(performance.now() - started).toBeLessThan(2_000);
      }
    }
    // Brackets inside strings are text, not nesting.
    const text = await call("POST", "/api/v1/events", { rawBody: JSON.stringify({ userId: "u", event: "E", data: { s: "[{".repeat(5000) } }), headers: auth("app") });
    expect(text.status).toBe(202);
  });
});

describe("bytes and strings the database cannot hold", () => {
  it.each([
    ["a lone continuation byte", [0x80]],
    ["an overlong encoding of /", [0xc0, 0xaf]],
    ["a UTF-8-encoded surrogate", [0xed, 0xa0, 0x80]],
    ["a truncated 3-byte sequence", [0xe2, 0x82]],
    ["a byte that never appears in UTF-8", [0xff]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ])("refuses %s with 400", async (_name, bytes) => {
    const body = Buffer.concat([Buffer.from('{"userId":"u_utf","event":"'), Buffer.from(bytes), Buffer.from('"}')]);
    const res = await call("POST", "/api/v1/events", { rawBody: body, headers: auth("app") });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "invalid_request", message: "The request body is not valid UTF-8" } });
  });

  it("refuses NUL characters and unpaired surrogates with 400 naming where they are, and stores nothing", async () => {
    const cases: [string, string, string, string][] = [
      ["POST", "/api/v1/events", '{"events":[{"userId":"u_ok","event":"E"},{"userId":"u\\u0000x","event":"E"}]}', "events.1.userId"],
      ["POST", "/api/v1/events", '{"userId":"u_nul","event":"E","data":{"note":"a\\u0000b"}}', "data.note"],
      ["POST", "/api/v1/events", '{"userId":"u_sur","event":"E","data":{"note":"\\ud800"}}', "data.note"],
      ["PUT", "/api/v1/users/u_nul", '{"attributes":{"k\\u0000":"v"}}', "attributes.k\u0000"],
      ["PUT", "/api/v1/users/u_nul", '{"name":"x\\udc00"}', "name"],
      ["POST", "/api/v1/connectors", '{"name":"n\\u0000"}', "name"],
    ];
    for (const [method, url, body, path] of cases) {
      const res = await call(method, url, { rawBody: body, headers: auth(method === "POST" && url.includes("connectors") ? "master" : "app") });
      expect(res.status, body).toBe(400);
      expect(res.body.error.details, body).toEqual([{ path, message: expect.stringMatching(/NUL|surrogate/) }]);
    }
    for (const url of ["/api/v1/users/u%00", "/api/v1/users?q=%00", "/api/v1/messages?userId=a%00"]) {
      const res = await call("GET", url, { headers: auth("master") });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0].message).toMatch(/NUL/);
    }
    const prisma = await db();
    const ids = ["u_ok", "u_nul", "u_sur"];
    expect(await prisma.event.count({ where: { appId: t.id, userId: { in: ids } } })).toBe(0);
    expect(await prisma.user.count({ where: { appId: t.id, userId: { in: ids } } })).toBe(0);
  });

  // Found by the fuzzer: Prisma's JSON serialiser turned a "__proto__" key of a graph into
  // a null prototype and crashed (500).
  it("refuses a __proto__ key anywhere in a body with 400 naming it", async () => {
    const graph = '{"nodes":[{"id":"t","type":"trigger","data":{"kind":"event","event":"E","where":[{"path":"a","op":"eq","value":{"__proto__":null}}]}}],"edges":[]}';
    const cases: [string, string, string, string][] = [
      ["POST", "/api/v1/connectors", `{"name":"proto","graph":${graph}}`, "graph.nodes.0.data.where.0.value.__proto__"],
      ["POST", "/api/v1/events", '{"userId":"u_proto","event":"E","data":{"__proto__":{"admin":true}}}', "data.__proto__"],
      ["PUT", "/api/v1/users/u_proto", '{"attributes":{"__proto__":"x"}}', "attributes.__proto__"],
    ];
    for (const [method, url, body, path] of cases) {
      const res = await call(method, url, { rawBody: body, headers: auth(url.includes("connectors") ? "master" : "app") });
      expect(res.status, body).toBe(400);
      expect(res.body.error.details, body).toEqual([{ path, message: "A key named __proto__ is not allowed" }]);
    }
    expect(await (await db()).user.count({ where: { appId: t.id, userId: "u_proto" } })).toBe(0);
  });

  it("answers a value the database refuses (a year-0 timestamp) with 400, not 500", async () => {
    const res = await call("POST", "/api/v1/events", { body: { userId: "u_y0", event: "E", timestamp: "0000-01-01T00:00:00Z" }, headers: auth("app") });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/0000-01-01 00|date\/time field|SQLSTATE|22008/i);
    expect(await (await db()).event.count({ where: { appId: t.id, userId: "u_y0" } })).toBe(0);
  });
});

describe("memory", () => {
  // gc() is not exposed by default; this flag can still be set at run time.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  // Buffers live outside the JS heap (external), so both count.
  const heapAfterGc = () => {
    gc();
    gc();
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };

  const hostile = [
    () => call("POST", "/api/v1/events", { rawBody: `{"userId":"u_mem","event":"E","data":{"a":"${"x".repeat(600 * KB)}"}}`, headers: auth("app") }),
    () => call("POST", "/api/v1/events", { rawBody: nested(200_000), headers: auth("app") }),
    () => call("PUT", "/api/v1/users/u_mem", { rawBody: `{"attributes":{"a":"${"y".repeat(400 * KB)}\\u0000"}}`, headers: auth("app") }),
    () => call("POST", "/api/v1/connectors", { rawBody: `{"name":"n","graph":${"[".repeat(30_000)}`, headers: auth("master") }),
    () => streamed("POST", "/api/v1/events", auth("app"), 5 * 1024 * KB),
    () => call("POST", "/api/v1/events", { body: { events: Array.from({ length: 500 }, (_, i) => ({ userId: `u_${i}`, event: "" })) }, headers: auth("app") }),
  ];
  const round = async (n: number) => {
    for (let i = 0; i < n; i++) expect((await hostile[i % hostile.length]!()).status).toBeGreaterThanOrEqual(400);
  };

  it("stays flat over rounds of hostile requests (each up to 5 MB)", async () => {
    await round(60); // warm-up: caches, JIT and pools settle
    const before = heapAfterGc();
    await round(120);
    const after = heapAfterGc();
    // One retained 600 KB body per request would add 70 MB; allow noise, not a leak.
    expect((after - before) / 1024 / 1024, `heap ${(before / 1e6).toFixed(1)} MB -> ${(after / 1e6).toFixed(1)} MB`).toBeLessThan(8);
    const ok = await call("POST", "/api/v1/events", { body: { userId: "u_mem", event: "STILL_OK" }, headers: auth("app") });
    expect(ok.status).toBe(202);
  });
});
