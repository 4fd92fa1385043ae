// Daily active users: distinct users with app.open per UTC day, from the ActiveDay rollup
// plus app.open events not rolled up yet, in one statement (one snapshot, as for counts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fillBuckets, type ChartRange, type Point } from "./chart-range";

export const ACTIVITY_EVENT = "app.open";

/** Per day of a day-interval range, and the distinct users over the whole range. */
export async function dailyActiveUsers(prisma: PrismaClient, appId: string, range: ChartRange): Promise<{ points: Point[]; total: number }> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  // GROUPING SETS: one row per day, plus one (day NULL) with the range's distinct users.
  const rows = await prisma.$queryRaw<{ day: Date | null; users: bigint }[]>`
    WITH active AS (
      SELECT day, "userId" FROM "ActiveDay"
      WHERE "appId" = ${appId} AND day >= ${from}::timestamp(3)::date AND day < ${to}::timestamp(3)::date
      UNION
      SELECT timestamp::date, "userId" FROM "Event"
      WHERE "matchedAt" IS NULL AND "appId" = ${appId} AND name = ${ACTIVITY_EVENT}
        AND timestamp >= ${from}::timestamp(3) AND timestamp < ${to}::timestamp(3)
    )
    SELECT day::timestamp(3) AS day, count(DISTINCT "userId") AS users FROM active GROUP BY GROUPING SETS ((day), ())`;
  const byDay = new Map(rows.filter((r) => r.day).map((r) => [r.day!.getTime(), Number(r.users)]));
  return { points: fillBuckets({ ...range, interval: "day" }, byDay), total: Number(rows.find((r) => !r.day)?.users ?? 0) };
}
