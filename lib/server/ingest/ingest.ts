// Stores a validated batch and matches it in the same transaction: users first seen are
// created, events inserted in one statement (duplicates — same id for this app — skipped),
// then the new events are matched against the connectors (lib/server/engine/match-events),
// so an event is stored and matched together or not at all, and is never written twice
// to say so. Concurrent requests share the transaction (group-commit.ts).
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUnavailable } from "../api/errors";
import { addTally, emptyTally, matchEvents, type MatchTally } from "../engine/match-events";
import type { Sql, SqlDatabase } from "../sql";
import type { ValidEvent } from "./event-input";
import { commitTogether, type CommitEvents } from "./group-commit";

export type StoredEvent = { seq: bigint; eventId: string; userId: string; name: string; data: Record<string, unknown>; timestamp: Date };
export type IngestResult = { accepted: number; duplicates: number; stored: StoredEvent[] };

// PGlite runs one transaction at a time: wait for the matcher's rather than fail.
export const INGEST_TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

type Statement = { text: string; params: unknown[] };

/**
 * The two statements of an ingest. matchedAt is set when the caller matches the events
 * in the same transaction; null leaves them to the sweep (matchPendingEvents).
 */
export function insertStatements(appId: string, events: ValidEvent[], matchedAt: Date | null): Statement[] {
  // Latest timestamp per user, sorted so concurrent batches lock user rows in one order.
  // The upsert locks each user's row even when lastSeenAt does not move, so two batches
  // of one user are matched one after the other, each seeing what the other did.
  const lastSeen = new Map<string, Date>();
  for (const e of events) {
    const seen = lastSeen.get(e.userId);
    if (!seen || seen < e.timestamp) lastSeen.set(e.userId, e.timestamp);
  }
  const userIds = [...lastSeen.keys()].sort();
  const column = <T>(pick: (e: ValidEvent) => T) => events.map(pick);
  return [
    {
      text: `INSERT INTO "User" ("appId", "userId", "lastSeenAt")
             SELECT $1, u, t::timestamp(3) FROM unnest($2::text[], $3::text[]) AS x(u, t)
             ON CONFLICT ("appId", "userId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
             WHERE "User"."lastSeenAt" < EXCLUDED."lastSeenAt"`,
      params: [appId, userIds, userIds.map((id) => lastSeen.get(id)!.toISOString())],
    },
    {
      text: `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, context, timestamp, "receivedAt", "matchedAt")
             SELECT $1, e, u, n, d::jsonb, c::jsonb, t::timestamp(3), $8::timestamp(3), $9::timestamp(3)
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(e, u, n, d, c, t)
             ON CONFLICT ("appId", "eventId") DO NOTHING
             RETURNING seq, "eventId", "userId", name, data, timestamp`,
      params: [
        appId, column((e) => e.eventId ?? randomUUID()), column((e) => e.userId), column((e) => e.name), column((e) => JSON.stringify(e.data)),
        column((e) => (e.context ? JSON.stringify(e.context) : null)), column((e) => e.timestamp.toISOString()), new Date().toISOString(), matchedAt?.toISOString() ?? null,
      ],
    },
  ];
}

function result(events: ValidEvent[], stored: StoredEvent[]): IngestResult {
  return { accepted: stored.length, duplicates: events.length - stored.length, stored };
}

/** Stores (and matches, when `now` is given) one app's events inside the caller's transaction. */
export async function storeEvents(tx: Sql, appId: string, events: ValidEvent[], now: Date | null): Promise<IngestResult & { matched: MatchTally }> {
  if (events.length === 0) return { ...result(events, []), matched: emptyTally() };
  const [users, insert] = insertStatements(appId, events, now);
  await tx.execute(users!.text, users!.params);
  const stored = await tx.query<StoredEvent>(insert!.text, insert!.params);
  const matched = now ? await matchEvents(tx, appId, stored.map((s) => ({ id: s.eventId, event: s.name, userId: s.userId, data: s.data, timestamp: s.timestamp })), now) : emptyTally();
  return { ...result(events, stored), matched };
}

/** The same insert for a caller inside a Prisma transaction (Segment's); those events are matched by the sweep. */
export async function insertEvents(tx: Prisma.TransactionClient, appId: string, events: ValidEvent[]): Promise<IngestResult> {
  if (events.length === 0) return result(events, []);
  const [users, insert] = insertStatements(appId, events, null);
  await tx.$executeRawUnsafe(users!.text, ...users!.params);
  return result(events, await tx.$queryRawUnsafe<StoredEvent[]>(insert!.text, ...insert!.params));
}

// Apps in id order, users sorted within each: concurrent transactions lock user rows in one order.
function commitByApp(match: boolean): CommitEvents {
  return (db, byApp) =>
    db.transaction(async (tx) => {
      const stored = new Map<string, IngestResult["stored"]>();
      const matched = emptyTally();
      const now = match ? new Date() : null;
      for (const appId of [...byApp.keys()].sort()) {
        const r = await storeEvents(tx, appId, byApp.get(appId)!, now);
        stored.set(appId, r.stored);
        addTally(matched, r.matched);
      }
      return { stored, matched };
    });
}

// Matching must never cost an event: if it fails for a reason other than the database
// being away, the events are stored unmatched and the sweep matches them later.
const storeAndMatch: CommitEvents = async (db, byApp) => {
  try {
    return await commitByApp(true)(db, byApp);
  } catch (error) {
    if (isUnavailable(error)) throw error;
    console.error("[cue] matching at ingest failed; storing the events for the sweep", error);
    return commitByApp(false)(db, byApp);
  }
};

/** Stores and matches a request's events; `match: false` stores them for the sweep (history that must not enter connectors is settled instead). */
export async function ingestEvents(db: SqlDatabase, appId: string, events: ValidEvent[], options: { match?: boolean } = {}): Promise<IngestResult & { matched: MatchTally }> {
  if (events.length === 0) return { ...result(events, []), matched: emptyTally() };
  if (options.match === false) return db.transaction((tx) => storeEvents(tx, appId, events, null));
  return commitTogether(db, appId, events, storeAndMatch);
}
