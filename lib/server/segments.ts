// Segments and their members. Connectors add and remove members by segment name;
// the API manages them by id.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "./api/errors";
import { newId } from "./ids";

export const segmentCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["manual", "dynamic"]).default("manual"),
  rule: z.unknown().optional(),
});

export const memberIdsSchema = z.object({ userIds: z.array(z.string().min(1).max(200)).min(1).max(10_000) });

export async function listSegments(prisma: PrismaClient, appId: string) {
  const rows = await prisma.segment.findMany({ where: { appId }, orderBy: { name: "asc" }, include: { _count: { select: { members: true } } } });
  return rows.map((s) => ({ id: s.id, name: s.name, kind: s.kind, rule: s.rule, members: s._count.members, createdAt: s.createdAt.toISOString() }));
}

export async function createSegment(prisma: PrismaClient, appId: string, input: z.infer<typeof segmentCreateSchema>) {
  if (input.kind === "dynamic") {
    throw new ApiError("invalid_request", "Dynamic segments are not available yet; create a manual segment", [{ path: "kind", message: "Use \"manual\"" }]);
  }
  const exists = await prisma.segment.findUnique({ where: { appId_name: { appId, name: input.name } } });
  if (exists) throw new ApiError("conflict", `A segment named "${input.name}" already exists`);
  const s = await prisma.segment.create({ data: { id: newId("seg"), appId, name: input.name, kind: input.kind } });
  return { id: s.id, name: s.name, kind: s.kind, rule: null, members: 0, createdAt: s.createdAt.toISOString() };
}

async function segmentOf(prisma: PrismaClient, appId: string, id: string) {
  const segment = await prisma.segment.findFirst({ where: { id, appId } });
  if (!segment) throw notFound("Segment");
  return segment;
}

export async function listMembers(prisma: PrismaClient, appId: string, id: string, opts: { limit: number; offset: number; q?: string }) {
  await segmentOf(prisma, appId, id);
  const where: Prisma.SegmentMemberWhereInput = { segmentId: id, ...(opts.q ? { userId: { contains: opts.q, mode: "insensitive" } } : {}) };
  const [total, rows] = await Promise.all([
    prisma.segmentMember.count({ where }),
    prisma.segmentMember.findMany({ where, orderBy: { userId: "asc" }, take: opts.limit, skip: opts.offset }),
  ]);
  return { total, members: rows.map((m) => ({ userId: m.userId, addedAt: m.addedAt.toISOString() })) };
}

/** Adds members; like events, a user id seen for the first time creates the user. */
export async function addMembers(prisma: PrismaClient, appId: string, id: string, userIds: string[]) {
  await segmentOf(prisma, appId, id);
  const unique = [...new Set(userIds)];
  const added = await prisma.$transaction(async (tx) => {
    await tx.user.createMany({ data: unique.map((userId) => ({ appId, userId })), skipDuplicates: true });
    return tx.segmentMember.createMany({ data: unique.map((userId) => ({ segmentId: id, userId })), skipDuplicates: true });
  });
  return { added: added.count };
}

export async function removeMembers(prisma: PrismaClient, appId: string, id: string, userIds: string[]) {
  await segmentOf(prisma, appId, id);
  const { count } = await prisma.segmentMember.deleteMany({ where: { segmentId: id, userId: { in: userIds } } });
  return { removed: count };
}
