// Calls the real Next.js route handlers in-process, routed by the same paths clients
// use, so integration tests exercise exactly what `next start` serves.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp, type AppCredentials } from "@/lib/server/apps";
import { db } from "@/lib/server/db";

type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS";
// Route files type their own params ({ token: string }, …); any params object fits here.
type RouteModule = Partial<Record<Method, (req: Request, ctx: { params: Promise<any> }) => Promise<Response>>>;

const ROUTES: [string, () => Promise<RouteModule>][] = [
  ["/api/health", () => import("@/app/api/health/route")],
  ["/api/bench/ceiling", () => import("@/app/api/bench/ceiling/route")],
  ["/api/v1/openapi.json", () => import("@/app/api/v1/openapi.json/route")],
  ["/api/v1/events", () => import("@/app/api/v1/events/route")],
  ["/api/v1/events/names", () => import("@/app/api/v1/events/names/route")],
  ["/api/v1/analytics/events", () => import("@/app/api/v1/analytics/events/route")],
  ["/api/v1/users", () => import("@/app/api/v1/users/route")],
  ["/api/v1/users/:userId", () => import("@/app/api/v1/users/[userId]/route")],
  ["/api/v1/users/:userId/events", () => import("@/app/api/v1/users/[userId]/events/route")],
  ["/api/v1/users/:userId/devices", () => import("@/app/api/v1/users/[userId]/devices/route")],
  ["/api/v1/users/:userId/merge", () => import("@/app/api/v1/users/[userId]/merge/route")],
  ["/api/v1/users/:userId/subscriptions", () => import("@/app/api/v1/users/[userId]/subscriptions/route")],
  ["/api/v1/topics", () => import("@/app/api/v1/topics/route")],
  ["/api/v1/delivery-policy", () => import("@/app/api/v1/delivery-policy/route")],
  ["/api/v1/push/vapid-key", () => import("@/app/api/v1/push/vapid-key/route")],
  ["/api/v1/connectors", () => import("@/app/api/v1/connectors/route")],
  ["/api/v1/connectors/:id", () => import("@/app/api/v1/connectors/[id]/route")],
  ["/api/v1/connectors/:id/publish", () => import("@/app/api/v1/connectors/[id]/publish/route")],
  ["/api/v1/connectors/:id/check", () => import("@/app/api/v1/connectors/[id]/check/route")],
  ["/api/v1/connectors/:id/simulate", () => import("@/app/api/v1/connectors/[id]/simulate/route")],
  ["/api/v1/connectors/:id/backtest", () => import("@/app/api/v1/connectors/[id]/backtest/route")],
  ["/api/v1/connectors/:id/pause", () => import("@/app/api/v1/connectors/[id]/pause/route")],
  ["/api/v1/connectors/:id/resume", () => import("@/app/api/v1/connectors/[id]/resume/route")],
  ["/api/v1/connectors/:id/stats", () => import("@/app/api/v1/connectors/[id]/stats/route")],
  ["/api/v1/connectors/:id/versions", () => import("@/app/api/v1/connectors/[id]/versions/route")],
  ["/api/v1/messages", () => import("@/app/api/v1/messages/route")],
  ["/api/v1/segments", () => import("@/app/api/v1/segments/route")],
  // The static /segments/preview before /segments/:id, as Next orders them.
  ["/api/v1/segments/preview", () => import("@/app/api/v1/segments/preview/route")],
  ["/api/v1/segments/:id", () => import("@/app/api/v1/segments/[id]/route")],
  ["/api/v1/segments/:id/members", () => import("@/app/api/v1/segments/[id]/members/route")],
  ["/api/v1/segments/:id/members.csv", () => import("@/app/api/v1/segments/[id]/members.csv/route")],
  ["/api/v1/segments/:id/refresh", () => import("@/app/api/v1/segments/[id]/refresh/route")],
  // The static /preview before /:id, as Next orders them.
  ["/api/v1/campaigns", () => import("@/app/api/v1/campaigns/route")],
  ["/api/v1/campaigns/preview", () => import("@/app/api/v1/campaigns/preview/route")],
  ["/api/v1/campaigns/:id", () => import("@/app/api/v1/campaigns/[id]/route")],
  ["/api/v1/campaigns/:id/cancel", () => import("@/app/api/v1/campaigns/[id]/cancel/route")],
  // The static /templates/preview before /templates/:id, as Next orders them.
  ["/api/v1/templates", () => import("@/app/api/v1/templates/route")],
  ["/api/v1/templates/preview", () => import("@/app/api/v1/templates/preview/route")],
  ["/api/v1/templates/:id", () => import("@/app/api/v1/templates/[id]/route")],
  ["/api/v1/templates/:id/render", () => import("@/app/api/v1/templates/[id]/render/route")],
  ["/api/v1/cron/tick", () => import("@/app/api/v1/cron/tick/route")],
  ["/api/v1/channels", () => import("@/app/api/v1/channels/route")],
  ["/api/v1/channels/:channel", () => import("@/app/api/v1/channels/[channel]/route")],
  ["/api/v1/channels/:channel/test", () => import("@/app/api/v1/channels/[channel]/test/route")],
  ["/api/v1/messages/:id", () => import("@/app/api/v1/messages/[id]/route")],
  ["/api/v1/messages/:id/opened", () => import("@/app/api/v1/messages/[id]/opened/route")],
  ["/api/t/o/:token", () => import("@/app/api/t/o/[token]/route")],
  ["/api/t/c/:token", () => import("@/app/api/t/c/[token]/route")],
  ["/api/inbound/twilio/:appKey", () => import("@/app/api/inbound/twilio/[appKey]/route")],
  ["/u/:token", () => import("@/app/u/[token]/route")],
  ["/api/auth/login", () => import("@/app/api/auth/login/route")],
  ["/api/auth/logout", () => import("@/app/api/auth/logout/route")],
  ["/api/auth/setup", () => import("@/app/api/auth/setup/route")],
  ["/api/dashboard/apps", () => import("@/app/api/dashboard/apps/route")],
  ["/api/dashboard/apps/rotate", () => import("@/app/api/dashboard/apps/rotate/route")],
  ["/api/dashboard/apps/switch", () => import("@/app/api/dashboard/apps/switch/route")],
  // Segment's Tracking API; the static /v1/m before the /v1/:call catch-all, as Next orders them.
  ["/v1/m", () => import("@/app/v1/m/route")],
  ["/v1/:call", () => import("@/app/v1/[call]/route")],
  ["/v1/projects/:writeKey/settings", () => import("@/app/v1/projects/[writeKey]/settings/route")],
];

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(got[i]!);
    else if (w !== got[i]) return null;
  }
  return params;
}

