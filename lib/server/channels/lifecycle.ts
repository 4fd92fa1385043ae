// message.* lifecycle events are events of the user like any other, so connectors can
// react to them. Their ids derive from the message, so recording twice stores once.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type LifecycleName = "message.sent" | "message.failed" | "message.opened" | "message.clicked" | "message.replied";

export async function recordLifecycleEvent(
  db: PrismaClient | Prisma.TransactionClient,
  message: { id: string; appId: string; userId: string; channel: string; connectorId: string | null; nodeId: string | null },
  name: LifecycleName,
  at: Date,
  extra: Record<string, unknown> = {},
  idSuffix = "",
): Promise<boolean> {
  const { count } = await db.event.createMany({
    data: [
      {
        appId: message.appId,
        eventId: `${message.id}:${name}${idSuffix}`,
        userId: message.userId,
        name,
        data: { messageId: message.id, channel: message.channel, connectorId: message.connectorId, nodeId: message.nodeId, ...extra } as Prisma.InputJsonValue,
        timestamp: at,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}
