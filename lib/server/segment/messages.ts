// Validation of Segment Tracking API bodies (one call, or { batch: [...] }) into plain
// messages with Cue's rules applied: ids of at most 200 characters, event names of
// 1–200, at most 32 KB per message, timestamps corrected for clock skew the way
// Segment does and never more than 5 minutes in the future. All or nothing, with every
// problem reported against its path, as POST /api/v1/events does.
import { z } from "zod";
import { ApiError, zodDetails, type ErrorDetail } from "../api/errors";
import { MAX_FUTURE_MS } from "../ingest/event-input";

export const SEGMENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];
export type SegmentCall = SegmentType | "batch";

// Segment's documented limits: 32 KB per call (and per message in a batch), 500 KB per
// batch, 2,500 messages per batch.
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
export const MAX_BATCH_MESSAGES = 2500;

export type SegmentMessage = {
  type: SegmentType;
  userId?: string;
  anonymousId?: string;
  previousId?: string;
  groupId?: string;
  messageId?: string;
  event?: string;
  name?: string;
  category?: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown> | null;
  /** When it happened, after clock-skew correction. */
  timestamp: Date;
};

/**
 * ISO-8601 as the SDKs write it (JavaScript's toISOString, Python's isoformat with
 * microseconds, Java's +0100 offsets). A date-time without an offset is read as UTC.
 */
export function parseSegmentDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i.test(value)) return null;
  const hasTime = value.length > 10;
  const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value.slice(10));
  const time = Date.parse(hasTime && !hasZone ? `${value.replace(" ", "T")}Z` : value.replace(" ", "T"));
  return Number.isNaN(time) ? null : new Date(time);
}

const blankToUndefined = (v: unknown) => (v === null || v === "" ? undefined : v);
const id = z.preprocess(
  blankToUndefined,
  z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(200, "must be at most 200 characters")).optional(),
);
const text = (max: number, message: string) => z.preprocess(blankToUndefined, z.string().max(max, message).optional());
const date = z.preprocess(
  blankToUndefined,
  z.string().refine((s) => parseSegmentDate(s) !== null, "must be an ISO-8601 date-time, e.g. 2026-11-26T10:00:00Z").optional(),
);
const object = z.record(z.string(), z.unknown()).nullish();

const messageSchema = z
  .object({
    type: z.enum(SEGMENT_TYPES, { message: `type must be one of ${SEGMENT_TYPES.join(", ")}` }),
    userId: id,
    anonymousId: id,
    previousId: id,
    groupId: id,
    messageId: id,
    event: z.preprocess(blankToUndefined, z.string().max(200, "event must be 1–200 characters").optional()),
    name: text(200, "name must be at most 200 characters"),
    category: text(200, "category must be at most 200 characters"),
    properties: object,
    traits: object,
    context: object,
    timestamp: date,
    sentAt: date,
  })
  .superRefine((m, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (m.type === "alias") {
      if (!m.userId) need("userId", "alias needs userId");
      if (!m.previousId) need("previousId", "alias needs previousId");
    } else if (!m.userId && !m.anonymousId) {
      need("userId", "Send userId, anonymousId or both");
    }
    if (m.type === "track" && !m.event) need("event", "track needs an event name (1–200 characters)");
    if (m.type === "group" && !m.groupId) need("groupId", "group needs groupId");
  });

const batchSchema = z.object({
  batch: z.array(z.unknown(), { message: "batch must be an array of messages" }).max(MAX_BATCH_MESSAGES, `At most ${MAX_BATCH_MESSAGES} messages per batch`),
  sentAt: date,
  context: object,
});

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Validates one call's body; throws 400 naming every bad message (nothing is stored). */
export function parseSegmentBody(call: SegmentCall, body: unknown, receivedAt: Date): SegmentMessage[] {
  let items: unknown[];
  let shared: { sentAt?: string; context?: Record<string, unknown> | null } = {};
  if (call === "batch") {
    const parsed = batchSchema.safeParse(body);
    if (!parsed.success) throw new ApiError("invalid_request", "The batch is invalid; nothing was stored", zodDetails(parsed.error));
    items = parsed.data.batch;
    shared = parsed.data;
  } else {
    // A single call's type is its path, whatever the body says.
    items = [{ ...asObject(body), type: call }];
  }

  const invalid: ErrorDetail[] = [];
  const oversize: ErrorDetail[] = [];
  const messages: SegmentMessage[] = [];
  items.forEach((item, index) => {
    const prefix = call === "batch" ? ["batch", index] : [];
    const at = (field: string) => [...prefix, field].join(".");
    const bytes = Buffer.byteLength(JSON.stringify(item) ?? "");
    if (bytes > MAX_MESSAGE_BYTES) {
      oversize.push({ path: prefix.join(".") || "(body)", message: `The message is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES}` });
      return;
    }
    const parsed = messageSchema.safeParse(item);
    if (!parsed.success) {
      invalid.push(...zodDetails(parsed.error, prefix));
      return;
    }
    const m = parsed.data;
    const timestamp = correctedTimestamp(m.timestamp, m.sentAt ?? shared.sentAt, receivedAt);
    if (timestamp.getTime() > receivedAt.getTime() + MAX_FUTURE_MS) {
      invalid.push({ path: at("timestamp"), message: "timestamp is more than 5 minutes in the future, even after correcting with sentAt" });
      return;
    }
    const context = shared.context || m.context ? { ...shared.context, ...m.context } : null;
    messages.push({
      type: m.type,
      userId: m.userId,
      anonymousId: m.anonymousId,
      previousId: m.previousId,
      groupId: m.groupId,
      messageId: m.messageId,
      event: m.event,
      name: m.name,
      category: m.category,
      properties: m.properties ?? {},
      traits: m.traits ?? {},
      context,
      timestamp,
    });
  });

  if (oversize.length) {
    throw new ApiError("payload_too_large", `A message exceeds ${MAX_MESSAGE_BYTES / 1024} KB; nothing was stored`, [...oversize, ...invalid]);
  }
  if (invalid.length) {
    const where = call === "batch" ? `${new Set(invalid.map((d) => d.path.split(".")[1])).size} invalid message(s)` : "an invalid message";
    throw new ApiError("invalid_request", `The request has ${where}; nothing was stored`, invalid);
  }
  return messages;
}

/**
 * Segment's clock-skew correction: the device's clock may be off, but the gap between
 * when the event happened and when it was sent is not, so
 * timestamp = receivedAt − (sentAt − timestamp). Without sentAt the timestamp is taken
 * as given; without a timestamp, the time of receipt.
 */
export function correctedTimestamp(timestamp: string | undefined, sentAt: string | undefined, receivedAt: Date): Date {
  const happened = timestamp ? parseSegmentDate(timestamp) : null;
  if (!happened) return receivedAt;
  const sent = sentAt ? parseSegmentDate(sentAt) : null;
  if (!sent) return happened;
  return new Date(receivedAt.getTime() - (sent.getTime() - happened.getTime()));
}
