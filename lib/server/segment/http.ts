// The HTTP side of Segment compatibility, shared by every /v1 route: CORS (analytics.js
// posts from customers' pages), gzip bodies (analytics-python's gzip option), write-key
// authentication, and Segment-shaped answers that keep the SDKs' retry logic right:
// 400/401/404 are dropped by the clients, 429 and 5xx are retried.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readJsonBody } from "../api/body";
import { ApiError, errorResponse } from "../api/errors";
import { appForWriteKey } from "../apps";
import { takeRequestToken } from "../api/rate-limit";
import { db } from "../db";
import { CORS_HEADERS, corsPreflight } from "../api/cors";

export { CORS_HEADERS };

type SegmentHandler = (input: {
  request: Request;
  prisma: PrismaClient;
  params: Record<string, string>;
  now: Date;
}) => Promise<Response | object>;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** Like apiRoute for /api: one place for the database, CORS and error mapping. */
export function segmentRoute(handler: SegmentHandler) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const params = Object.fromEntries(
        Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]),
      );
      const result = await handler({ request, prisma: await db(), params, now: new Date() });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: CORS_HEADERS });
    } catch (error) {
      return segmentError(error);
    }
  };
}

export const segmentPreflight = corsPreflight;

// Concurrent merges can deadlock on user rows; PostgreSQL aborts one, which is worth a retry.
const RETRYABLE = /deadlock detected|could not serialize access|P2034|40P01|40001/;

/**
 * Cue's error object, plus Segment's top-level `success`, `code` and `message` (which
 * analytics-python reads). Sizes and media types answer 400 as Segment does, not 413/415.
 */
async function segmentError(error: unknown): Promise<Response> {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code ?? "")}` : "";
  const mapped =
    !(error instanceof ApiError) && RETRYABLE.test(text)
      ? new ApiError("unavailable", "A concurrent update got in the way; retry", undefined, { "Retry-After": "1" })
      : error;
  const cue = errorResponse(mapped);
  const body = (await cue.json()) as { error: { code: string; message: string } };
  const status = cue.status === 413 || cue.status === 415 ? 400 : cue.status;
  const headers = new Headers(cue.headers);
  headers.delete("content-length");
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  return Response.json({ success: false, code: body.error.code, message: body.error.message, ...body }, { status, headers });
}

/** The write key from `Authorization: Basic base64(writeKey + ":")` (the colon optional). */
export function writeKeyFromHeader(header: string | null): string | null {
  const match = header?.match(/^Basic\s+(\S+)\s*$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const key = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
  return key.trim() || null;
}

const unauthorized = () =>
  new ApiError("unauthorized", 'Missing or unknown write key: send Authorization: Basic base64(writeKey + ":") or "writeKey" in the body');

// The write key spends from the same per-application budget as the /api routes (429 with
// Retry-After, which the SDKs honour), so it is no way around the limit.
async function appFor(prisma: PrismaClient, writeKey: string | null) {
  const app = writeKey ? await appForWriteKey(prisma, writeKey) : null;
  if (!app) throw unauthorized();
  takeRequestToken(app.id);
  return app;
}

// analytics-python can gzip its batches; the size limit applies to the unzipped JSON, so a
// small bomb is refused as soon as it unpacks past the limit.
function decoded(request: Request): Request {
  const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return request;
  if (encoding !== "gzip" || !request.body) throw new ApiError("unsupported_media_type", "Content-Encoding must be gzip or absent");
  const headers = new Headers(request.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  const body = request.body.pipeThrough(new DecompressionStream("gzip"));
  return new Request(request.url, { method: request.method, headers, body, duplex: "half" } as RequestInit);
}

async function readBody(request: Request, maxBytes: number): Promise<unknown> {
  try {
    return await readJsonBody(decoded(request), maxBytes);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("invalid_request", "The request body could not be read (is the gzip stream valid?)");
  }
}

/**
 * Segment's authentication: the write key in Basic auth, or else `writeKey` in the body
 * (analytics.js and analytics-python send both). The key is checked before the body is
 * read whenever the header carries it.
 */
export async function readAuthenticated(prisma: PrismaClient, request: Request, maxBytes: number) {
  const fromHeader = writeKeyFromHeader(request.headers.get("authorization"));
  const early = fromHeader ? await appFor(prisma, fromHeader) : null;
  const body = await readBody(request, maxBytes);
  const app = early ?? (await appFor(prisma, bodyWriteKey(body)));
  return { app, body };
}

function bodyWriteKey(body: unknown): string | null {
  const key = body && typeof body === "object" ? (body as { writeKey?: unknown }).writeKey : undefined;
  return typeof key === "string" && key ? key : null;
}
