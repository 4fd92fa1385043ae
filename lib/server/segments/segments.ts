// Segments and their members. Connectors add and remove members of manual segments by
// name; the API manages segments by id. A dynamic segment's members come from its rule
// only (refresh.ts), so member edits on one are refused with 409.
import { z } from "zod";
import { describeRule, segmentRuleSchema, type SegmentRule } from "@/lib/engine/segment-rule";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "../api/errors";
import { newId } from "../ids";
import { INGEST_TX_OPTIONS } from "../ingest/ingest";
import { previewRule, refreshMembers } from "./refresh";

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

const segmentName = z
  .string({ error: "A segment needs a name" })
  .trim()
  .min(1, { error: "A segment needs a name" })
  .max(200, { error: "Names are at most 200 characters" });

export const segmentCreateSchema = z
  .object({
    name: segmentName,
    kind: z.enum(["manual", "dynamic"], { error: 'kind is "manual" or "dynamic"' }).default("manual"),
    rule: segmentRuleSchema.optional(),
  })
  .superRefine((segment, ctx) => {
    if (segment.kind === "dynamic" && !segment.rule) ctx.addIssue({ code: "custom", path: ["rule"], message: "A dynamic segment needs a rule" });
    if (segment.kind === "manual" && segment.rule) {
      ctx.addIssue({ code: "custom", path: ["rule"], message: 'Only dynamic segments have a rule; use "kind": "dynamic"' });
    }
  });

export const segmentUpdateSchema = z
  .object({ name: segmentName.optional(), rule: segmentRuleSchema.optional() })
  .refine((update) => update.name !== undefined || update.rule !== undefined, { error: "Send a name, a rule, or both" });

export const segmentPreviewSchema = z.object({ rule: segmentRuleSchema });

export const memberIdsSchema = z.object({ userIds: z.array(z.string().min(1).max(200)).min(1).max(10_000) });

export const memberPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().max(200).optional(),
});

type SegmentRow = { id: string; name: string; kind: string; rule: unknown; createdAt: Date; refreshedAt: Date | null };

// Stored JSON is untrusted: a rule that does not parse is shown as null, not passed on.
function storedRule(row: { rule: unknown }): SegmentRule | null {
  const parsed = segmentRuleSchema.safeParse(row.rule);
  return parsed.success ? parsed.data : null;
}

function segmentView(row: SegmentRow, members: number) {
  const rule = row.kind === "dynamic" ? storedRule(row) : null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as "manual" | "dynamic",
    rule,
    description: rule ? describeRule(rule) : null,
    members,
    createdAt: row.createdAt.toISOString(),
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
  };
}

export async function listSegments(prisma: PrismaClient, appId: string) {
  const rows = await prisma.segment.findMany({ where: { appId }, orderBy: { name: "asc" }, include: { _count: { select: { members: true } } } });
  return rows.map((s) => segmentView(s, s._count.members));
}

export async function segmentOf(prisma: PrismaClient | Prisma.TransactionClient, appId: string, id: string) {
  const segment = await prisma.segment.findFirst({ where: { id, appId } });
  if (!segment) throw notFound("Segment");
  return segment;
}

async function assertNameFree(tx: Prisma.TransactionClient, appId: string, name: string, except?: string) {
  const exists = await tx.segment.findUnique({ where: { appId_name: { appId, name } }, select: { id: true } });
  if (exists && exists.id !== except) throw new ApiError("conflict", `A segment named "${name}" already exists`);
}

// Two requests can pass assertNameFree at once; the unique (appId, name) index decides,
// and the loser gets the same 409 rather than a 500.
async function nameConflictAs409<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ApiError("conflict", `A segment named "${name}" already exists`);
    }
    throw error;
  }
}

const countMembers = (db: PrismaClient | Prisma.TransactionClient, id: string) => db.segmentMember.count({ where: { segmentId: id } });

/** Creates a segment; a dynamic one gets its members in the same transaction. */
export async function createSegment(prisma: PrismaClient, appId: string, input: z.infer<typeof segmentCreateSchema>, now: Date) {
  return nameConflictAs409(input.name, () => prisma.$transaction(async (tx) => {
    await assertNameFree(tx, appId, input.name);
    const rule = input.kind === "dynamic" ? (input.rule as Prisma.InputJsonValue) : Prisma.DbNull;
    const s = await tx.segment.create({ data: { id: newId("seg"), appId, name: input.name, kind: input.kind, rule } });
    if (input.kind === "dynamic") await refreshMembers(tx, s, input.rule!, now);
    return segmentView({ ...s, refreshedAt: input.kind === "dynamic" ? now : null }, await countMembers(tx, s.id));
  }, TX_OPTIONS));
}

export async function getSegment(prisma: PrismaClient, appId: string, id: string) {
  const s = await segmentOf(prisma, appId, id);
  return segmentView(s, await countMembers(prisma, id));
}

