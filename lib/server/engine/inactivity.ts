// Inactivity triggers: users whose last `event` (app.open) is more than `days` old enter,
// once per period of inactivity. A period is named by its last event's time (kept as
// the trigger's data.lastAt and in the entry key), so a new app.open starts a new
// period and concurrent ticks cannot enrol a user twice for the same silence.
import { inactivityCutoff } from "@/lib/engine/triggers";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "../ids";
import { storeEvent, versionRule } from "./records";

const BATCH = 1000;

export async function enrollInactiveUsers(prisma: PrismaClient, now: Date): Promise<string[]> {
  const connectors = await prisma.connector.findMany({
    where: { status: "active", deletedAt: null, version: { not: null } },
    select: { id: true, appId: true, version: true, versions: { select: { id: true, version: true, rule: true } } },
  });
  const enrolled: string[] = [];
  for (const connector of connectors) {
    const current = connector.versions.find((v) => v.version === connector.version);
    if (!current) continue;
    const rule = versionRule(current.id, current.rule);
    if (!rule) continue;
    const trigger = rule.trigger;
    if (trigger.kind !== "inactivity") continue;
    const cutoff = inactivityCutoff(trigger, now).toISOString();
    const silent = await prisma.$queryRaw<{ userId: string; last: Date }[]>`
      SELECT x."userId", x.last FROM (
        SELECT "userId", max(timestamp) AS last FROM "Event"
        WHERE "appId" = ${connector.appId} AND name = ${trigger.event}
        GROUP BY "userId"
      ) x
      WHERE x.last < ${cutoff}::timestamp(3)
        AND NOT EXISTS (
          SELECT 1 FROM "Enrollment" en
          WHERE en."connectorId" = ${connector.id} AND en."userId" = x."userId"
            AND (en."triggerEvent"->'data'->>'lastAt')::timestamp(3) >= x.last)
      LIMIT ${BATCH}`;
    if (silent.length === 0) continue;
    const rows = silent.map(({ userId, last }) => {
      const id = newId("enr");
      const days = Math.floor((now.getTime() - last.getTime()) / 86_400_000);
      const event = {
        id: `inactive:${connector.id}:${userId}:${last.toISOString()}`,
        event: trigger.event,
        userId,
        data: { lastAt: last.toISOString(), days },
        timestamp: now,
      };
      return {
        id,
        appId: connector.appId,
        connectorId: connector.id,
        versionId: current.id,
        userId,
        entryKey: `inactive:${last.toISOString()}`,
        status: "entered",
        nodeId: rule.entry,
        dueAt: now,
        triggerEvent: storeEvent(event),
        triggerTimestamp: now,
        trace: [{ nodeId: trigger.nodeId, at: now.toISOString(), what: "passed", detail: `no ${trigger.event} for ${days} days` }],
        createdAt: now,
        updatedAt: now,
      };
    });
    const created = await prisma.enrollment.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
    enrolled.push(...created.map((r) => r.id));
  }
  return enrolled;
}
