// The overview's numbers, read straight from the tables until analytics rollups exist.
import type { PrismaClient } from "@/lib/generated/prisma/client";

const DAY_MS = 86_400_000;

export async function overviewStats(prisma: PrismaClient, appId: string, now: Date) {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const [users, activeUsers, events24h, events7d, topEvents, latestEvents] = await Promise.all([
    prisma.user.count({ where: { appId } }),
    prisma.user.count({ where: { appId, lastSeenAt: { gte: weekAgo } } }),
    prisma.event.count({ where: { appId, timestamp: { gte: dayAgo } } }),
    prisma.event.count({ where: { appId, timestamp: { gte: weekAgo } } }),
    prisma.event.groupBy({
      by: ["name"],
      where: { appId, timestamp: { gte: weekAgo } },
      _count: { name: true },
      orderBy: [{ _count: { name: "desc" } }, { name: "asc" }],
      take: 5,
    }),
    prisma.event.findMany({
      where: { appId },
      orderBy: [{ timestamp: "desc" }, { seq: "desc" }],
      take: 6,
      select: { eventId: true, userId: true, name: true, timestamp: true },
    }),
  ]);
  return {
    users,
    activeUsers,
    events24h,
    events7d,
    topEvents: topEvents.map((row) => ({ name: row.name, count: row._count.name })),
    latestEvents: latestEvents.map((e) => ({ id: e.eventId, userId: e.userId, name: e.name, timestamp: e.timestamp.toISOString() })),
  };
}
