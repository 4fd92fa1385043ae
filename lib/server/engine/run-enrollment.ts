// Moves one enrollment forward: locks its row (SKIP LOCKED, so a concurrent tick simply
// passes it by), re-checks it is still due, asks the engine what happens next, and
// stores the effects and the new state in the same transaction.
import { advance, type Advance, type TraceEntry } from "@/lib/engine/execute";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { applyEffects, type EffectTally } from "./effects";
import { eventRecord, storedEvent, userRecord, versionRule } from "./records";

export type RunResult = "skipped" | "waiting" | "completed" | "cancelled" | "failed";
export type RunTally = EffectTally & { result: RunResult };

const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

function endState(id: string, entryKey: string) {
  // Ending frees an ifNotActive slot: the user may enter again.
  return { entryKey: entryKey === "active" ? id : entryKey, dueAt: null, leasedUntil: null };
}

export async function runEnrollment(prisma: PrismaClient, enrollmentId: string, now: Date): Promise<RunTally> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Enrollment"
      WHERE id = ${enrollmentId}
        AND (status = 'entered' OR (status = 'active' AND "dueAt" <= ${now.toISOString()}::timestamp(3)))
      FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return { result: "skipped", queued: 0, skipped: 0 };

    const enrollment = await tx.enrollment.findUniqueOrThrow({
      where: { id: enrollmentId },
      include: { version: { select: { rule: true } }, connector: { select: { status: true, deletedAt: true } } },
    });
    // Nothing is ever sent from a paused or deleted connector; paused ones resume later.
    if (enrollment.connector.deletedAt) {
      await tx.enrollment.update({
        where: { id: enrollmentId },
        data: { status: "exited", endReason: "The connector was deleted", endedAt: now, ...endState(enrollmentId, enrollment.entryKey) },
      });
      return { result: "skipped", queued: 0, skipped: 0 };
    }
    if (enrollment.connector.status !== "active") return { result: "skipped", queued: 0, skipped: 0 };

    const rule = versionRule(enrollment.versionId, enrollment.version.rule);
    const trigger = storedEvent(enrollment.triggerEvent);
    const [userRow, app, later] = await Promise.all([
      tx.user.findUnique({ where: { appId_userId: { appId: enrollment.appId, userId: enrollment.userId } } }),
      tx.app.findUniqueOrThrow({ where: { id: enrollment.appId }, select: { id: true, name: true } }),
      rule.cancelEvents.length
        ? tx.event.findMany({
            where: { appId: enrollment.appId, userId: enrollment.userId, name: { in: rule.cancelEvents }, timestamp: { gte: enrollment.triggerTimestamp } },
            orderBy: { timestamp: "asc" },
            take: 1000,
          })
        : Promise.resolve([]),
    ]);
    const user = userRecord(userRow ?? { userId: enrollment.userId, email: null, phone: null, name: null, attributes: {} });
    const position = { nodeId: enrollment.nodeId, dueAt: enrollment.status === "active" ? enrollment.dueAt : null };

    let step: Advance;
    try {
      step = advance(position, { now, rule, trigger, user, app, laterEvents: later.map(eventRecord) });
    } catch (error) {
      // Only a template that hits a render limit gets here; stop this walk, keep the rest going.
      const reason = error instanceof Error ? error.message : String(error);
      await tx.enrollment.update({
        where: { id: enrollmentId },
        data: { status: "failed", endReason: reason.slice(0, 500), endedAt: now, ...endState(enrollmentId, enrollment.entryKey) },
      });
      return { result: "failed", queued: 0, skipped: 0 };
    }

    const tally = await applyEffects(
      { tx, now, dueAt: enrollment.dueAt && enrollment.dueAt < now ? enrollment.dueAt : now, app, user, trigger, enrollment: { id: enrollment.id, connectorId: enrollment.connectorId } },
      step.effects,
    );
    const trace = [...(enrollment.trace as TraceEntry[]), ...step.trace] as Prisma.InputJsonValue;
    const { outcome } = step;
    const data: Prisma.EnrollmentUpdateInput =
      outcome.status === "waiting"
        ? { status: "active", nodeId: outcome.nodeId, dueAt: outcome.dueAt, leasedUntil: null, trace }
        : outcome.status === "completed"
          ? { status: "completed", nodeId: null, endedAt: now, trace, ...endState(enrollmentId, enrollment.entryKey) }
          : {
              status: "cancelled",
              nodeId: outcome.nodeId,
              endReason: `Cancelled by event ${outcome.byEventId}`,
              endedAt: now,
              trace,
              ...endState(enrollmentId, enrollment.entryKey),
            };
    await tx.enrollment.update({ where: { id: enrollmentId }, data: { ...data, updatedAt: now } });
    return { result: outcome.status === "waiting" ? "waiting" : outcome.status, ...tally };
  }, TX_OPTIONS);
}
