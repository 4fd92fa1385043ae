// Moves due enrollments forward (walks waiting in a delay whose time came, and any left
// "entered"), a batch per transaction: locks the rows (SKIP LOCKED, so a concurrent tick
// passes them by), re-checks each is still due, loads what the engine needs in a few bulk
// queries, asks the engine what happens next, and stores the effects and every new state
// in that same transaction. A walk that keeps failing is ended as failed after a few
// attempts, so it can never hold the tick back.
import { advance, type Advance } from "@/lib/engine/execute";
import { releasedEntryKey } from "@/lib/engine/match";
import type { Rule } from "@/lib/engine/rule";
import type { EventRecord } from "@/lib/engine/types";
import type { Sql, SqlDatabase } from "../sql";
import { applyEffects, recordSends, type PendingSend } from "./effects";
import { eventRecord, storedEvent, userRecord, versionRules, type UserRow } from "./records";

export type RunTotals = { ran: number; waiting: number; completed: number; cancelled: number; failed: number; queued: number; held: number; skipped: number };

const zero = (): RunTotals => ({ ran: 0, waiting: 0, completed: 0, cancelled: 0, failed: 0, queued: 0, held: 0, skipped: 0 });
const add = (a: RunTotals, b: RunTotals) => (Object.keys(a) as (keyof RunTotals)[]).forEach((k) => (a[k] += b[k]));

// A walk whose batch failed this many times alone is ended as failed, with the reason.
const MAX_ATTEMPTS = () => Number(process.env.CUE_STEP_MAX_ATTEMPTS) || 3;

type Row = {
  id: string; appId: string; connectorId: string; versionId: string; userId: string; entryKey: string; status: string; nodeId: string | null;
  dueAt: Date | null; triggerEvent: unknown; triggerTimestamp: Date; connectorStatus: string; deletedAt: Date | null; waitingSince: string | null;
};

// The user's events that may cancel, for every enrollment of the batch, in one query.
async function laterEventsFor(tx: Sql, batch: { appId: string; userId: string; rule: Rule; since: Date }[]) {
  const wanted = batch.filter((b) => b.rule.cancelEvents.length > 0);
  const grouped = new Map<string, EventRecord[]>();
  if (wanted.length === 0) return grouped;
  const names = [...new Set(wanted.flatMap((b) => b.rule.cancelEvents))];
  const since = new Date(Math.min(...wanted.map((b) => b.since.getTime())));
  const pairs = [...new Set(wanted.map((b) => `${b.appId}\u0000${b.userId}`))].map((k) => k.split("\u0000"));
  const rows = await tx.query<{ appId: string; eventId: string; userId: string; name: string; data: unknown; timestamp: Date }>(
    `SELECT e."appId", e."eventId", e."userId", e.name, e.data, e.timestamp
     FROM unnest($1::text[], $2::text[]) AS w(a, u) JOIN "Event" e ON e."appId" = w.a AND e."userId" = w.u
     WHERE e.name = ANY($3::text[]) AND e.timestamp >= $4::timestamp(3)
     ORDER BY e.timestamp`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1]), names, since.toISOString()],
  );
  for (const row of rows) {
    const key = `${row.appId}\u0000${row.userId}`;
    grouped.set(key, [...(grouped.get(key) ?? []), eventRecord(row)]);
  }
  return grouped;
}

type StateUpdate = { id: string; status: string; nodeId: string | null; dueAt: string | null; entryKey: string; endReason: string | null; endedAt: string | null; trace: string };

// Every new state of the batch in one statement; traces are appended, not rewritten.
async function storeStates(tx: Sql, updates: StateUpdate[], now: Date) {
  if (updates.length === 0) return;
  const col = <K extends keyof StateUpdate>(k: K) => updates.map((u) => u[k]);
  await tx.execute(
    `UPDATE "Enrollment" AS e SET
       status = v.status, "nodeId" = v.node, "dueAt" = v.due::timestamp(3), "leasedUntil" = NULL,
       "entryKey" = v.entry, "endReason" = v.reason, "endedAt" = v.ended::timestamp(3),
       trace = e.trace || v.trace::jsonb, "updatedAt" = $9::timestamp(3)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS v(id, status, node, due, entry, reason, ended, trace)
     WHERE e.id = v.id`,
    [col("id"), col("status"), col("nodeId"), col("dueAt"), col("entryKey"), col("endReason"), col("endedAt"), col("trace"), now.toISOString()],
  );
}

