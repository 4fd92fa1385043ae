// Reads over stored events for the dashboard and the canvas: recent events (for live
// template previews) and the event names an application has seen (for suggestions).
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { serializeEvent } from "./users";

export const recentEventsQuery = z.object({
  event: z.string().min(1).max(200).optional(),
  userId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export async function recentEvents(prisma: PrismaClient, appId: string, query: z.infer<typeof recentEventsQuery>) {
  const rows = await prisma.event.findMany({
    where: { appId, ...(query.event ? { name: query.event } : {}), ...(query.userId ? { userId: query.userId } : {}) },
    orderBy: [{ timestamp: "desc" }, { seq: "desc" }],
    take: query.limit,
  });
  return { events: rows.map(serializeEvent) };
}

const NAMES_WINDOW_DAYS = 30;

/** Event names seen in the last 30 days, most frequent first. */
export async function eventNames(prisma: PrismaClient, appId: string, now: Date) {
  const since = new Date(now.getTime() - NAMES_WINDOW_DAYS * 86_400_000);
  const rows = await prisma.event.groupBy({
    by: ["name"],
    where: { appId, timestamp: { gte: since } },
    _count: true,
    _max: { timestamp: true },
    orderBy: { _count: { name: "desc" } },
    take: 200,
  });
  return { names: rows.map((r) => ({ event: r.name, count: r._count, lastSeenAt: r._max.timestamp?.toISOString() ?? null })) };
}
