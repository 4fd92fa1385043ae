// Stores a validated batch: users first seen are created, events inserted in one
// statement, duplicates (same id for this app) skipped, all in one transaction.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ValidEvent } from "./event-input";

export type StoredEvent = { seq: bigint; eventId: string; userId: string; name: string; timestamp: Date };
export type IngestResult = { accepted: number; duplicates: number; stored: StoredEvent[] };

export async function ingestEvents(prisma: PrismaClient, appId: string, events: ValidEvent[]): Promise<IngestResult> {
  const rows = events.map((e) => ({
    appId,
    eventId: e.eventId ?? randomUUID(),
    userId: e.userId,
    name: e.name,
    data: e.data as object,
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

  const stored = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "User" ("appId", "userId", "lastSeenAt")
      SELECT ${appId}, u, t::timestamp(3) FROM unnest(${userIds}::text[], ${seenAt}::text[]) AS x(u, t)
      ON CONFLICT ("appId", "userId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
      WHERE "User"."lastSeenAt" < EXCLUDED."lastSeenAt"`;
    return tx.event.createManyAndReturn({
      data: rows,
      skipDuplicates: true,
      select: { seq: true, eventId: true, userId: true, name: true, timestamp: true },
    });
    // PGlite runs one transaction at a time: wait for the matcher's rather than fail.
  }, { maxWait: 15_000, timeout: 30_000 });
  return { accepted: stored.length, duplicates: rows.length - stored.length, stored };
}
