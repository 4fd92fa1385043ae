// Validation of POST /api/v1/events bodies: one event or { events: [...] } (≤ 500), all or
// nothing, with every problem reported against its index.
import { z } from "zod";
import { ApiError, zodDetails, type ErrorDetail } from "../api/errors";

export const MAX_BATCH = 500;
export const MAX_DATA_BYTES = 32 * 1024;
export const MAX_BODY_BYTES = 512 * 1024;
export const MAX_FUTURE_MS = 5 * 60_000;

export const eventInputSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  userId: z.string().min(1).max(200),
  event: z.string().min(1, "event must be 1–200 characters").max(200, "event must be 1–200 characters"),
  data: z.record(z.string(), z.unknown()).nullish(),
  timestamp: z.iso.datetime({ offset: true, message: "timestamp must be an ISO-8601 date-time, e.g. 2026-11-26T10:00:00Z" }).optional(),
});

export type EventInput = z.infer<typeof eventInputSchema>;

export type ValidEvent = {
  eventId: string | null;
  userId: string;
  name: string;
  data: Record<string, unknown>;
  timestamp: Date;
  /** Where the event came from (Segment's `context`); the events API has none. */
  context?: Record<string, unknown> | null;
};

function isBatch(body: unknown): body is { events: unknown } {
  return typeof body === "object" && body !== null && !Array.isArray(body) && "events" in body;
}

/** Validates a whole request; throws 400 (or 413 for oversize data) naming every bad index. */
export function parseEventsBody(body: unknown, now: Date): ValidEvent[] {
  const batch = isBatch(body);
  const items: unknown[] = batch ? (Array.isArray(body.events) ? body.events : []) : [body];
  if (batch && !Array.isArray(body.events)) {
    throw new ApiError("invalid_request", "events must be an array", [{ path: "events", message: "Expected an array of events" }]);
  }
  if (items.length === 0) {
    throw new ApiError("invalid_request", "events is empty", [{ path: "events", message: "Send at least one event" }]);
  }
  if (items.length > MAX_BATCH) {
    throw new ApiError("invalid_request", `At most ${MAX_BATCH} events per request`, [
      { path: "events", message: `Got ${items.length} events; the limit is ${MAX_BATCH}` },
    ]);
  }

  const invalid: ErrorDetail[] = [];
  const oversize: ErrorDetail[] = [];
  const valid: ValidEvent[] = [];
  items.forEach((item, index) => {
    const prefix = batch ? ["events", index] : [];
    const at = (field: string) => [...prefix, field].join(".");
    const parsed = eventInputSchema.safeParse(item);
    if (!parsed.success) {
      invalid.push(...zodDetails(parsed.error, prefix));
      return;
    }
    const data = parsed.data.data ?? {};
    const timestamp = parsed.data.timestamp ? new Date(parsed.data.timestamp) : now;
    if (timestamp.getTime() > now.getTime() + MAX_FUTURE_MS) {
      invalid.push({ path: at("timestamp"), message: "timestamp is more than 5 minutes in the future" });
      return;
    }
    const dataBytes = Buffer.byteLength(JSON.stringify(data));
    if (dataBytes > MAX_DATA_BYTES) {
      oversize.push({ path: at("data"), message: `data is ${dataBytes} bytes; the limit is ${MAX_DATA_BYTES}` });
      return;
    }
    valid.push({ eventId: parsed.data.id ?? null, userId: parsed.data.userId, name: parsed.data.event, data, timestamp });
  });

  if (oversize.length) {
    throw new ApiError("payload_too_large", "An event's data exceeds 32 KB; nothing was stored", [...oversize, ...invalid]);
  }
  if (invalid.length) {
    const where = batch ? `${new Set(invalid.map((d) => d.path.split(".")[1])).size} invalid event(s)` : "an invalid event";
    throw new ApiError("invalid_request", `The request has ${where}; nothing was stored`, invalid);
  }
  return valid;
}
