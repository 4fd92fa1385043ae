// Calls the real Next.js route handlers in-process, routed by the same paths clients
// use, so integration tests exercise exactly what `next start` serves.
import { createApp, type AppCredentials } from "@/lib/server/apps";
import { db } from "@/lib/server/db";

type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "DELETE" | "PATCH", (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>>;

const ROUTES: [string, () => Promise<RouteModule>][] = [
  ["/api/health", () => import("@/app/api/health/route")],
  ["/api/v1/events", () => import("@/app/api/v1/events/route")],
  ["/api/v1/events/names", () => import("@/app/api/v1/events/names/route")],
  ["/api/v1/users", () => import("@/app/api/v1/users/route")],
  ["/api/v1/users/:userId", () => import("@/app/api/v1/users/[userId]/route")],
  ["/api/v1/users/:userId/events", () => import("@/app/api/v1/users/[userId]/events/route")],
  ["/api/v1/users/:userId/devices", () => import("@/app/api/v1/users/[userId]/devices/route")],
  ["/api/v1/connectors", () => import("@/app/api/v1/connectors/route")],
  ["/api/v1/connectors/:id", () => import("@/app/api/v1/connectors/[id]/route")],
  ["/api/v1/connectors/:id/publish", () => import("@/app/api/v1/connectors/[id]/publish/route")],
  ["/api/v1/connectors/:id/pause", () => import("@/app/api/v1/connectors/[id]/pause/route")],
  ["/api/v1/connectors/:id/resume", () => import("@/app/api/v1/connectors/[id]/resume/route")],
  ["/api/v1/connectors/:id/stats", () => import("@/app/api/v1/connectors/[id]/stats/route")],
  ["/api/v1/connectors/:id/versions", () => import("@/app/api/v1/connectors/[id]/versions/route")],
  ["/api/v1/messages", () => import("@/app/api/v1/messages/route")],
  ["/api/v1/segments", () => import("@/app/api/v1/segments/route")],
  ["/api/v1/segments/:id/members", () => import("@/app/api/v1/segments/[id]/members/route")],
  ["/api/v1/cron/tick", () => import("@/app/api/v1/cron/tick/route")],
  ["/api/v1/channels", () => import("@/app/api/v1/channels/route")],
  ["/api/v1/channels/:channel", () => import("@/app/api/v1/channels/[channel]/route")],
  ["/api/v1/channels/:channel/test", () => import("@/app/api/v1/channels/[channel]/test/route")],
  ["/api/v1/messages/:id", () => import("@/app/api/v1/messages/[id]/route")],
  ["/api/v1/messages/:id/opened", () => import("@/app/api/v1/messages/[id]/opened/route")],
  ["/api/t/o/:token", () => import("@/app/api/t/o/[token]/route")],
  ["/api/t/c/:token", () => import("@/app/api/t/c/[token]/route")],
  ["/api/inbound/twilio/:appKey", () => import("@/app/api/inbound/twilio/[appKey]/route")],
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

export async function call<T = any>(method: string, url: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const full = new URL(url, "http://localhost:3000");
  for (const [pattern, load] of ROUTES) {
    const params = match(pattern, full.pathname);
    if (!params) continue;
    const mod = await load();
    const handler = mod[method as keyof RouteModule];
    if (!handler) return { status: 405, body: null as T, headers: new Headers() };
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    const request = new Request(full, {
      method,
      headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...options.headers },
      body: (options.rawBody as BodyInit | undefined) ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    const text = await response.text();
    const json = response.headers.get("content-type")?.includes("json");
    return { status: response.status, body: (json && text ? JSON.parse(text) : text) as T, headers: response.headers };
  }
  throw new Error(`No route for ${method} ${url}`);
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
