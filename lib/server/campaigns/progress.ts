// How far a campaign got: its messages by status, and how many members it reaches.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type Progress = { recipients: number; queued: number; held: number; sent: number; skipped: number; failed: number };

type Row = { id: string; status: string; segmentId: string | null };

const STATUSES = ["queued", "held", "sent", "skipped", "failed"] as const;

/** Progress of each campaign, by id, in two queries whatever the number of campaigns. */
export async function progressOf(prisma: PrismaClient, rows: Row[]): Promise<Map<string, Progress>> {
  const open = rows.filter((r) => (r.status === "scheduled" || r.status === "sending") && r.segmentId);
  const [counts, members] = await Promise.all([
    rows.length
      ? prisma.message.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
      : Promise.resolve([]),
    open.length
      ? prisma.segmentMember.groupBy({ by: ["segmentId"], where: { segmentId: { in: [...new Set(open.map((r) => r.segmentId!))] } }, _count: { _all: true } })
      : Promise.resolve([]),
  ]);
  const memberCount = new Map(members.map((m) => [m.segmentId, m._count._all]));
  const result = new Map<string, Progress>();
  for (const row of rows) {
    const p: Progress = { recipients: 0, queued: 0, held: 0, sent: 0, skipped: 0, failed: 0 };
    for (const c of counts) {
      if (c.campaignId === row.id && (STATUSES as readonly string[]).includes(c.status)) p[c.status as (typeof STATUSES)[number]] = c._count._all;
    }
    const recorded = p.queued + p.held + p.sent + p.skipped + p.failed;
    // Until the fan-out is over the segment may still change, so the member count is
    // the estimate; afterwards the recipients are exactly the messages recorded.
    const open = row.status === "scheduled" || row.status === "sending";
    p.recipients = open ? Math.max(recorded, row.segmentId ? (memberCount.get(row.segmentId) ?? 0) : 0) : recorded;
    result.set(row.id, p);
  }
  return result;
}

export async function campaignProgress(prisma: PrismaClient, row: Row): Promise<Progress> {
  return (await progressOf(prisma, [row])).get(row.id)!;
}
