// Who is calling: Basic app credentials (app secret or master secret) or a dashboard
// session cookie. Every caller is pinned to exactly one application.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError } from "../api/errors";
import { SESSION_COOKIE, sessionFromToken, type SessionInfo } from "./admins";
import { appByKey } from "./app-keys";
import { secretMatches } from "./secrets";

export type Caller = {
  app: { id: string; name: string };
  via: "appSecret" | "masterSecret" | "session";
  session?: SessionInfo;
};

// "session": dashboard-only routes (creating apps, rotating secrets); "none": sign-in itself.
export type Access = "app" | "master" | "session";

const unauthorized = () =>
  new ApiError("unauthorized", "Missing or wrong credentials: use Basic auth with the application key and a secret");

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function parseBasic(header: string | null): { user: string; password: string } | null {
  if (!header?.startsWith("Basic ")) return null;
  let decoded: string;
  try {
    decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon < 1) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// Cookies ride along on cross-site requests; a state-changing request that relies on the
// session cookie (or that sets one, like sign-in) must come from our own origin.
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new ApiError("forbidden", "Cross-site request refused");
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (!host || originHost !== host) throw new ApiError("forbidden", "Cross-origin request refused");
  }
}

export async function authenticate(prisma: PrismaClient, request: Request, access: Access, now: Date): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization && access !== "session") {
    const basic = parseBasic(authorization);
    if (!basic) throw unauthorized();
    const app = await appByKey(prisma, basic.user);
    if (!app) throw unauthorized();
    if (secretMatches(basic.password, app.masterSecretHash)) {
      return { app: { id: app.id, name: app.name }, via: "masterSecret" };
    }
    if (secretMatches(basic.password, app.secretHash)) {
      if (access === "master") throw new ApiError("forbidden", "This endpoint needs the master secret");
      return { app: { id: app.id, name: app.name }, via: "appSecret" };
    }
    throw unauthorized();
  }
  const session = await sessionFromToken(prisma, readCookie(request, SESSION_COOKIE), now);
  if (!session) throw unauthorized();
  assertSameOrigin(request);
  if (!session.appId) throw new ApiError("not_found", "Create an application first");
  const app = await prisma.app.findUnique({ where: { id: session.appId }, select: { id: true, name: true } });
  if (!app) throw new ApiError("not_found", "Application not found");
  return { app, via: "session", session };
}
