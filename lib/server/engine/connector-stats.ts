// Per-node and per-connector counts, computed from enrollments (their traces and
// where they stand) and from messages.
import { NODE_COUNTS, type NodeCount } from "@/lib/engine/nodes/definition";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A node's counts; a branching node's also per output it took (condition and wait: yes, no). */
export type NodeStats = Record<NodeCount, number> & { branches?: Record<string, number> };

const empty = (): NodeStats => Object.fromEntries(NODE_COUNTS.map((count) => [count, 0])) as Record<NodeCount, number>;

export async function nodeStats(prisma: PrismaClient, connectorId: string): Promise<Record<string, NodeStats>> {
  const [traced, branched, waiting, messages] = await Promise.all([
    prisma.$queryRaw<{ nodeId: string; entered: bigint; passed: bigint; cancelled: bigint }[]>`
      SELECT t->>'nodeId' AS "nodeId",
             count(DISTINCT e.id) AS entered,
             count(DISTINCT e.id) FILTER (WHERE t->>'what' IN ('passed', 'yes', 'no', 'branched', 'acted')) AS passed,
             count(DISTINCT e.id) FILTER (WHERE t->>'what' = 'cancelled') AS cancelled
      FROM "Enrollment" e, jsonb_array_elements(e.trace) t
      WHERE e."connectorId" = ${connectorId}
      GROUP BY 1`,
    // A branch is the trace entry's "what" (yes, no), or a split's key in its detail.
    prisma.$queryRaw<{ nodeId: string; handle: string; count: bigint }[]>`
      SELECT t->>'nodeId' AS "nodeId", CASE WHEN t->>'what' = 'branched' THEN t->>'detail' ELSE t->>'what' END AS handle,
             count(DISTINCT e.id) AS count
      FROM "Enrollment" e, jsonb_array_elements(e.trace) t
      WHERE e."connectorId" = ${connectorId} AND t->>'what' IN ('yes', 'no', 'branched')
      GROUP BY 1, 2`,
    prisma.enrollment.groupBy({ by: ["nodeId"], where: { connectorId, status: { in: ["entered", "active"] } }, _count: true }),
    prisma.message.groupBy({ by: ["nodeId", "status"], where: { connectorId }, _count: true }),
  ]);
  const stats: Record<string, NodeStats> = {};
  const at = (id: string | null) => (stats[id ?? ""] ??= empty());
  for (const row of traced) {
    Object.assign(at(row.nodeId), { entered: Number(row.entered), passed: Number(row.passed), cancelled: Number(row.cancelled) });
  }
  for (const row of branched) {
    const node = at(row.nodeId);
    node.branches = { ...node.branches, [row.handle]: Number(row.count) };
  }
  for (const row of waiting) if (row.nodeId) at(row.nodeId).waiting += row._count;
  for (const row of messages) {
    const s = at(row.nodeId);
    if (row.status === "sent") s.sent += row._count;
    else if (row.status === "skipped") s.skipped += row._count;
    else if (row.status === "held") s.held += row._count;
    else if (row.status === "failed") s.failed += row._count;
  }
  delete stats[""];
  return stats;
}

export async function connectorTotals(prisma: PrismaClient, appId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { entered: number; sent: number }>();
  const [entered, sent] = await Promise.all([
    prisma.enrollment.groupBy({ by: ["connectorId"], where: { appId, connectorId: { in: ids } }, _count: true }),
    prisma.message.groupBy({ by: ["connectorId"], where: { appId, connectorId: { in: ids }, status: "sent" }, _count: true }),
  ]);
  const totals = new Map(ids.map((id) => [id, { entered: 0, sent: 0 }]));
  for (const r of entered) totals.get(r.connectorId)!.entered = r._count;
  for (const r of sent) if (r.connectorId) totals.get(r.connectorId)!.sent = r._count;
  return totals;
}
