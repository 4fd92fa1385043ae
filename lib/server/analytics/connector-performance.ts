// How each connector does: users entered, messages sent, enrollments cancelled, and
// conversion to its goal (an entered user logs the goal event after entering and within
// the goal's window). Entering time is the trigger event's time, so events sent late
// (with past timestamps) are judged by when they happened.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ConnectorStatus } from "../engine/connectors";
import { parseGoal, type ConnectorGoal } from "./connector-goal";
import { splitStats, type SplitStats } from "./split-stats";

export type Conversion = { goal: ConnectorGoal; entered: number; converted: number; rate: number | null };

export type ConnectorPerformance = {
  id: string;
  name: string;
  status: ConnectorStatus;
  entered: number;
  sent: number;
  cancelled: number;
  goal: ConnectorGoal | null;
  converted: number | null;
  conversionRate: number | null;
  /** Each split's verdict in words, for connectors with a goal (over all their enrollments). */
  experiments: string[];
};

type Window = { from: Date; to: Date };

const at = (t: Date) => Prisma.sql`${t.toISOString()}::timestamp(3)`;
const rate = (converted: number, entered: number) => (entered > 0 ? converted / entered : null);

type CountRow = { connectorId: string; entered: bigint; cancelled: bigint; converted: bigint };

/**
 * Entered, cancelled and converted per connector, for enrollments created in `window`
 * (all of them without one). Goals come in parsed, as parameters, never read as SQL JSON.
 */
async function enrollmentCounts(
  prisma: PrismaClient,
  appId: string,
  connectors: { id: string; goal: ConnectorGoal | null }[],
  window?: Window,
): Promise<Map<string, CountRow>> {
  if (connectors.length === 0) return new Map();
  const created = window ? Prisma.sql`AND e."createdAt" >= ${at(window.from)} AND e."createdAt" < ${at(window.to)}` : Prisma.empty;
  const rows = await prisma.$queryRaw<CountRow[]>`
    WITH goals AS (
      SELECT * FROM unnest(${connectors.map((c) => c.id)}::text[], ${connectors.map((c) => c.goal?.event ?? null)}::text[],
                           ${connectors.map((c) => c.goal?.withinHours ?? null)}::int[]) AS g(id, event, hours)
    )
    SELECT g.id AS "connectorId",
           count(e.id) AS entered,
           count(e.id) FILTER (WHERE e.status = 'cancelled') AS cancelled,
           count(e.id) FILTER (WHERE g.event IS NOT NULL AND EXISTS (
             SELECT 1 FROM "Event" ev
             WHERE ev."appId" = ${appId} AND ev."userId" = e."userId" AND ev.name = g.event
               AND ev.timestamp > e."triggerTimestamp"
               AND ev.timestamp <= e."triggerTimestamp" + make_interval(hours => g.hours))) AS converted
    FROM goals g
    LEFT JOIN "Enrollment" e ON e."connectorId" = g.id AND e."appId" = ${appId} ${created}
    GROUP BY g.id`;
  return new Map(rows.map((r) => [r.connectorId, r]));
}

/** The goal conversion of one connector over all its enrollments (null without a goal). */
export async function connectorConversion(prisma: PrismaClient, appId: string, connectorId: string, goal: ConnectorGoal | null): Promise<Conversion | null> {
  if (!goal) return null;
  const row = (await enrollmentCounts(prisma, appId, [{ id: connectorId, goal }])).get(connectorId);
  const entered = Number(row?.entered ?? 0);
  const converted = Number(row?.converted ?? 0);
  return { goal, entered, converted, rate: rate(converted, entered) };
}

/** Every connector of the app (not deleted), with what entered and was sent in the window. */
export async function connectorPerformance(prisma: PrismaClient, appId: string, window: Window): Promise<ConnectorPerformance[]> {
  const connectors = await prisma.connector.findMany({
    where: { appId, deletedAt: null },
    select: { id: true, name: true, status: true, goal: true, version: true },
    orderBy: { createdAt: "asc" },
  });
  const parsed = connectors.map((c) => ({ ...c, goal: parseGoal(c.goal) }));
  const [counts, sent, experiments] = await Promise.all([
    enrollmentCounts(prisma, appId, parsed, window),
    prisma.message.groupBy({
      by: ["connectorId"],
      where: { appId, connectorId: { in: parsed.map((c) => c.id) }, status: "sent", createdAt: { gte: window.from, lt: window.to } },
      _count: true,
    }),
    Promise.all(parsed.map((c) => (c.goal ? splitStats(prisma, appId, c) : Promise.resolve<Record<string, SplitStats>>({})))),
  ]);
  const sentBy = new Map(sent.map((r) => [r.connectorId, r._count]));
  return parsed
    .map((c, index) => {
      const row = counts.get(c.id);
      const entered = Number(row?.entered ?? 0);
      const converted = c.goal ? Number(row?.converted ?? 0) : null;
      return {
        id: c.id,
        name: c.name,
        status: c.status as ConnectorStatus,
        entered,
        sent: sentBy.get(c.id) ?? 0,
        cancelled: Number(row?.cancelled ?? 0),
        goal: c.goal,
        converted,
        conversionRate: converted === null ? null : rate(converted, entered),
        experiments: Object.values(experiments[index]!).map((split) => split.summary),
      };
    })
    .sort((a, b) => b.entered - a.entered || b.sent - a.sent || a.name.localeCompare(b.name));
}