const ended = (id: string, entryKey: string, status: string, reason: string | null, now: Date, nodeId: string | null = null): StateUpdate => ({
  id, status, nodeId, dueAt: null, entryKey: releasedEntryKey(id, entryKey), endReason: reason, endedAt: now.toISOString(), trace: "[]",
});

async function runBatch(tx: Sql, ids: string[], now: Date): Promise<RunTotals> {
  const totals = zero();
  // Locked by id only, and the still-due check after it: with a status or due condition
  // beside them the planner may pick the (status, dueAt) index when its statistics are
  // stale (a backlog that just fell due) and read every due row to lock 100.
  const rows = await tx.query<Row>(
    `SELECT e.id, e."appId", e."connectorId", e."versionId", e."userId", e."entryKey", e.status, e."nodeId", e."dueAt", e."triggerEvent", e."triggerTimestamp",
            c.status AS "connectorStatus", c."deletedAt",
            -- When it reached the node it waits in: a woken wait's window counts from there.
            CASE WHEN e.trace -> -1 ->> 'nodeId' = e."nodeId" AND e.trace -> -1 ->> 'what' = 'waited' THEN e.trace -> -1 ->> 'at' END AS "waitingSince"
     FROM "Enrollment" e JOIN "Connector" c ON c.id = e."connectorId"
     WHERE e.id = ANY($1::text[]) FOR UPDATE OF e SKIP LOCKED`,
    [ids],
  );
  const due = rows
    .filter((r) => r.status === "entered" || (r.status === "active" && r.dueAt !== null && r.dueAt <= now))
    .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1));
  if (due.length === 0) return totals;

  // A batch mostly shares a few versions: their rules come from the cache, not each row.
  const rules = await versionRules(tx, due.map((e) => e.versionId));
  const updates: StateUpdate[] = [];
  const live: { e: Row; rule: Rule }[] = [];
  for (const e of due) {
    const rule = rules.get(e.versionId);
    // Nothing is ever sent from a paused or deleted connector; paused ones resume later.
    if (e.deletedAt) updates.push(ended(e.id, e.entryKey, "exited", "The connector was deleted", now, e.nodeId));
    else if (!rule) updates.push(ended(e.id, e.entryKey, "failed", "The connector version's rule cannot be read", now, e.nodeId));
    else if (e.connectorStatus === "active") live.push({ e, rule });
  }
  const appIds = [...new Set(live.map(({ e }) => e.appId))];
  const pairs = [...new Set(live.map(({ e }) => `${e.appId}\u0000${e.userId}`))].map((k) => k.split("\u0000"));
  const apps = await tx.query<{ id: string; name: string }>(`SELECT id, name FROM "App" WHERE id = ANY($1::text[])`, [appIds]);
  const users = await tx.query<UserRow & { appId: string }>(
    `SELECT u."appId", u."userId", u.email, u.phone, u.name, u.attributes
     FROM unnest($1::text[], $2::text[]) AS w(a, id) JOIN "User" u ON u."appId" = w.a AND u."userId" = w.id`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  const later = await laterEventsFor(tx, live.map(({ e, rule }) => ({ appId: e.appId, userId: e.userId, rule, since: e.triggerTimestamp })));
  const appById = new Map(apps.map((a) => [a.id, a]));
  const userByKey = new Map(users.map((u) => [`${u.appId}\u0000${u.userId}`, u]));

  const sends: PendingSend[] = [];
  for (const { e, rule } of live) {
    const key = `${e.appId}\u0000${e.userId}`;
    const user = userRecord(userByKey.get(key) ?? { userId: e.userId, email: null, phone: null, name: null, attributes: {} });
    const app = appById.get(e.appId)!;
    const trigger = storedEvent(e.triggerEvent);
    let step: Advance;
    try {
      const since = e.waitingSince ? new Date(e.waitingSince) : null;
      const position = { nodeId: e.nodeId, dueAt: e.status === "active" ? e.dueAt : null, since: since && !Number.isNaN(since.getTime()) ? since : null };
      step = advance(position, { now, connectorId: e.connectorId, rule, trigger, user, app, laterEvents: later.get(key) ?? [] });
    } catch (error) {
      // Only a template that hits a render limit gets here; stop this walk, keep the rest going.
      updates.push(ended(e.id, e.entryKey, "failed", (error instanceof Error ? error.message : String(error)).slice(0, 500), now, e.nodeId));
      totals.failed++;
      continue;
    }
    const dueAt = e.dueAt && e.dueAt < now ? e.dueAt : now;
    const tally = await applyEffects({ tx, now, dueAt, app, user, trigger, enrollment: { id: e.id, connectorId: e.connectorId }, sends }, step.effects);
    totals.queued += tally.queued;
    totals.skipped += tally.skipped;
    totals.ran++;
    const { outcome } = step;
    const done = outcome.status !== "waiting";
    updates.push({
      id: e.id,
      status: outcome.status === "waiting" ? "active" : outcome.status,
      nodeId: outcome.status === "completed" ? null : outcome.nodeId,
      dueAt: outcome.status === "waiting" ? outcome.dueAt.toISOString() : null,
      entryKey: done ? releasedEntryKey(e.id, e.entryKey) : e.entryKey,
      endReason: outcome.status === "cancelled" ? `Cancelled by event ${outcome.byEventId}` : null,
      endedAt: done ? now.toISOString() : null,
      trace: JSON.stringify(step.trace),
    });
    totals[outcome.status === "waiting" ? "waiting" : outcome.status]++;
  }
  const recorded = await recordSends(tx, sends, now);
  totals.queued += recorded.queued;
  totals.held += recorded.held;
  totals.skipped += recorded.skipped;
  await storeStates(tx, updates, now);
  return totals;
}

