// GET /api/v1/analytics/events: counts per bucket for chosen event names, or for the
// most frequent names of the range, zero-filled, from one statement over the rollup.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MAX_SERIES, fillBuckets, type ChartRange, type Point } from "./chart-range";
import { hourlyCountsSql } from "./event-counts";

export type EventSeries = { event: string; points: Point[] };

type Row = { name: string; t: Date; count: bigint };

/** `names` empty: the MAX_SERIES most frequent names in the range, most frequent first. */
export async function eventSeries(prisma: PrismaClient, appId: string, range: ChartRange, names: string[]): Promise<{ series: EventSeries[] }> {
  const counts = hourlyCountsSql(appId, range.from, range.to, names.length ? names : undefined);
  const rows = await prisma.$queryRaw<Row[]>`
    WITH counts AS (${counts}),
    buckets AS (
      SELECT name, date_trunc(${range.interval}::text, hour) AS t, sum(count)::bigint AS count FROM counts GROUP BY 1, 2
    ),
    chosen AS (
      SELECT name FROM buckets GROUP BY name ORDER BY sum(count) DESC, name LIMIT ${MAX_SERIES}
    )
    SELECT b.name, b.t, b.count FROM buckets b JOIN chosen USING (name)`;

  const byName = new Map<string, { total: number; counts: Map<number, number> }>();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? { total: 0, counts: new Map<number, number>() };
    entry.total += Number(row.count);
    entry.counts.set(row.t.getTime(), Number(row.count));
    byName.set(row.name, entry);
  }
  // Named events keep the order asked for (and appear even when never seen).
  const order = names.length
    ? names
    : [...byName].sort(([a, x], [b, y]) => y.total - x.total || (a < b ? -1 : 1)).map(([name]) => name);
  return {
    series: order.map((event) => ({ event, points: fillBuckets(range, byName.get(event)?.counts ?? new Map()) })),
  };
}
