// Keeps dynamic segments' SegmentMember rows equal to their rule, so everything that
// reads members (sendToSegment, campaigns, counts) needs no idea of rules. A refresh is
// one statement: the users the rule matches now, minus the members who no longer match,
// plus the new ones, so readers never see a half-applied membership.
import { segmentRuleSchema, type SegmentRule } from "@/lib/engine/segment-rule";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { matchingUsersSql } from "./rule-sql";

type Db = PrismaClient | Prisma.TransactionClient;
type RefreshResult = { added: number; removed: number };

const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** Seconds a dynamic segment may go without a refresh before the tick recomputes it. */
export function refreshSeconds(): number {
  const raw = process.env.CUE_SEGMENT_REFRESH_SECONDS;
  const value = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? value : 60;
}

const BATCH = 20;

/** Recomputes one segment's members from its rule as of `now`. */
export async function refreshMembers(db: Db, segment: { id: string; appId: string }, rule: SegmentRule, now: Date): Promise<RefreshResult> {
  const [counts] = await db.$queryRaw<{ added: number; removed: number }[]>`
    WITH target AS MATERIALIZED (${matchingUsersSql(segment.appId, rule, now)}),
    inserted AS (
      INSERT INTO "SegmentMember" ("segmentId", "userId", "addedAt")
      SELECT ${segment.id}, t."userId", ${at(now)} FROM target t
      WHERE NOT EXISTS (SELECT 1 FROM "SegmentMember" m WHERE m."segmentId" = ${segment.id} AND m."userId" = t."userId")
      ON CONFLICT DO NOTHING
      RETURNING 1),
    deleted AS (
      DELETE FROM "SegmentMember" m
      WHERE m."segmentId" = ${segment.id} AND NOT EXISTS (SELECT 1 FROM target t WHERE t."userId" = m."userId")
      RETURNING 1)
    SELECT (SELECT count(*) FROM inserted)::int AS added, (SELECT count(*) FROM deleted)::int AS removed`;
  await db.segment.update({ where: { id: segment.id }, data: { refreshedAt: now } });
  return { added: Number(counts?.added ?? 0), removed: Number(counts?.removed ?? 0) };
}

/** How many users match a rule now, and a few of them, without storing anything. */
export async function previewRule(db: Db, appId: string, rule: SegmentRule, now: Date, sampleSize = 10) {
  const users = matchingUsersSql(appId, rule, now);
  const counted = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM (${users}) AS matched`;
  const sample = await db.$queryRaw<{ userId: string; name: string | null; email: string | null }[]>`
    SELECT u."userId", u.name, u.email FROM "User" u
    WHERE u."appId" = ${appId} AND u."userId" IN (SELECT matched."userId" FROM (${users}) AS matched)
    ORDER BY u."lastSeenAt" DESC, u."userId" LIMIT ${sampleSize}::int`;
  return { count: Number(counted[0]?.count ?? 0), sample };
}

async function claimStale(prisma: PrismaClient, now: Date): Promise<{ id: string; appId: string; rule: unknown }[]> {
  const staleBefore = new Date(now.getTime() - refreshSeconds() * 1000);
  return prisma.$queryRaw<{ id: string; appId: string; rule: unknown }[]>`
    UPDATE "Segment" SET "refreshedAt" = ${at(now)}
    WHERE id IN (
      SELECT id FROM "Segment"
      WHERE kind = 'dynamic' AND ("refreshedAt" IS NULL OR "refreshedAt" <= ${at(staleBefore)})
      ORDER BY "refreshedAt" NULLS FIRST, id
      LIMIT ${BATCH}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "appId", rule`;
}

/**
 * The tick's share: recompute dynamic segments not refreshed for refreshSeconds(), for
 * at most budgetMs so deliveries are not held up (the rest wait for the next tick). Each
 * is claimed by stamping refreshedAt under FOR UPDATE SKIP LOCKED, so concurrent ticks
 * take different segments and a crashed one is simply retried a period later.
 */
export async function refreshStaleSegments(prisma: PrismaClient, now: Date, budgetMs = 5_000): Promise<{ refreshed: number; added: number; removed: number }> {
  const started = Date.now();
  const total = { refreshed: 0, added: 0, removed: 0 };
  for (;;) {
    const claimed = await claimStale(prisma, now);
    for (const segment of claimed) {
      // Stored JSON is untrusted: a rule that no longer parses is skipped, never fatal to the tick.
      const rule = segmentRuleSchema.safeParse(segment.rule);
      if (!rule.success) {
        console.error(`[cue] segment ${segment.id} has an unreadable rule; skipping it`, rule.error.issues);
        continue;
      }
      const result = await refreshMembers(prisma, segment, rule.data, now);
      total.refreshed++;
      total.added += result.added;
      total.removed += result.removed;
    }
    if (claimed.length < BATCH || Date.now() - started >= budgetMs) return total;
  }
}
