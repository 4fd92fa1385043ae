// The last events an app received, for the overview's live list. Newest by arrival (seq),
// which the primary key serves backwards without sorting the app's events.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function latestEvents(prisma: PrismaClient, appId: string, limit = 6) {
  const rows = await prisma.event.findMany({
    where: { appId },
    orderBy: { seq: "desc" },
    take: limit,
    select: { eventId: true, userId: true, name: true, timestamp: true },
  });
  return rows.map((e) => ({ id: e.eventId, userId: e.userId, name: e.name, timestamp: e.timestamp.toISOString() }));
}
