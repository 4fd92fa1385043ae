// Dashboard and API security: cross-origin requests riding on the session cookie, the
// cookie's flags, sign-in throttling, and the per-application-key request rate limit.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { forgetStaleSignIns } from "@/lib/server/auth/housekeeping";
import { createAdmin, SESSION_COOKIE, sessionFromToken, signIn, switchApp } from "@/lib/server/auth/admins";
import { db } from "@/lib/server/db";
import { basic, call, createTestApp, type ApiResponse, type TestApp } from "./api-client";

const APP_API = fileURLToPath(new URL("../../app/api", import.meta.url));
const MUTATING = ["POST", "PUT", "DELETE", "PATCH"];
const HOST = "localhost:3000"; // api-client's base URL
const PASSWORD = "security-password-1";
const run = Date.now().toString(36);

let t: TestApp;
let cookie: string;

async function newAdmin(label: string): Promise<string> {
  const email = `${label}-${run}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await createAdmin(await db(), email, PASSWORD);
  return email;
}

async function sessionCookie(appId: string): Promise<string> {
  const prisma = await db();
  const token = await signIn(prisma, await newAdmin("session"), PASSWORD, new Date());
  await switchApp(prisma, (await sessionFromToken(prisma, token, new Date()))!.sessionId, appId);
  return `${SESSION_COOKIE}=${token}`;
}

beforeAll(async () => {
  t = await createTestApp("Security");
  cookie = await sessionCookie(t.id);
});

const expectError = (res: ApiResponse, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
};

describe("cross-origin requests with the session cookie", () => {
  // Every state-changing method under app/api that the session cookie can authorise.
  async function cookieMutations(): Promise<{ method: string; url: string }[]> {
    const files = readdirSync(APP_API, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
    const found: { method: string; url: string }[] = [];
    for (const file of files) {
      const dir = path.dirname(file);
      if (!dir.startsWith(`v1${path.sep}`) && !dir.startsWith(`dashboard${path.sep}`)) continue;
      if (dir.includes("[...")) continue; // the catch-all for unknown paths: a 404 for everyone

      const url = `/api/${dir.split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "x_$1")).join("/")}`;
      const mod = (await import(path.join(APP_API, file))) as Record<string, unknown>;
      for (const method of MUTATING) if (typeof mod[method] === "function") found.push({ method, url });
    }
    return found;
  }

  const hostile: Record<string, Record<string, string>> = {
    "an Origin of another host": { origin: "https://evil.example", host: HOST },
    "an Origin that only shares the host name": { origin: "http://localhost:4000", host: HOST },
    "an opaque Origin (null)": { origin: "null", host: HOST },
    "Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site", host: HOST },
    "Sec-Fetch-Site: same-site (a sibling subdomain)": { "sec-fetch-site": "same-site", host: HOST },
  };

  it("refuses every POST/PUT/DELETE on dashboard and /api/v1 routes with 403", async () => {
    const routes = await cookieMutations();
    expect(routes.length).toBeGreaterThan(15);
    for (const { method, url } of routes) {
      for (const [label, headers] of Object.entries(hostile)) {
        const res = await call(method, url, { body: {}, headers: { cookie, ...headers } });
        expect(res.status, `${method} ${url} with ${label}`).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
  });

  it("changes nothing when refused, and lets the same requests through from our own origin", async () => {
    const prisma = await db();
    const connectors = () => prisma.connector.count({ where: { appId: t.id, deletedAt: null } });
    const before = await connectors();
    const create = (headers: Record<string, string>) =>
      call("POST", "/api/v1/connectors", { body: { name: "Via cookie" }, headers: { cookie, ...headers } });
    expectError(await create(hostile["an Origin of another host"]!), 403, "forbidden");
    expectError(await create(hostile["Sec-Fetch-Site: cross-site"]!), 403, "forbidden");
    expect(await connectors()).toBe(before);

    const own = await create({ origin: `http://${HOST}`, host: HOST, "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(201);
    const id = own.body.id;
    const remove = (headers: Record<string, string>) => call("DELETE", `/api/v1/connectors/${id}`, { headers: { cookie, ...headers } });
    expectError(await remove({ origin: "https://evil.example", host: HOST }), 403, "forbidden");
    expect(await connectors()).toBe(before + 1);
    // Behind a proxy the public host arrives as X-Forwarded-Host.
    expect((await remove({ origin: "https://cue.example", host: "10.0.0.5:3000", "x-forwarded-host": "cue.example" })).status).toBe(200);
    expect(await connectors()).toBe(before);

    const rotate = await call("POST", "/api/dashboard/apps/rotate", {
      body: { which: "masterSecret" },
      headers: { cookie, origin: "https://evil.example", host: HOST },
    });
    expectError(rotate, 403, "forbidden");
    expect((await t.master("GET", "/api/v1/connectors")).status).toBe(200); // the master secret still works
  });

  it("refuses a sign-in posted from another site (login CSRF)", async () => {
    const email = await newAdmin("csrf");
    for (const headers of [{ origin: "https://evil.example", host: HOST }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
      const res = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD }, headers });
      expectError(res, 403, "forbidden");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });
});

