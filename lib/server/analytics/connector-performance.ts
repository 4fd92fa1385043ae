// How each connector does: users entered, messages sent, enrollments cancelled, and
// conversion to its goal (an entered user logs the goal event after entering and within
// the goal's window). Entering time is the trigger event's time, so events sent late
// (with past timestamps) are judged by when they happened. Erased users' part comes
// from ConnectorTally (lib/server/engine/connector-tally.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { sentCounts } from "../engine/connector-stats";
import { connectorTallies, goalName, hourKeySql } from "../engine/connector-tally";
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

type CountRow = { connectorId: string; hour: string | null; entered: number; cancelled: number; converted: number };

/**
 * Entered, cancelled and converted per connector, for enrollments created in `window`
 * (all of them without one); with `userIds`, only those people's enrollments, and with
 * `byHour` per UTC hour of creation (erasure counts a person's part with this).
 * Goals come in parsed, as parameters, never read as SQL JSON.
 */
export async function enrollmentCounts(
  prisma: PrismaClient | Prisma.TransactionClient,
  appId: string,
  connectors: { id: string; goal: ConnectorGoal | null }[],
  options: { window?: Window; userIds?: string[]; byHour?: boolean } = {},
): Promise<CountRow[]> {
  if (connectors.length === 0) return [];
  const { window, userIds, byHour } = options;
  const created = window ? Prisma.sql`AND e."createdAt" >= ${at(window.from)} AND e."createdAt" < ${at(window.to)}` : Prisma.empty;
  const people = userIds ? Prisma.sql`AND e."userId" = ANY(${userIds}::text[])` : Prisma.empty;
  const rows = await prisma.$queryRaw<(Omit<CountRow, "entered" | "cancelled" | "converted"> & { entered: bigint; cancelled: bigint; converted: bigint })[]>`
    WITH goals AS (
      SELECT * FROM unnest(${connectors.map((c) => c.id)}::text[], ${connectors.map((c) => c.goal?.event ?? null)}::text[],
                           ${connectors.map((c) => c.goal?.withinHours ?? null)}::int[]) AS g(id, event, hours)
    )
    SELECT g.id AS "connectorId", ${byHour ? hourKeySql(Prisma.sql`e."createdAt"`) : Prisma.sql`NULL::text`} AS hour,
           count(e.id) AS entered,
           count(e.id) FILTER (WHERE e.status = 'cancelled') AS cancelled,
           count(e.id) FILTER (WHERE g.event IS NOT NULL AND EXISTS (
             SELECT 1 FROM "Event" ev
             WHERE ev."appId" = ${appId} AND ev."userId" = e."userId" AND ev.name = g.event
               AND ev.timestamp > e."triggerTimestamp"
               AND ev.timestamp <= e."triggerTimestamp" + make_interval(hours => g.hours))) AS converted
    FROM goals g
    LEFT JOIN "Enrollment" e ON e."connectorId" = g.id AND e."appId" = ${appId} ${created} ${people}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ ...r, entered: Number(r.entered), cancelled: Number(r.cancelled), converted: Number(r.converted) }));
}

/** Totals per connector: the enrollments' counts plus erased users' tallies over the same hours. */
async function countsWithTallies(prisma: PrismaClient, appId: string, connectors: { id: string; goal: ConnectorGoal | null }[], window?: Window) {
  const [rows, tallies] = await Promise.all([
    enrollmentCounts(prisma, appId, connectors, { window }),
    connectorTallies(prisma, connectors.map((c) => c.id), window),
  ]);
  const byId = new Map(rows.map((r) => [r.connectorId, r]));
  return new Map(
    connectors.map((c) => {
      const row = byId.get(c.id);
      const tally = (name: string) => tallies.get(c.id)?.get(name) ?? 0;
      return [
        c.id,
        {
          entered: (row?.entered ?? 0) + tally("entered"),
          cancelled: (row?.cancelled ?? 0) + tally("cancelled"),
          converted: (row?.converted ?? 0) + (c.goal ? tally(goalName(c.goal)) : 0),
          // Messages are counted apart (sentCounts); this is only erased users' part.
          sentTallied: tally("sent"),
        },
      ];
    }),
  );
}

/** The goal conversion of one connector over all its enrollments (null without a goal). */
export async function connectorConversion(prisma: PrismaClient, appId: string, connectorId: string, goal: ConnectorGoal | null): Promise<Conversion | null> {
  if (!goal) return null;
  const { entered, converted } = (await countsWithTallies(prisma, appId, [{ id: connectorId, goal }])).get(connectorId)!;
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
    countsWithTallies(prisma, appId, parsed, window),
    sentCounts(prisma, appId, parsed.map((c) => c.id), { window }),
    Promise.all(parsed.map((c) => (c.goal ? splitStats(prisma, appId, c) : Promise.resolve<Record<string, SplitStats>>({})))),
  ]);
  const sentBy = new Map(sent.map((r) => [r.connectorId, r.sent]));
  return parsed
    .map((c, index) => {
      const row = counts.get(c.id)!;
      const entered = row.entered;
      const converted = c.goal ? row.converted : null;
      return {
        id: c.id,
        name: c.name,
        status: c.status as ConnectorStatus,
        entered,
        sent: (sentBy.get(c.id) ?? 0) + row.sentTallied,
        cancelled: row.cancelled,
        goal: c.goal,
        converted,
        conversionRate: converted === null ? null : rate(converted, entered),
        experiments: Object.values(experiments[index]!).map((split) => split.summary),
      };
    })
    .sort((a, b) => b.entered - a.entered || b.sent - a.sent || a.name.localeCompare(b.name));
}
