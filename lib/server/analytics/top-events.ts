// The most frequent event names of a range, each with its count in the equally long
// period just before, from the hourly rollup (plus pending events) in one statement.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { previousRange, type ChartRange } from "./chart-range";
import { hourlyCountsSql } from "./event-counts";

export type TopEvent = { event: string; count: number; previous: number; change: number | null };

/** change: (count - previous) / previous; null when the previous period had none. */
export function changeRatio(count: number, previous: number): number | null {
  return previous === 0 ? null : (count - previous) / previous;
}

export async function topEvents(prisma: PrismaClient, appId: string, range: ChartRange, limit = 10): Promise<{ total: number; previousTotal: number; events: TopEvent[] }> {
  const before = previousRange(range);
  const rows = await prisma.$queryRaw<{ name: string | null; current: bigint; previous: bigint }[]>`
    WITH counts AS (${hourlyCountsSql(appId, before.from, range.to)}),
    per_name AS (
      SELECT name,
             coalesce(sum(count) FILTER (WHERE hour >= ${range.from.toISOString()}::timestamp(3)), 0)::bigint AS current,
             coalesce(sum(count) FILTER (WHERE hour < ${range.from.toISOString()}::timestamp(3)), 0)::bigint AS previous
      FROM counts GROUP BY name
    )
    (SELECT name, current, previous FROM per_name WHERE current > 0 ORDER BY current DESC, name LIMIT ${limit})
    UNION ALL
    SELECT NULL, coalesce(sum(current), 0)::bigint, coalesce(sum(previous), 0)::bigint FROM per_name`;
  // The row without a name carries the totals of all names.
  const totals = rows.find((r) => r.name === null);
  const events = rows
    .filter((r): r is typeof r & { name: string } => r.name !== null)
    .map((r) => ({ event: r.name, count: Number(r.current), previous: Number(r.previous), change: changeRatio(Number(r.current), Number(r.previous)) }))
    .sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1));
  return { total: Number(totals?.current ?? 0), previousTotal: Number(totals?.previous ?? 0), events };
}
