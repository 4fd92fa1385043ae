// Stores a validated batch: users first seen are created, events inserted in one
// statement, duplicates (same id for this app) skipped, all in one transaction, which
// concurrent requests share (group-commit.ts).
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ValidEvent } from "./event-input";
import { commitTogether, type CommitEvents } from "./group-commit";

export type StoredEvent = { seq: bigint; eventId: string; userId: string; name: string; timestamp: Date };
export type IngestResult = { accepted: number; duplicates: number; stored: StoredEvent[] };

// PGlite runs one transaction at a time: wait for the matcher's rather than fail.
export const INGEST_TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

// Apps in id order, users sorted within each: concurrent transactions lock user rows in one order.
const commitByApp: CommitEvents = (prisma, byApp) =>
  prisma.$transaction(async (tx) => {
    const stored = new Map<string, StoredEvent[]>();
    for (const appId of [...byApp.keys()].sort()) stored.set(appId, (await insertEvents(tx, appId, byApp.get(appId)!)).stored);
    return stored;
  }, INGEST_TX_OPTIONS);

export function ingestEvents(prisma: PrismaClient, appId: string, events: ValidEvent[]): Promise<IngestResult> {
  if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0, stored: [] });
  return commitTogether(prisma, appId, events, commitByApp);
}

/** The two statements of an ingest, inside a transaction the caller owns. */
export async function insertEvents(tx: Prisma.TransactionClient, appId: string, events: ValidEvent[]): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, stored: [] };
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
  // Raw rather than createManyAndReturn: building the query costs Prisma more CPU than
  // PostgreSQL spends on the insert (BENCHMARKS.md). Duplicates are skipped the same way.
  const column = <T>(pick: (e: ValidEvent) => T) => events.map(pick);
  const stored = await tx.$queryRaw<StoredEvent[]>`
    INSERT INTO "Event" ("appId", "eventId", "userId", name, data, context, timestamp, "receivedAt")
    SELECT ${appId}, e, u, n, d::jsonb, c::jsonb, t::timestamp(3), ${new Date().toISOString()}::timestamp(3)
    FROM unnest(${column((e) => e.eventId ?? randomUUID())}::text[], ${column((e) => e.userId)}::text[], ${column((e) => e.name)}::text[],
                ${column((e) => JSON.stringify(e.data))}::text[], ${column((e) => (e.context ? JSON.stringify(e.context) : null))}::text[],
                ${column((e) => e.timestamp.toISOString())}::text[]) AS x(e, u, n, d, c, t)
    ON CONFLICT ("appId", "eventId") DO NOTHING
    RETURNING seq, "eventId", "userId", name, timestamp`;
  return { accepted: stored.length, duplicates: events.length - stored.length, stored };
}