// Failed runs per walk, counted in this process: a walk that fails deterministically
// fails in every process alike, so each gives up after the same few attempts.
const failures = new Map<string, number>();

// Past the limit the walk ends as failed with the reason, and the tick goes on without it.
async function noteFailure(db: SqlDatabase, id: string, error: unknown, now: Date): Promise<boolean> {
  const attempts = (failures.get(id) ?? 0) + 1;
  if (failures.size > 10_000) failures.clear();
  failures.set(id, attempts);
  if (attempts < MAX_ATTEMPTS()) {
    // Released, so the next tick tries again rather than waiting out the lease.
    await db.execute(`UPDATE "Enrollment" SET "leasedUntil" = NULL WHERE id = $1`, [id]);
    return false;
  }
  failures.delete(id);
  const reason = `Could not run after ${attempts} attempts: ${(error instanceof Error ? error.message : String(error)).slice(0, 400)}`;
  const count = await db.execute(
    `UPDATE "Enrollment" SET status = 'failed', "endReason" = $2, "endedAt" = $3::timestamp(3), "dueAt" = NULL, "leasedUntil" = NULL,
       "entryKey" = CASE WHEN "entryKey" = 'active' THEN id ELSE "entryKey" END, "updatedAt" = $3::timestamp(3)
     WHERE id = $1 AND status IN ('entered', 'active')`,
    [id, reason, now.toISOString()],
  );
  return count === 1;
}

/** Runs the given enrollments that are (still) due; a failing batch is retried one by one. */
export async function runEnrollments(db: SqlDatabase, ids: string[], now: Date): Promise<RunTotals> {
  if (ids.length === 0) return zero();
  try {
    return await db.transaction((tx) => runBatch(tx, ids, now));
  } catch (error) {
    // One bad row must not hold the others back, nor the tick: each goes alone, and one
    // that keeps failing is counted, then ended as failed.
    const totals = zero();
    for (const id of ids) {
      try {
        add(totals, await db.transaction((tx) => runBatch(tx, [id], now)));
      } catch (single) {
        console.error(`[cue] enrollment ${id} could not run`, single);
        if (await noteFailure(db, id, single, now).catch(() => false)) totals.failed++;
      }
    }
    return totals;
  }
}