export type CallOptions = { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> };
export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/** Routes a real Request to its handler, as `next start` would; null when no route matches. */
export async function route(request: Request): Promise<Response | null> {
  const { pathname } = new URL(request.url);
  for (const [pattern, load] of ROUTES) {
    const params = match(pattern, pathname);
    if (!params) continue;
    const handler = (await load())[request.method as Method];
    if (!handler) return new Response(null, { status: 405 });
    return handler(request, { params: Promise.resolve(params) });
  }
  return null;
}

export async function call<T = any>(method: string, url: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const full = new URL(url, "http://localhost:3000");
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const request = new Request(full, {
    method,
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...options.headers },
    body: (options.rawBody as BodyInit | undefined) ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const response = await route(request);
  if (!response) throw new Error(`No route for ${method} ${url}`);
  if (response.status === 405 && !response.body) return { status: 405, body: null as T, headers: new Headers() };
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, body: (json && text ? JSON.parse(text) : text) as T, headers: response.headers };
}

export type TestServer = {
  url: string;
  /** Every request the server answered, in order. */
  requests: { method: string; path: string; headers: Headers; status: number }[];
  /** Replace the answer to the next `count` requests (after the route has run) with `status`. */
  failAfterHandling(count: number, status: number): void;
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 in front of the same route handlers, for clients that
 * must be driven unmodified over the network (Segment's SDKs). failAfterHandling
 * simulates an answer lost after the request was processed, which is what makes an
 * SDK retry a batch it already delivered.
 */
export async function serveRoutes(): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  let failures: { count: number; status: number } = { count: 0, status: 0 };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    const method = req.method ?? "GET";
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    let response = (await route(request)) ?? new Response("Not found", { status: 404 });
    if (failures.count > 0) {
      failures.count--;
      response = new Response(null, { status: failures.status });
    }
    requests.push({ method, path: new URL(request.url).pathname, headers, status: response.status });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failAfterHandling: (count, status) => {
      failures = { count, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export type TestApp = AppCredentials & {
  id: string;
  /** Calls with the application secret. */
  app: <T = any>(method: string, url: string, body?: unknown) => Promise<ApiResponse<T>>;
  /** Calls with the master secret. */
  master: <T = any>(method: string, url: string, body?: unknown) => Promise<ApiResponse<T>>;
};

export async function createTestApp(name = "Test"): Promise<TestApp> {
  const { app, credentials } = await createApp(await db(), name);
  const as = (secret: string) => (method: string, url: string, body?: unknown) =>
    call(method, url, { body, headers: { authorization: basic(credentials.key, secret) } });
  return { ...credentials, id: app.id, app: as(credentials.secret), master: as(credentials.masterSecret) };
}