describe("the session cookie", () => {
  const login = async (url: string, headers: Record<string, string> = {}) => {
    const res = await call("POST", url, { body: { email: await newAdmin("cookie"), password: PASSWORD }, headers });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.headers.get("set-cookie")!;
  };
  const attributes = (header: string) => header.split(";").slice(1).map((s) => s.trim().toLowerCase());

  it("is HttpOnly, SameSite=Lax, Path=/ and not Secure over plain http", async () => {
    const header = await login("/api/auth/login");
    expect(header).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(attributes(header)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/", `max-age=${30 * 86_400}`]));
    expect(attributes(header)).not.toContain("secure");
  });

  it("is Secure when the request is https, directly or behind a proxy (X-Forwarded-Proto)", async () => {
    expect(attributes(await login("https://localhost:3000/api/auth/login"))).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(attributes(await login("/api/auth/login", { "x-forwarded-proto": "https" }))).toEqual(
      expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]),
    );
  });

  it("is cleared with the same flags on sign-out, and the session stops working", async () => {
    const own = await sessionCookie(t.id);
    const out = await call("POST", "/api/auth/logout", { headers: { cookie: own, "x-forwarded-proto": "https" } });
    expect(out.status).toBe(200);
    expect(attributes(out.headers.get("set-cookie")!)).toEqual(expect.arrayContaining(["max-age=0", "httponly", "samesite=lax", "path=/", "secure"]));
    expect((await call("GET", "/api/dashboard/apps", { headers: { cookie: own } })).status).toBe(401);
  });
});

