// Maps database rows onto the engine's plain records (and back, for the trigger event
// an enrollment keeps). Stored JSON is untrusted: it is parsed, not cast.
import { z } from "zod";
import { ruleSchema, type Rule } from "@/lib/engine/rule";
import type { EventRecord, UserRecord } from "@/lib/engine/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Sql } from "../sql";

export type EventRow = { eventId: string; userId: string; name: string; data: unknown; timestamp: Date };
export type UserRow = { userId: string; email: string | null; phone: string | null; name: string | null; attributes: unknown };

export const objectOrEmpty = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function eventRecord(row: EventRow): EventRecord {
  return { id: row.eventId, event: row.name, userId: row.userId, data: objectOrEmpty(row.data), timestamp: row.timestamp };
}

export function userRecord(row: UserRow): UserRecord {
  return { id: row.userId, email: row.email, phone: row.phone, name: row.name, attributes: objectOrEmpty(row.attributes) };
}

const storedEventSchema = z.object({
  id: z.string(),
  event: z.string(),
  userId: z.string(),
  data: z.record(z.string(), z.unknown()),
  timestamp: z.iso.datetime({ offset: true }),
});

export function storeEvent(event: EventRecord): Prisma.InputJsonValue {
  return { ...event, timestamp: event.timestamp.toISOString() } as Prisma.InputJsonValue;
}

/** The column value of Enrollment.triggerEvent, for a parameter cast to jsonb. */
export const storedEventJson = (event: EventRecord): string => JSON.stringify(storeEvent(event));

export function storedEvent(json: unknown): EventRecord {
  const parsed = storedEventSchema.parse(json);
  return { ...parsed, timestamp: new Date(parsed.timestamp) };
}

// Published versions never change, so each rule is parsed once per process. A stored
// rule that does not parse (written by an older, laxer compiler) is skipped and logged,
// never allowed to stop the scheduler for every application.
const rules = new Map<string, Rule | null>();

export function versionRule(versionId: string, json: unknown): Rule | null {
  if (rules.has(versionId)) return rules.get(versionId)!;
  const parsed = ruleSchema.safeParse(json);
  if (!parsed.success) console.error(`[cue] connector version ${versionId} has an unreadable rule; skipping it`, parsed.error.issues);
  if (rules.size > 5000) rules.clear();
  rules.set(versionId, parsed.success ? parsed.data : null);
  return parsed.success ? parsed.data : null;
}

/** The rules of these versions: only those not parsed yet are read from the database. */
export async function versionRules(tx: Sql, versionIds: string[]): Promise<Map<string, Rule | null>> {
  const missing = [...new Set(versionIds)].filter((id) => !rules.has(id));
  if (missing.length > 0) {
    const rows = await tx.query<{ id: string; rule: unknown }>(`SELECT id, rule FROM "ConnectorVersion" WHERE id = ANY($1::text[])`, [missing]);
    for (const row of rows) versionRule(row.id, row.rule);
  }
  return new Map(versionIds.map((id) => [id, rules.get(id) ?? null]));
}