/** Renames, and for a dynamic segment replaces the rule and recomputes the members at once. */
export async function updateSegment(prisma: PrismaClient, appId: string, id: string, input: z.infer<typeof segmentUpdateSchema>, now: Date) {
  return nameConflictAs409(input.name ?? "", () => prisma.$transaction(async (tx) => {
    const s = await segmentOf(tx, appId, id);
    if (input.rule && s.kind !== "dynamic") {
      throw new ApiError("invalid_request", "Only dynamic segments have a rule", [{ path: "rule", message: "This is a manual segment" }]);
    }
    if (input.name !== undefined) await assertNameFree(tx, appId, input.name, id);
    const updated = await tx.segment.update({
      where: { id },
      data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.rule ? { rule: input.rule as Prisma.InputJsonValue } : {}) },
    });
    if (input.rule) await refreshMembers(tx, updated, input.rule, now);
    return segmentView({ ...updated, refreshedAt: input.rule ? now : updated.refreshedAt }, await countMembers(tx, id));
  }, TX_OPTIONS));
}

/** Deletes a segment and its memberships; campaigns sent to it keep its name. */
export async function deleteSegment(prisma: PrismaClient, appId: string, id: string) {
  await segmentOf(prisma, appId, id);
  await prisma.segment.delete({ where: { id } });
  return { deleted: true as const };
}

/** Recomputes a dynamic segment now instead of waiting for the tick. */
export async function refreshSegment(prisma: PrismaClient, appId: string, id: string, now: Date) {
  const s = await segmentOf(prisma, appId, id);
  if (s.kind !== "dynamic") throw new ApiError("conflict", "Only dynamic segments are refreshed; a manual segment's members change only when added or removed");
  const rule = storedRule(s);
  if (!rule) throw new ApiError("conflict", "This segment's stored rule is no longer valid; save a new rule with PUT");
  const result = await prisma.$transaction((tx) => refreshMembers(tx, s, rule, now), TX_OPTIONS);
  return { ...result, segment: segmentView({ ...s, refreshedAt: now }, await countMembers(prisma, id)) };
}

export async function previewSegment(prisma: PrismaClient, appId: string, rule: SegmentRule, now: Date) {
  return { ...(await previewRule(prisma, appId, rule, now)), description: describeRule(rule) };
}

// Members with their profile fields; q matches the user id, email or name, any case.
function memberFilter(id: string, q: string | undefined) {
  if (!q) return Prisma.sql`m."segmentId" = ${id}`;
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`m."segmentId" = ${id} AND (m."userId" ILIKE ${like} OR u.email ILIKE ${like} OR u.name ILIKE ${like})`;
}

type MemberRow = { userId: string; name: string | null; email: string | null; addedAt: Date };
const memberView = (m: MemberRow) => ({ userId: m.userId, name: m.name, email: m.email, addedAt: m.addedAt.toISOString() });

export async function listMembers(prisma: PrismaClient, appId: string, id: string, opts: z.infer<typeof memberPageQuery>) {
  await segmentOf(prisma, appId, id);
  const from = Prisma.sql`FROM "SegmentMember" m LEFT JOIN "User" u ON u."appId" = ${appId} AND u."userId" = m."userId"`;
  const where = memberFilter(id, opts.q);
  const [counted, rows] = await Promise.all([
    prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from} WHERE ${where}`,
    prisma.$queryRaw<MemberRow[]>`SELECT m."userId", u.name, u.email, m."addedAt" ${from} WHERE ${where}
      ORDER BY m."userId" LIMIT ${opts.limit}::int OFFSET ${opts.offset}::int`,
  ]);
  return { total: Number(counted[0]?.total ?? 0), members: rows.map(memberView) };
}

/** One page of members after `afterUserId`, in user id order: what a streaming export reads. */
export async function memberPageAfter(prisma: PrismaClient, appId: string, id: string, afterUserId: string | null, limit: number) {
  const rows = await prisma.$queryRaw<MemberRow[]>`
    SELECT m."userId", u.name, u.email, m."addedAt"
    FROM "SegmentMember" m LEFT JOIN "User" u ON u."appId" = ${appId} AND u."userId" = m."userId"
    WHERE m."segmentId" = ${id} ${afterUserId === null ? Prisma.empty : Prisma.sql`AND m."userId" > ${afterUserId}`}
    ORDER BY m."userId" LIMIT ${limit}::int`;
  return rows.map(memberView);
}

async function manualSegmentOf(prisma: PrismaClient, appId: string, id: string) {
  const segment = await segmentOf(prisma, appId, id);
  if (segment.kind === "dynamic") {
    throw new ApiError("conflict", "This is a dynamic segment: its members come from its rule. Edit the rule, or use a manual segment");
  }
  return segment;
}

/** Adds members; like events, a user id seen for the first time creates the user. */
export async function addMembers(prisma: PrismaClient, appId: string, id: string, userIds: string[]) {
  await manualSegmentOf(prisma, appId, id);
  // Sorted, so user rows are locked in the order ingest locks them (no deadlock with it).
  const unique = [...new Set(userIds)].sort();
  const added = await prisma.$transaction(async (tx) => {
    await tx.user.createMany({ data: unique.map((userId) => ({ appId, userId })), skipDuplicates: true });
    return tx.segmentMember.createMany({ data: unique.map((userId) => ({ segmentId: id, userId })), skipDuplicates: true });
  }, INGEST_TX_OPTIONS);
  return { added: added.count };
}

export async function removeMembers(prisma: PrismaClient, appId: string, id: string, userIds: string[]) {
  await manualSegmentOf(prisma, appId, id);
  const { count } = await prisma.segmentMember.deleteMany({ where: { segmentId: id, userId: { in: userIds } } });
  return { removed: count };
}
