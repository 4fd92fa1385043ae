// One scheduler pass: match events nobody matched yet, enter inactive users, run every
// enrollment that is due (oldest due first), then deliver due messages. Due work is
// leased in batches with FOR UPDATE SKIP LOCKED, so any number of processes can tick
// the same database.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SqlDatabase } from "../sql";
import { forgetStaleSignInsNowAndThen } from "../auth/housekeeping";
import { deliverDue } from "../channels/outbox";
import { refreshStaleSegments } from "../segments/refresh";
import { runDueCampaigns } from "../campaigns/fan-out";
import { releaseHeld } from "../delivery/release";
import { enrollInactiveUsers } from "./inactivity";
import { matchPendingEvents } from "./match-events";
import { runEnrollments, type RunTotals } from "./run-enrollments";

export type TickResult = {
  events: number; // events matched against triggers
  enrolled: number;
  cancelled: number;
  steps: number; // enrollments moved forward
  completed: number;
  stepErrors: number;
  queued: number; // messages recorded for delivery
  skipped: number; // messages recorded as skipped (no address, unsubscribed, dropped by the delivery policy)
  held: number; // messages kept back by the delivery policy (quiet hours, a deferring cap)
  released: number; // held messages that came due and were queued
  sent: number; // deliveries that succeeded
  failed: number; // deliveries given up
  retrying: number;
  deferred: number; // postponed by the send rate limit
};

// Long enough for a batch to finish; if the process dies, another takes over after it.
const leaseMs = () => Number(process.env.CUE_STEP_LEASE_MS) || 60_000;
const BATCH = 100;

// Each status is read in the order of the (status, dueAt) index, so a backlog of 100,000
// due rows costs a short index scan per batch, not a sort of all of them. Three shapes
// make the planner sort every due row, every batch (140 ms at 100,000; BENCHMARKS.md):
// `status IN (…)`, a join with the live connectors, and excluding the connectors that
// must not run through a sub-select (its unknown result made the planner expect one due
// row, so it chose a sequential scan and a sort: 11 ms per batch at 20,000 due, against
// 2.9 ms). So those connectors (paused, draft, deleted: usually none) come in as a
// parameter, read once per tick; one paused meanwhile is skipped by runEnrollments.
async function leaseDue(sql: SqlDatabase, now: Date, idle: string[]): Promise<string[]> {
  const dueWith = (status: string) => `
      SELECT id, "dueAt" FROM "Enrollment"
      WHERE status = '${status}' AND "dueAt" <= $1::timestamp(3)
        AND ("leasedUntil" IS NULL OR "leasedUntil" < $1::timestamp(3))
        ${idle.length > 0 ? `AND "connectorId" <> ALL($3::text[])` : ""}
      ORDER BY "dueAt" LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED`;
  const leased = await sql.query<{ id: string; dueAt: Date | null }>(
    `WITH entered AS (${dueWith("entered")}), active AS (${dueWith("active")}),
       due AS (SELECT id, "dueAt" FROM entered UNION ALL SELECT id, "dueAt" FROM active ORDER BY "dueAt" LIMIT ${BATCH})
     UPDATE "Enrollment" SET "leasedUntil" = $2::timestamp(3)
     WHERE id IN (SELECT id FROM due)
     RETURNING id, "dueAt"`,
    [now.toISOString(), new Date(now.getTime() + leaseMs()).toISOString(), ...(idle.length > 0 ? [idle] : [])],
  );
  return leased.sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0)).map((r) => r.id);
}

/** Connectors whose walks must not run now: paused, draft or deleted. */
async function idleConnectors(sql: SqlDatabase): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(`SELECT id FROM "Connector" WHERE status <> 'active' OR "deletedAt" IS NOT NULL`);
  return rows.map((r) => r.id);
}

/** Runs due walks, oldest due first, a leased batch at a time, while `within()` allows. */
export async function runDueWalks(sql: SqlDatabase, clock: () => Date, within: () => boolean): Promise<RunTotals> {
  const totals: RunTotals = { ran: 0, waiting: 0, completed: 0, cancelled: 0, failed: 0, queued: 0, held: 0, skipped: 0 };
  const idle = await idleConnectors(sql);
  while (within()) {
    const now = clock();
    const ids = await leaseDue(sql, now, idle);
    if (ids.length === 0) break;
    const run = await runEnrollments(sql, ids, now);
    for (const key of Object.keys(totals) as (keyof RunTotals)[]) totals[key] += run[key];
  }
  return totals;
}

export async function runTick(
  { prisma, sql }: { prisma: PrismaClient; sql: SqlDatabase },
  clock: () => Date = () => new Date(),
  options: { inactivity?: boolean; budgetMs?: number } = {},
): Promise<TickResult> {
  const started = Date.now();
  const budget = options.budgetMs ?? 25_000;
  const within = () => Date.now() - started < budget;
  const result: TickResult = { events: 0, enrolled: 0, cancelled: 0, steps: 0, completed: 0, stepErrors: 0, queued: 0, skipped: 0, held: 0, released: 0, sent: 0, failed: 0, retrying: 0, deferred: 0 };

  for (;;) {
    const match = await matchPendingEvents(sql, clock());
    result.events += match.events;
    result.enrolled += match.enrolled;
    result.cancelled += match.cancelled;
    result.queued += match.queued;
    result.skipped += match.skipped;
    result.held += match.held;
    result.stepErrors += match.failed;
    if (match.events < 500 || !within()) break;
  }
  // Dynamic segments see the events just matched before any step sends to a segment.
  await refreshStaleSegments(prisma, clock());
  if (options.inactivity !== false) result.enrolled += (await enrollInactiveUsers(sql, clock())).length;

  const run = await runDueWalks(sql, clock, within);
  result.steps += run.ran;
  result.queued += run.queued;
  result.skipped += run.skipped;
  result.completed += run.completed;
  result.cancelled += run.cancelled;
  result.stepErrors += run.failed;

  // Campaigns fan out for a share of the budget, so delivery always gets its turn.
  const campaigns = await runDueCampaigns(prisma, clock(), { budgetMs: Math.min(5_000, Math.max(0, budget - (Date.now() - started)) / 2) });
  result.queued += campaigns.queued;
  result.skipped += campaigns.skipped;
  result.held += run.held + campaigns.held;

  // Held messages due by now are decided again; those released go out with the deliveries below.
  const released = await releaseHeld(sql, clock(), within);
  result.released += released.released;
  result.held += released.held;
  result.skipped += released.skipped;

  while (within()) {
    const delivered = await deliverDue({ prisma, sql }, clock(), { clock });
    result.sent += delivered.sent;
    result.failed += delivered.failed;
    result.retrying += delivered.retrying;
    result.deferred += delivered.deferred;
    // Nothing went out (all done, or only rate-limited ones left): the next tick goes on.
    if (delivered.attempted === 0) break;
  }
  // Wall time, not the engine's clock: sessions and sign-in locks live in real time.
  await forgetStaleSignInsNowAndThen(prisma, new Date());
  return result;
}
