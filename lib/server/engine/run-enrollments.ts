// Moves enrollments forward, a batch per transaction: locks the rows (SKIP LOCKED, so a
// concurrent tick passes them by), re-checks each is still due, loads what the engine
// needs in a few bulk queries, asks the engine what happens next, and stores the
// effects and every new state in that same transaction.
import { advance, type Advance } from "@/lib/engine/execute";
import type { Rule } from "@/lib/engine/rule";
import type { EventRecord } from "@/lib/engine/types";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { applyEffects, recordSends, type PendingSend } from "./effects";
import { eventRecord, storedEvent, userRecord, versionRules } from "./records";

type Tx = Prisma.TransactionClient;

export type RunTotals = { ran: number; waiting: number; completed: number; cancelled: number; failed: number; queued: number; skipped: number };

const zero = (): RunTotals => ({ ran: 0, waiting: 0, completed: 0, cancelled: 0, failed: 0, queued: 0, skipped: 0 });
const add = (a: RunTotals, b: RunTotals) => (Object.keys(a) as (keyof RunTotals)[]).forEach((k) => (a[k] += b[k]));

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/** Ending frees an ifNotActive slot ("active"), so the user may enter again. */
export function releasedEntryKey(id: string, entryKey: string): string {
  return entryKey === "active" ? id : entryKey;
}

function endState(id: string, entryKey: string) {
  return { entryKey: releasedEntryKey(id, entryKey), dueAt: null, leasedUntil: null };
}

// The user's events that may cancel, for every enrollment of the batch, in one query.
async function laterEventsFor(tx: Tx, batch: { appId: string; userId: string; rule: Rule; since: Date }[]) {
  const wanted = batch.filter((b) => b.rule.cancelEvents.length > 0);
  if (wanted.length === 0) return new Map<string, EventRecord[]>();
  const names = [...new Set(wanted.flatMap((b) => b.rule.cancelEvents))];
  const since = new Date(Math.min(...wanted.map((b) => b.since.getTime())));
  const byApp = new Map<string, Set<string>>();
  for (const b of wanted) byApp.set(b.appId, (byApp.get(b.appId) ?? new Set()).add(b.userId));
  const rows = await tx.event.findMany({
    where: { OR: [...byApp].map(([appId, users]) => ({ appId, userId: { in: [...users] } })), name: { in: names }, timestamp: { gte: since } },
    orderBy: { timestamp: "asc" },
  });
  const grouped = new Map<string, EventRecord[]>();
  for (const row of rows) {
    const key = `${row.appId}\u0000${row.userId}`;
    grouped.set(key, [...(grouped.get(key) ?? []), eventRecord(row)]);
  }
  return grouped;
}

