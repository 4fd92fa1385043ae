// Messages created in a range, by channel and status (through the appId + createdAt index).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ChartRange } from "./chart-range";

export type ChannelBreakdown = { channel: string; total: number; byStatus: Record<string, number> };

export async function messageBreakdown(prisma: PrismaClient, appId: string, range: Pick<ChartRange, "from" | "to">): Promise<ChannelBreakdown[]> {
  const rows = await prisma.message.groupBy({
    by: ["channel", "status"],
    where: { appId, createdAt: { gte: range.from, lt: range.to } },
    _count: true,
  });
  const byChannel = new Map<string, ChannelBreakdown>();
  for (const row of rows) {
    const entry = byChannel.get(row.channel) ?? { channel: row.channel, total: 0, byStatus: {} };
    entry.total += row._count;
    entry.byStatus[row.status] = (entry.byStatus[row.status] ?? 0) + row._count;
    byChannel.set(row.channel, entry);
  }
  return [...byChannel.values()].sort((a, b) => b.total - a.total || a.channel.localeCompare(b.channel));
}
