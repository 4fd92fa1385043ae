// Stores a validated batch: users first seen are created, events inserted in one
// statement, duplicates (same id for this app) skipped, all in one transaction.
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ValidEvent } from "./event-input";

export type StoredEvent = { seq: bigint; eventId: string; userId: string; name: string; timestamp: Date };
export type IngestResult = { accepted: number; duplicates: number; stored: StoredEvent[] };

// PGlite runs one transaction at a time: wait for the matcher's rather than fail.
export const INGEST_TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

export function ingestEvents(prisma: PrismaClient, appId: string, events: ValidEvent[]): Promise<IngestResult> {
  return prisma.$transaction((tx) => insertEvents(tx, appId, events), INGEST_TX_OPTIONS);
}

/** The two statements of an ingest, inside a transaction the caller owns. */
export async function insertEvents(tx: Prisma.TransactionClient, appId: string, events: ValidEvent[]): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, stored: [] };
  const rows = events.map((e) => ({
    appId,
    eventId: e.eventId ?? randomUUID(),
    userId: e.userId,
    name: e.name,
    data: e.data as object,
    context: e.context ? (e.context as object) : Prisma.DbNull,
    timestamp: e.timestamp,
  }));

  // Latest timestamp per user, sorted so concurrent batches lock user rows in one order.
  const lastSeen = new Map<string, Date>();
  for (const e of events) {
    const seen = lastSeen.get(e.userId);
    if (!seen || seen < e.timestamp) lastSeen.set(e.userId, e.timestamp);
  }
  const userIds = [...lastSeen.keys()].sort();
  const seenAt = userIds.map((id) => lastSeen.get(id)!.toISOString());

  await tx.$executeRaw`
    INSERT INTO "User" ("appId", "userId", "lastSeenAt")
    SELECT ${appId}, u, t::timestamp(3) FROM unnest(${userIds}::text[], ${seenAt}::text[]) AS x(u, t)
    ON CONFLICT ("appId", "userId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
    WHERE "User"."lastSeenAt" < EXCLUDED."lastSeenAt"`;
  const stored = await tx.event.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { seq: true, eventId: true, userId: true, name: true, timestamp: true },
  });
  return { accepted: stored.length, duplicates: rows.length - stored.length, stored };
}