async function runBatch(tx: Tx, ids: string[], now: Date): Promise<RunTotals> {
  const totals = zero();
  // Only the ids in the query, and the still-due check after it: with a status or due
  // condition beside them the planner may pick the (status, dueAt) index when its
  // statistics are stale (a backlog that just fell due) and read every due row to lock 100.
  const rows = await tx.$queryRaw<{ id: string; status: string; dueAt: Date | null }[]>`
    SELECT id, status, "dueAt" FROM "Enrollment" WHERE id = ANY(${ids}::text[]) FOR UPDATE SKIP LOCKED`;
  const locked = rows.filter((r) => r.status === "entered" || (r.status === "active" && r.dueAt !== null && r.dueAt <= now));
  if (locked.length === 0) return totals;

  const enrollments = await tx.enrollment.findMany({
    where: { id: { in: locked.map((r) => r.id) } },
    include: { connector: { select: { status: true, deletedAt: true } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  // A batch mostly shares a few versions: their rules come from the cache, not each row.
  const rules = await versionRules(tx, enrollments.map((e) => e.versionId));
  const live = enrollments.flatMap((e) => {
    const rule = rules.get(e.versionId);
    return rule ? [{ e, rule }] : [];
  });
  const appIds = [...new Set(enrollments.map((e) => e.appId))];
  const [apps, users, later] = await Promise.all([
    tx.app.findMany({ where: { id: { in: appIds } }, select: { id: true, name: true } }),
    tx.user.findMany({ where: { OR: appIds.map((appId) => ({ appId, userId: { in: enrollments.filter((e) => e.appId === appId).map((e) => e.userId) } })) } }),
    laterEventsFor(tx, live.map(({ e, rule }) => ({ appId: e.appId, userId: e.userId, rule, since: e.triggerTimestamp }))),
  ]);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const userByKey = new Map(users.map((u) => [`${u.appId}\u0000${u.userId}`, u]));

  const updates: StateUpdate[] = [];
  const sends: PendingSend[] = [];
  for (const { e, rule } of live) {
    // Nothing is ever sent from a paused or deleted connector; paused ones resume later.
    if (e.connector.deletedAt) {
      await tx.enrollment.update({ where: { id: e.id }, data: { status: "exited", endReason: "The connector was deleted", endedAt: now, ...endState(e.id, e.entryKey) } });
      continue;
    }
    if (e.connector.status !== "active") continue;
    const key = `${e.appId}\u0000${e.userId}`;
    const user = userRecord(userByKey.get(key) ?? { userId: e.userId, email: null, phone: null, name: null, attributes: {} });
    const app = appById.get(e.appId)!;
    const trigger = storedEvent(e.triggerEvent);
    let step: Advance;
    try {
      step = advance({ nodeId: e.nodeId, dueAt: e.status === "active" ? e.dueAt : null }, { now, rule, trigger, user, app, laterEvents: later.get(key) ?? [] });
    } catch (error) {
      // Only a template that hits a render limit gets here; stop this walk, keep the rest going.
      const reason = error instanceof Error ? error.message : String(error);
      await tx.enrollment.update({ where: { id: e.id }, data: { status: "failed", endReason: reason.slice(0, 500), endedAt: now, ...endState(e.id, e.entryKey) } });
      totals.failed++;
      continue;
    }
    const dueAt = e.dueAt && e.dueAt < now ? e.dueAt : now;
    const tally = await applyEffects({ tx, now, dueAt, app, user, trigger, enrollment: { id: e.id, connectorId: e.connectorId }, sends }, step.effects);
    totals.queued += tally.queued;
    totals.skipped += tally.skipped;
    totals.ran++;
    const { outcome } = step;
    const ended = outcome.status !== "waiting";
    updates.push({
      id: e.id,
      status: outcome.status === "waiting" ? "active" : outcome.status,
      nodeId: outcome.status === "completed" ? null : outcome.nodeId,
      dueAt: outcome.status === "waiting" ? outcome.dueAt.toISOString() : null,
      entryKey: ended ? releasedEntryKey(e.id, e.entryKey) : e.entryKey,
      endReason: outcome.status === "cancelled" ? `Cancelled by event ${outcome.byEventId}` : null,
      endedAt: ended ? now.toISOString() : null,
      trace: JSON.stringify(step.trace),
    });
    totals[outcome.status === "waiting" ? "waiting" : outcome.status]++;
  }
  const recorded = await recordSends(tx, sends);
  totals.queued += recorded.queued;
  totals.skipped += recorded.skipped;
  await storeStates(tx, updates, now);
  return totals;
}

type StateUpdate = { id: string; status: string; nodeId: string | null; dueAt: string | null; entryKey: string; endReason: string | null; endedAt: string | null; trace: string };

// Every new state of the batch in one statement; traces are appended, not rewritten.
async function storeStates(tx: Tx, updates: StateUpdate[], now: Date) {
  if (updates.length === 0) return;
  const col = <K extends keyof StateUpdate>(k: K) => updates.map((u) => u[k]);
  await tx.$executeRaw`
    UPDATE "Enrollment" AS e SET
      status = v.status, "nodeId" = v.node, "dueAt" = v.due::timestamp(3), "leasedUntil" = NULL,
      "entryKey" = v.entry, "endReason" = v.reason, "endedAt" = v.ended::timestamp(3),
      trace = e.trace || v.trace::jsonb, "updatedAt" = ${now.toISOString()}::timestamp(3)
    FROM unnest(${col("id")}::text[], ${col("status")}::text[], ${col("nodeId")}::text[], ${col("dueAt")}::text[],
                ${col("entryKey")}::text[], ${col("endReason")}::text[], ${col("endedAt")}::text[], ${col("trace")}::text[])
      AS v(id, status, node, due, entry, reason, ended, trace)
    WHERE e.id = v.id`;
}

/** Runs the given enrollments that are (still) due; a failing batch is retried one by one. */
export async function runEnrollments(prisma: PrismaClient, ids: string[], now: Date): Promise<RunTotals> {
  if (ids.length === 0) return zero();
  try {
    return await prisma.$transaction((tx) => runBatch(tx, ids, now), TX_OPTIONS);
  } catch (error) {
    if (ids.length === 1) throw error;
    // One bad row must not hold the others back.
    const totals = zero();
    for (const id of ids) {
      try {
        add(totals, await prisma.$transaction((tx) => runBatch(tx, [id], now), TX_OPTIONS));
      } catch (single) {
        console.error(`[cue] enrollment ${id} could not run; retrying next tick`, single);
      }
    }
    return totals;
  }
}
