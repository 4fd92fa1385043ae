// The browser's one way to call our API: same-origin JSON, and every failure turned into
// an ApiRequestError carrying the API's { error: { code, message, details? } } shape.

export type ApiErrorDetail = { path: string; message: string; nodeId?: string };

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

type ApiOptions = { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> };

function isErrorBody(value: unknown): value is { error: { code: string; message: string; details?: ApiErrorDetail[] } } {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string";
}

export async function apiFetch<T>(path: string, options: ApiOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: { ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiRequestError("Cue cannot be reached. Check your connection and try again.", 0, "network_error");
  }

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiRequestError(payload.error.message, response.status, payload.error.code, payload.error.details);
    }
    throw new ApiRequestError(`The request failed (HTTP ${response.status})`, response.status, "http_error");
  }
  return payload as T;
}

/** Builds "/path?a=1&b=2", leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
