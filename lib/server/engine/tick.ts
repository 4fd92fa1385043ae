// One scheduler pass: match events nobody matched yet, enter inactive users, run every
// enrollment that is due (oldest due first), then deliver due messages. Due work is
// leased in batches with FOR UPDATE SKIP LOCKED, so any number of processes can tick
// the same database.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDue } from "../channels/outbox";
import { enrollInactiveUsers } from "./inactivity";
import { matchPendingEvents } from "./match-events";
import { runEnrollments } from "./run-enrollments";

export type TickResult = {
  events: number; // events matched against triggers
  enrolled: number;
  cancelled: number;
  steps: number; // enrollments moved forward
  completed: number;
  stepErrors: number;
  queued: number; // messages recorded for delivery
  skipped: number; // messages recorded as skipped (no address)
  sent: number; // deliveries that succeeded
  failed: number; // deliveries given up
  retrying: number;
  deferred: number; // postponed by the send rate limit
};

// Long enough for a batch to finish; if the process dies, another takes over after it.
const leaseMs = () => Number(process.env.CUE_STEP_LEASE_MS) || 60_000;
const BATCH = 100;

async function leaseDue(prisma: PrismaClient, now: Date): Promise<string[]> {
  const at = now.toISOString();
  const leased = await prisma.$queryRaw<{ id: string; dueAt: Date | null }[]>`
    UPDATE "Enrollment" SET "leasedUntil" = ${new Date(now.getTime() + leaseMs()).toISOString()}::timestamp(3)
    WHERE id IN (
      SELECT id FROM "Enrollment"
      WHERE status IN ('entered', 'active') AND "dueAt" <= ${at}::timestamp(3)
        AND ("leasedUntil" IS NULL OR "leasedUntil" < ${at}::timestamp(3))
        AND "connectorId" IN (SELECT id FROM "Connector" WHERE status = 'active' AND "deletedAt" IS NULL)
      ORDER BY "dueAt", id
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "dueAt"`;
  return leased.sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0)).map((r) => r.id);
}

export async function runTick(
  prisma: PrismaClient,
  clock: () => Date = () => new Date(),
  options: { inactivity?: boolean; budgetMs?: number } = {},
): Promise<TickResult> {
  const started = Date.now();
  const budget = options.budgetMs ?? 25_000;
  const within = () => Date.now() - started < budget;
  const result: TickResult = { events: 0, enrolled: 0, cancelled: 0, steps: 0, completed: 0, stepErrors: 0, queued: 0, skipped: 0, sent: 0, failed: 0, retrying: 0, deferred: 0 };

  for (;;) {
    const match = await matchPendingEvents(prisma, clock());
    result.events += match.claimed;
    result.enrolled += match.enrolled.length;
    result.cancelled += match.cancelled;
    if (match.claimed < 500 || !within()) break;
  }
  if (options.inactivity !== false) result.enrolled += (await enrollInactiveUsers(prisma, clock())).length;

  while (within()) {
    const now = clock();
    const ids = await leaseDue(prisma, now);
    if (ids.length === 0) break;
    const run = await runEnrollments(prisma, ids, now);
    result.steps += run.ran;
    result.queued += run.queued;
    result.skipped += run.skipped;
    result.completed += run.completed;
    result.cancelled += run.cancelled;
    result.stepErrors += run.failed;
  }

  while (within()) {
    const delivered = await deliverDue(prisma, clock());
    result.sent += delivered.sent;
    result.failed += delivered.failed;
    result.retrying += delivered.retrying;
    result.deferred += delivered.deferred;
    // Nothing went out (all done, or only rate-limited ones left): the next tick goes on.
    if (delivered.attempted === 0) break;
  }
  return result;
}
