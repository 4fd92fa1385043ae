// Hourly event counts of an application: the EventCount rollup plus the events the
// matcher has not rolled up yet ("matchedAt" IS NULL, read through its index). The
// matcher moves an event from one to the other in a single transaction, so reading
// both in ONE statement (one snapshot) counts every stored event exactly once.
import { Prisma } from "@/lib/generated/prisma/client";

const at = (t: Date) => Prisma.sql`${t.toISOString()}::timestamp(3)`;

/**
 * A SQL fragment selecting (name, hour, count) rows for [from, to), hour-aligned bounds,
 * optionally limited to some names. Several rows may share a (name, hour): sum them.
 */
export function hourlyCountsSql(appId: string, from: Date, to: Date, names?: string[]): Prisma.Sql {
  const rolledNames = names ? Prisma.sql`AND name = ANY(${names}::text[])` : Prisma.empty;
  return Prisma.sql`
    SELECT name, hour, count::bigint AS count FROM "EventCount"
    WHERE "appId" = ${appId} AND hour >= ${at(from)} AND hour < ${at(to)} ${rolledNames}
    UNION ALL
    SELECT name, date_trunc('hour', timestamp) AS hour, count(*) AS count FROM "Event"
    WHERE "matchedAt" IS NULL AND "appId" = ${appId} AND timestamp >= ${at(from)} AND timestamp < ${at(to)} ${rolledNames}
    GROUP BY 1, 2`;
}