describe("sign-in throttling", () => {
  const attempt = (email: string, password: string) => call("POST", "/api/auth/login", { body: { email, password } });

  async function lockOut(email: string): Promise<ApiResponse[]> {
    const answers: ApiResponse[] = [];
    for (let i = 0; i < 6; i++) answers.push(await attempt(email, `wrong-password-${i}`));
    return answers;
  }

  it("locks an email after 5 wrong passwords: 429 with Retry-After, even for the right password", async () => {
    const email = await newAdmin("throttle");
    const answers = await lockOut(email);
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expectError(answers[5]!, 429, "rate_limited");
    const retryAfter = Number(answers[5]!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = await attempt(email, PASSWORD);
    expectError(right, 429, "rate_limited");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(right.headers.get("set-cookie")).toBeNull();

    // Once the lock has run out, the right password works and clears the count.
    await (await db()).loginThrottle.update({ where: { key: `email:${email}` }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await attempt(email, PASSWORD)).status).toBe(200);
    expect(await (await db()).loginThrottle.count({ where: { key: `email:${email}` } })).toBe(0);
  });

  it("throttles an unknown email exactly like a known one, so answers do not reveal which emails exist", async () => {
    const known = await lockOut(await newAdmin("known"));
    const unknown = await lockOut(`nobody-${run}@example.com`);
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    // Same codes and messages (seconds aside: the two lock-outs ran at different moments).
    const shape = (r: ApiResponse) => JSON.stringify(r.body).replace(/\d+/g, "N");
    expect(unknown.map(shape)).toEqual(known.map(shape));
    const retry = (r: ApiResponse) => Number(r.headers.get("retry-after"));
    expect(Math.abs(retry(unknown[5]!) - retry(known[5]!))).toBeLessThanOrEqual(1);
  });

  it("lets no more than 5 guesses through when they arrive all at once", async () => {
    const email = await newAdmin("parallel");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(email, `parallel-guess-${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length, statuses.join(",")).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 429), statuses.join(",")).toBe(true);
  });
});

describe("rate limit per application key", () => {
  const saved = { rate: process.env.CUE_API_RATE_LIMIT, burst: process.env.CUE_API_RATE_BURST };
  const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
  afterEach(() => {
    restore("CUE_API_RATE_LIMIT", saved.rate);
    restore("CUE_API_RATE_BURST", saved.burst);
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("answers 429 rate_limited with Retry-After over the limit, per key, and recovers", async () => {
    // A burst of 4, then one request every 2 s: what passes does not depend on how fast this machine is.
    process.env.CUE_API_RATE_LIMIT = "0.5";
    process.env.CUE_API_RATE_BURST = "4";
    const [a, b] = await Promise.all([createTestApp("Limited A"), createTestApp("Limited B")]);
    const event = (n: number) => ({ userId: "u_rl", event: "RATE", data: { n } });
    const started = performance.now();
    // The app and master secrets belong to the same application key, so they share one budget.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a.app("POST", "/api/v1/events", event(i)) : a.master("POST", "/api/v1/events", event(i)))),
    );
    const refilled = Math.floor(((performance.now() - started) / 1000) * 0.5);
    const accepted = answers.filter((r) => r.status === 202).length;
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(accepted).toBeLessThanOrEqual(4 + refilled);
    for (const over of answers.filter((r) => r.status !== 202)) {
      expectError(over, 429, "rate_limited");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    // Refused requests store nothing.
    expect(await (await db()).event.count({ where: { appId: a.id, name: "RATE" } })).toBe(accepted);
    // Another key has its own budget; the dashboard (session) is never locked out.
    expect((await b.app("POST", "/api/v1/events", event(0))).status).toBe(202);
    expect((await call("GET", "/api/v1/connectors", { headers: { cookie: await sessionCookie(a.id) } })).status).toBe(200);

    await sleep(2100);
    expect((await a.app("POST", "/api/v1/events", event(99))).status).toBe(202);
  });

  it("refuses before reading the body, and 0 turns the limit off", async () => {
    process.env.CUE_API_RATE_LIMIT = "0.01";
    process.env.CUE_API_RATE_BURST = "1";
    const c = await createTestApp("Limited C");
    expect((await c.app("PUT", "/api/v1/users/u_1", { name: "one" })).status).toBe(200);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const request = new Request("http://localhost:3000/api/v1/events", {
      method: "POST",
      headers: { authorization: basic(c.key, c.secret), "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const { POST } = await import("@/app/api/v1/events/route");
    const res = await POST(request);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(90); // one token per 100 s
    expect(pulled).toBeLessThanOrEqual(128 * 1024); // at most what the stream buffers ahead on its own

    process.env.CUE_API_RATE_LIMIT = "0";
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => c.app("PUT", `/api/v1/users/u_${i}`, { name: "n" })));
    expect(statuses.every((r) => r.status === 200)).toBe(true);
  });
});

describe("sign-in housekeeping", () => {
  it("forgets expired sessions and lapsed throttles, keeps live ones", async () => {
    const prisma = await db();
    const now = new Date();
    const day = 86_400_000;
    const key = (name: string) => `email:housekeeping-${name}-${Math.random()}@example.com`;
    const stale = key("stale");
    const locked = key("locked");
    const recent = key("recent");
    await prisma.loginThrottle.createMany({
      data: [
        { key: stale, failures: 9, lockedUntil: new Date(now.getTime() - 2 * day), updatedAt: new Date(now.getTime() - 2 * day) },
        { key: locked, failures: 30, lockedUntil: new Date(now.getTime() + day), updatedAt: new Date(now.getTime() - 2 * day) },
        { key: recent, failures: 2, updatedAt: new Date(now.getTime() - 60_000) },
      ],
    });
    const admin = await prisma.admin.findUniqueOrThrow({ where: { email: await newAdmin("housekeeping") } });
    await prisma.session.createMany({
      data: [
        { id: `expired-${Math.random()}`, adminId: admin.id, expiresAt: new Date(now.getTime() - 1000) },
        { id: `live-${Math.random()}`, adminId: admin.id, expiresAt: new Date(now.getTime() + day) },
      ],
    });

    const forgotten = await forgetStaleSignIns(prisma, now);
    expect(forgotten.throttles).toBeGreaterThanOrEqual(1);
    expect(forgotten.sessions).toBeGreaterThanOrEqual(1);
    const left = await prisma.loginThrottle.findMany({ where: { key: { in: [stale, locked, recent] } }, select: { key: true } });
    expect(left.map((r) => r.key).sort()).toEqual([locked, recent].sort());
    expect(await prisma.session.count({ where: { expiresAt: { lte: now } } })).toBe(0);
    expect(await prisma.session.count({ where: { expiresAt: { gt: now } } })).toBeGreaterThanOrEqual(1);
  });
});
