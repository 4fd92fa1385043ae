// ConnectorTally: the part of the connector stats that erased users took with them
// (DELETE /api/v1/users/{id}, lib/server/erase-user.ts). Erasure adds each erased
// person's contribution here, computed by the stats' own queries filtered to that
// person, and every stats read adds these rows to what the remaining enrollments and
// messages say, so the numbers do not move when someone is erased.
//
// Names (ConnectorTally.name):
//   nodeId "" (the whole connector), one row per UTC hour in which the enrollment or the
//   message was created, so the overview's ranges (whole hours or days) stay exact:
//     "2026-12-04T10 entered"     enrollments                 (list totals, conversion, overview)
//     "2026-12-04T10 cancelled"   enrollments ended cancelled (overview)
//     "2026-12-04T10 sent"        messages sent               (list totals, overview)
//     "2026-12-04T10 converted 168h PURCHASE"  enrollments that reached the goal "PURCHASE
//                                 within 168 hours". Kept per goal: after the goal changes,
//                                 people who are gone cannot be judged by the new one.
//   nodeId = a node of the connector, all time (as nodeStats):
//     "entered", "passed", "cancelled"      walks that reached, got past, were cancelled at it
//     "sent", "skipped", "failed"           its messages by final status
//     "branch yes", "branch a"              walks that left by that output (yes, no, a split's key)
//     "branch a converted 168h PURCHASE"    of those through a split, the ones that reached the goal
// Waiting walks and queued or held messages are not carried: the person no longer waits.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ConnectorGoal } from "../analytics/connector-goal";

type Db = PrismaClient | Prisma.TransactionClient;

export type TallyRow = { connectorId: string; nodeId: string; name: string; count: number };

/** "2026-12-04T10": the UTC hour a whole-connector tally belongs to (SQL: hourKeySql). */
export const HOUR_KEY_LENGTH = 13;
export const hourKey = (t: Date) => t.toISOString().slice(0, HOUR_KEY_LENGTH);
const HOUR_MS = 3_600_000;
// A tally is in a window when its hour starts in it: exact for the whole-hour ranges the overview uses.
const firstHourFrom = (t: Date) => hourKey(new Date(Math.ceil(t.getTime() / HOUR_MS) * HOUR_MS));
/** The same key computed by the database from a timestamp(3) column (stored as UTC). */
export const hourKeySql = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24')`;

export const goalName = (goal: Pick<ConnectorGoal, "event" | "withinHours">) => `converted ${goal.withinHours}h ${goal.event}`;
export const branchName = (handle: string) => `branch ${handle}`;
export const branchGoalName = (key: string, goal: Pick<ConnectorGoal, "event" | "withinHours">) => `${branchName(key)} ${goalName(goal)}`;

/** Adds the rows to the tallies (count = count + n), in key order so concurrent erasures lock rows in one order. */
export async function addTallies(tx: Prisma.TransactionClient, appId: string, rows: TallyRow[]): Promise<void> {
  const merged = new Map<string, TallyRow>();
  for (const row of rows) {
    if (row.count <= 0) continue;
    const key = JSON.stringify([row.connectorId, row.nodeId, row.name]);
    const seen = merged.get(key);
    if (seen) seen.count += row.count;
    else merged.set(key, { ...row });
  }
  const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  if (sorted.length === 0) return;
  const col = <K extends keyof TallyRow>(k: K) => sorted.map((r) => r[k]);
  await tx.$executeRaw`
    INSERT INTO "ConnectorTally" ("appId", "connectorId", "nodeId", name, count)
    SELECT ${appId}, c, n, m, k FROM unnest(${col("connectorId")}::text[], ${col("nodeId")}::text[], ${col("name")}::text[], ${col("count")}::int[]) AS t(c, n, m, k)
    ON CONFLICT ("connectorId", "nodeId", name) DO UPDATE SET count = "ConnectorTally".count + EXCLUDED.count`;
}

/** A connector's per-node tallies. */
export async function nodeTallies(prisma: Db, connectorId: string): Promise<TallyRow[]> {
  return prisma.connectorTally.findMany({ where: { connectorId, nodeId: { not: "" } }, select: { connectorId: true, nodeId: true, name: true, count: true } });
}

/**
 * Whole-connector tallies of each connector, summed by what they count ("entered",
 * "converted 168h PURCHASE", …), over the hours in [from, to) when a window is given.
 */
export async function connectorTallies(prisma: Db, ids: string[], window?: { from: Date; to: Date }): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  if (ids.length === 0) return result;
  // Hour keys have one fixed format, so comparing them as bytes ("C") compares the hours.
  const hour = Prisma.sql`left(name, ${HOUR_KEY_LENGTH}) COLLATE "C"`;
  const inWindow = window ? Prisma.sql`AND ${hour} >= ${firstHourFrom(window.from)} AND ${hour} < ${firstHourFrom(window.to)}` : Prisma.empty;
  const rows = await prisma.$queryRaw<{ connectorId: string; what: string; count: bigint }[]>`
    SELECT "connectorId", substr(name, ${HOUR_KEY_LENGTH + 2}) AS what, sum(count) AS count
    FROM "ConnectorTally"
    WHERE "connectorId" = ANY(${ids}::text[]) AND "nodeId" = '' ${inWindow}
    GROUP BY 1, 2`;
  for (const row of rows) {
    const byName = result.get(row.connectorId) ?? new Map<string, number>();
    byName.set(row.what, Number(row.count));
    result.set(row.connectorId, byName);
  }
  return result;
}
