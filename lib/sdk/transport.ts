// One HTTP call to Cue with the app's credentials, reduced to what the queue needs to
// decide: done, try again later, stop (credentials), or rejected for good.
import { parseRetryAfter } from "./backoff";

export type FetchResponse = { status: number; headers: { get(name: string): string | null }; text(): Promise<string> };
export type FetchLike = (url: string, init: {
  method: string;
  headers: Record<string, string>;
  body?: string;
  keepalive?: boolean;
  credentials?: "omit";
}) => Promise<FetchResponse>;

export type ErrorDetail = { path: string; message: string };

export type Outcome =
  | { type: "ok"; status: number; body: unknown }
  /** Network failure, timeout, 408, 429 or 5xx: the same request may succeed later. */
  | { type: "retry"; status: number; retryAfterMs: number | null; message: string }
  /** 401/403: the credentials are wrong or not allowed; retrying cannot help. */
  | { type: "auth"; status: number; message: string }
  /** Any other 4xx: this request will never be accepted as it is. */
  | { type: "rejected"; status: number; details: ErrorDetail[]; message: string };

export type Credentials = { host: string; appKey: string; appSecret: string };

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

export function authorization(credentials: Credentials): string {
  return `Basic ${base64Utf8(`${credentials.appKey}:${credentials.appSecret}`)}`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function errorOf(body: unknown): { message?: string; details?: ErrorDetail[] } {
  const error = body && typeof body === "object" ? (body as { error?: unknown }).error : undefined;
  if (!error || typeof error !== "object") return {};
  const { message, details } = error as { message?: unknown; details?: unknown };
  return {
    message: typeof message === "string" ? message : undefined,
    details: Array.isArray(details)
      ? details.filter((d): d is ErrorDetail => !!d && typeof d.path === "string" && typeof d.message === "string")
      : undefined,
  };
}

export async function callCue(
  fetchFn: FetchLike,
  credentials: Credentials,
  method: "GET" | "POST" | "PUT",
  path: string,
  body: unknown,
  options: { keepalive?: boolean; now: number },
): Promise<Outcome> {
  let response: FetchResponse;
  try {
    response = await fetchFn(credentials.host.replace(/\/+$/, "") + path, {
      method,
      headers: {
        authorization: authorization(credentials),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: options.keepalive || undefined,
      // The app secret travels in the header; cookies of the Cue host must not.
      credentials: "omit",
    });
  } catch (error) {
    return { type: "retry", status: 0, retryAfterMs: null, message: error instanceof Error ? error.message : "Network error" };
  }
  const { status } = response;
  let text = "";
  try {
    text = await response.text();
  } catch {}
  const parsed = parseJson(text);
  if (status >= 200 && status < 300) return { type: "ok", status, body: parsed };
  const { message = `HTTP ${status}`, details = [] } = errorOf(parsed);
  if (status === 408 || status === 429 || status >= 500) {
    return { type: "retry", status, retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), options.now), message };
  }
  if (status === 401 || status === 403) return { type: "auth", status, message };
  return { type: "rejected", status, details, message };
}
