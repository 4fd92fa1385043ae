// User profiles: upsert with merged attributes, and the reads the API and dashboard need.
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { timeZoneSchema } from "@/lib/time-zone";
import { notFound } from "./api/errors";
import { userJourneys } from "./journeys";

export const userUpsertSchema = z.object({
  email: z.email("email must be an email address").max(320).nullish(),
  phone: z.string().trim().min(3).max(32).regex(/^\+?[0-9 ()-]+$/, "phone must be a phone number, e.g. +31612345678").nullish(),
  name: z.string().max(200).nullish(),
  // Stored in the runtime's own spelling; null clears it (the app's delivery policy decides).
  timezone: timeZoneSchema.nullish(),
  // null removes an attribute, as in Braze; other values replace it.
  attributes: z.record(z.string().min(1).max(200), z.unknown()).optional(),
});
export type UserUpsert = z.infer<typeof userUpsertSchema>;

export const userIdSchema = z.string().min(1).max(200);

export function serializeUser(u: {
  userId: string; email: string | null; phone: string | null; name: string | null; timezone: string | null;
  attributes: unknown; createdAt: Date; updatedAt: Date; lastSeenAt: Date;
}) {
  return {
    id: u.userId,
    userId: u.userId,
    email: u.email,
    phone: u.phone,
    name: u.name,
    timezone: u.timezone,
    attributes: (u.attributes ?? {}) as Record<string, unknown>,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    lastSeenAt: u.lastSeenAt.toISOString(),
  };
}

export async function upsertUser(prisma: PrismaClient, appId: string, userId: string, input: UserUpsert, now: Date) {
  const attributes = input.attributes ?? {};
  const set = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null));
  const removed = Object.keys(attributes).filter((k) => attributes[k] === null);
  const fields = {
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
  };
  // The merge happens in one statement so concurrent upserts never drop each other's keys.
  await prisma.$executeRaw`
    INSERT INTO "User" ("appId", "userId", "email", "phone", "name", "timezone", "attributes", "updatedAt")
    VALUES (${appId}, ${userId}, ${fields.email ?? null}, ${fields.phone ?? null}, ${fields.name ?? null}, ${fields.timezone ?? null},
            ${JSON.stringify(set)}::jsonb, ${now.toISOString()}::timestamp(3))
    ON CONFLICT ("appId", "userId") DO UPDATE SET
      "email" = CASE WHEN ${"email" in fields} THEN EXCLUDED."email" ELSE "User"."email" END,
      "phone" = CASE WHEN ${"phone" in fields} THEN EXCLUDED."phone" ELSE "User"."phone" END,
      "name" = CASE WHEN ${"name" in fields} THEN EXCLUDED."name" ELSE "User"."name" END,
      "timezone" = CASE WHEN ${"timezone" in fields} THEN EXCLUDED."timezone" ELSE "User"."timezone" END,
      "attributes" = ("User"."attributes" || EXCLUDED."attributes") - ${removed}::text[],
      "updatedAt" = EXCLUDED."updatedAt"`;
  return getUser(prisma, appId, userId);
}

export async function getUser(prisma: PrismaClient, appId: string, userId: string) {
  const user = await prisma.user.findUnique({ where: { appId_userId: { appId, userId } } });
  if (!user) throw notFound("User");
  return serializeUser(user);
}

export function serializeEvent(e: { eventId: string; userId: string; name: string; data: unknown; timestamp: Date; receivedAt: Date }) {
  return {
    id: e.eventId,
    userId: e.userId,
    event: e.name,
    data: e.data as Record<string, unknown>,
    timestamp: e.timestamp.toISOString(),
    receivedAt: e.receivedAt.toISOString(),
  };
}

/** A user's events, newest first, paged by the event's sequence number. */
export async function userEvents(
  prisma: PrismaClient,
  appId: string,
  userId: string,
  opts: { limit: number; before?: { timestamp: Date; seq: bigint } },
) {
  const rows = await prisma.event.findMany({
    where: {
      appId,
      userId,
      ...(opts.before
        ? { OR: [{ timestamp: { lt: opts.before.timestamp } }, { timestamp: opts.before.timestamp, seq: { lt: opts.before.seq } }] }
        : {}),
    },
    orderBy: [{ timestamp: "desc" }, { seq: "desc" }],
    take: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > opts.limit && last ? `${last.timestamp.toISOString()}~${last.seq}` : null;
  return { events: page.map(serializeEvent), nextCursor };
}

export function parseEventCursor(cursor: string | undefined): { timestamp: Date; seq: bigint } | undefined {
  if (!cursor) return undefined;
  const [ts, seq] = cursor.split("~");
  const timestamp = new Date(ts ?? "");
  if (Number.isNaN(timestamp.getTime()) || !seq || !/^\d+$/.test(seq)) return undefined;
  return { timestamp, seq: BigInt(seq) };
}

export async function userProfile(prisma: PrismaClient, appId: string, userId: string) {
  const user = await getUser(prisma, appId, userId);
  const [memberships, latest, journeys] = await Promise.all([
    prisma.segmentMember.findMany({
      where: { userId, segment: { appId } },
      select: { addedAt: true, segment: { select: { id: true, name: true } } },
      orderBy: { addedAt: "desc" },
    }),
    userEvents(prisma, appId, userId, { limit: 50 }),
    userJourneys(prisma, appId, userId),
  ]);
  return {
    ...user,
    segments: memberships.map((m) => ({ id: m.segment.id, name: m.segment.name, addedAt: m.addedAt.toISOString() })),
    events: latest.events,
    journeys,
  };
}

/** Search by id, email or name prefix, most recently seen first. */
export async function searchUsers(prisma: PrismaClient, appId: string, opts: { q?: string; limit: number; offset: number }) {
  const q = opts.q?.trim();
  const where: Prisma.UserWhereInput = {
    appId,
    ...(q
      ? {
          OR: [
            { userId: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
            { name: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({ where, orderBy: [{ lastSeenAt: "desc" }, { userId: "asc" }], take: opts.limit, skip: opts.offset }),
  ]);
  return { total, users: users.map(serializeUser) };
}
