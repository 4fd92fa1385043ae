// Events loaded as history (the demo data) must not enter connectors, so they are marked
// matched without matching. They still belong in the analytics rollups: one statement
// marks them and counts them, exactly as the matcher would have.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ACTIVITY_EVENT } from "./active-users";

/** Marks this app's pending events whose id starts with `eventIdPrefix` matched, rolled up. */
export async function settleHistoricEvents(prisma: PrismaClient, appId: string, eventIdPrefix: string, now: Date): Promise<number> {
  const pattern = `${eventIdPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [row] = await prisma.$queryRaw<{ settled: bigint }[]>(Prisma.sql`
    WITH settled AS (
      UPDATE "Event" SET "matchedAt" = ${now.toISOString()}::timestamp(3)
      WHERE seq IN (
        SELECT seq FROM "Event" WHERE "matchedAt" IS NULL AND "appId" = ${appId} AND "eventId" LIKE ${pattern}
        FOR UPDATE SKIP LOCKED)
      RETURNING "appId", "userId", name, timestamp
    ),
    counted AS (
      INSERT INTO "EventCount" ("appId", hour, name, count)
      SELECT "appId", date_trunc('hour', timestamp), name, count(*)::int FROM settled GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3
      ON CONFLICT ("appId", hour, name) DO UPDATE SET count = "EventCount".count + EXCLUDED.count
    ),
    active AS (
      INSERT INTO "ActiveDay" ("appId", day, "userId")
      SELECT DISTINCT "appId", timestamp::date, "userId" FROM settled WHERE name = ${ACTIVITY_EVENT}
      ON CONFLICT DO NOTHING
    )
    SELECT count(*) AS settled FROM settled`);
  return Number(row?.settled ?? 0);
}
