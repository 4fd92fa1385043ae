// One error shape for the whole API: { error: { code, message, details? } }.
// Every failure is mapped here, so no route can leak a stack trace or SQL.
import { z } from "zod";

export type ErrorDetail = { path: string; message: string; nodeId?: string };

const STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_graph: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

export function zodDetails(error: z.ZodError, prefix: (string | number)[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

// Connection failures from pg, the Prisma adapters, or a closed PGlite: the database is
// unreachable, which is a 503 the client should retry, not a 500.
const UNAVAILABLE_PATTERNS = [/ECONNREFUSED/, /ECONNRESET/, /Connection terminated/i, /connect ETIMEDOUT/, /PGlite is closed/i, /DatabaseNotReachable/, /the database system is (starting|shutting) up/i, /terminating connection/i, /Can.t reach database/i, /Unable to start a transaction in the given time/];

// A transaction that ran out of time, or that PostgreSQL aborted to break a deadlock or a
// serialization conflict, rolled back whole: retrying the same request is safe and right.
const TRANSIENT_PATTERNS = [/Transaction already closed/i, /expired transaction/i, /deadlock detected/i, /40P01/, /could not serialize access/i, /40001/];

export function isUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? "")} ${String(error.cause ?? "")}` : String(error);
  return [...UNAVAILABLE_PATTERNS, ...TRANSIENT_PATTERNS].some((p) => p.test(text));
}

// SQLSTATE class 22 ("data exception": a date out of range, a bad encoding, ...) means a
// value from the request got past validation and the database refused it: the client's
// value is wrong, so answer 400 without the database's text. Logged, since validation
// should have caught it with a field path.
function dataExceptionCode(error: unknown): string | null {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  // Prisma wraps the driver's error; pg's own (the hot paths, lib/server/sql.ts) carries the SQLSTATE as code.
  const direct = error instanceof Error && "severity" in error ? (error as { code?: unknown }).code : undefined;
  const code = typeof cause?.originalCode === "string" ? cause.originalCode : typeof direct === "string" ? direct : "";
  return code.startsWith("22") ? code : null;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      { status: error.status, headers: error.headers },
    );
  }
  if (error instanceof z.ZodError) {
    return errorResponse(new ApiError("invalid_request", "The request has invalid fields", zodDetails(error)));
  }
  if (isUnavailable(error)) {
    return errorResponse(
      new ApiError("unavailable", "The database is unavailable; retry shortly", undefined, { "Retry-After": "5" }),
    );
  }
  const dataException = dataExceptionCode(error);
  if (dataException) {
    console.warn(`[cue] the database refused a value (SQLSTATE ${dataException}); validation should catch it`);
    return errorResponse(new ApiError("invalid_request", "A value in the request cannot be stored (out of range or badly encoded)"));
  }
  console.error("[cue] unexpected error", error);
  return errorResponse(new ApiError("internal_error", "Something went wrong on our side"));
}
