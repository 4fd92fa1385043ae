// Per-node and per-connector counts, computed from enrollments (their traces and
// where they stand) and from messages, plus what erased users left in ConnectorTally
// (connector-tally.ts). The counting queries take a scope, so that erasure counts one
// person's part with the very queries the stats run (lib/server/erase-user.ts).
import { NODE_COUNTS, type NodeCount } from "@/lib/engine/nodes/definition";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { branchName, connectorTallies, hourKeySql, nodeTallies } from "./connector-tally";

type Db = PrismaClient | Prisma.TransactionClient;

/** A node's counts; a branching node's also per output it took (condition and wait: yes, no). */
export type NodeStats = Record<NodeCount, number> & { branches?: Record<string, number> };

/** Whose enrollments and messages a count reads: one connector's, or one person's (under all their ids). */
export type CountScope = { connectorId: string } | { appId: string; userIds: string[] };

const enrollmentsOf = (scope: CountScope) =>
  "connectorId" in scope
    ? Prisma.sql`e."connectorId" = ${scope.connectorId}`
    : Prisma.sql`e."appId" = ${scope.appId} AND e."userId" = ANY(${scope.userIds}::text[])`;

const messagesOf = (scope: CountScope) =>
  "connectorId" in scope
    ? Prisma.sql`m."connectorId" = ${scope.connectorId}`
    : Prisma.sql`m."appId" = ${scope.appId} AND m."userId" = ANY(${scope.userIds}::text[]) AND m."connectorId" IS NOT NULL`;

const empty = (): NodeStats => Object.fromEntries(NODE_COUNTS.map((count) => [count, 0])) as Record<NodeCount, number>;

/** Node counts that recorded history says, by connector and node; `waiting` stays 0 (it is where walks stand now). */
export async function recordedNodeCounts(prisma: Db, scope: CountScope): Promise<Map<string, Record<string, NodeStats>>> {
  const [traced, branched, messages] = await Promise.all([
    prisma.$queryRaw<{ connectorId: string; nodeId: string; entered: bigint; passed: bigint; cancelled: bigint }[]>`
      SELECT e."connectorId", t->>'nodeId' AS "nodeId",
             count(DISTINCT e.id) AS entered,
             count(DISTINCT e.id) FILTER (WHERE t->>'what' IN ('passed', 'yes', 'no', 'branched', 'acted')) AS passed,
             count(DISTINCT e.id) FILTER (WHERE t->>'what' = 'cancelled') AS cancelled
      FROM "Enrollment" e, jsonb_array_elements(e.trace) t
      WHERE ${enrollmentsOf(scope)}
      GROUP BY 1, 2`,
    // A branch is the trace entry's "what" (yes, no), or a split's key in its detail.
    prisma.$queryRaw<{ connectorId: string; nodeId: string; handle: string; count: bigint }[]>`
      SELECT e."connectorId", t->>'nodeId' AS "nodeId", CASE WHEN t->>'what' = 'branched' THEN t->>'detail' ELSE t->>'what' END AS handle,
             count(DISTINCT e.id) AS count
      FROM "Enrollment" e, jsonb_array_elements(e.trace) t
      WHERE ${enrollmentsOf(scope)} AND t->>'what' IN ('yes', 'no', 'branched')
      GROUP BY 1, 2, 3`,
    prisma.$queryRaw<{ connectorId: string; nodeId: string | null; status: string; count: bigint }[]>`
      SELECT m."connectorId", m."nodeId", m.status, count(*) AS count FROM "Message" m WHERE ${messagesOf(scope)} GROUP BY 1, 2, 3`,
  ]);
  const result = new Map<string, Record<string, NodeStats>>();
  const at = (connectorId: string, nodeId: string | null) => {
    const nodes = result.get(connectorId) ?? {};
    result.set(connectorId, nodes);
    return (nodes[nodeId ?? ""] ??= empty());
  };
  for (const row of traced) {
    Object.assign(at(row.connectorId, row.nodeId), { entered: Number(row.entered), passed: Number(row.passed), cancelled: Number(row.cancelled) });
  }
  for (const row of branched) {
    const node = at(row.connectorId, row.nodeId);
    node.branches = { ...node.branches, [row.handle]: Number(row.count) };
  }
  for (const row of messages) {
    const s = at(row.connectorId, row.nodeId);
    if (row.status === "sent" || row.status === "skipped" || row.status === "held" || row.status === "failed") s[row.status] += Number(row.count);
  }
  for (const nodes of result.values()) delete nodes[""];
  return result;
}

/** The node counts carried over from erased users (held and waiting never are). */
export const TALLIED_NODE_COUNTS = ["entered", "passed", "cancelled", "sent", "skipped", "failed"] as const satisfies readonly NodeCount[];
const BRANCH = /^branch (\S+)$/;

export async function nodeStats(prisma: PrismaClient, connectorId: string): Promise<Record<string, NodeStats>> {
  const [recorded, waiting, tallies] = await Promise.all([
    recordedNodeCounts(prisma, { connectorId }),
    prisma.enrollment.groupBy({ by: ["nodeId"], where: { connectorId, status: { in: ["entered", "active"] } }, _count: true }),
    nodeTallies(prisma, connectorId),
  ]);
  const stats = recorded.get(connectorId) ?? {};
  for (const row of waiting) if (row.nodeId) (stats[row.nodeId] ??= empty()).waiting += row._count;
  for (const tally of tallies) {
    const node = (stats[tally.nodeId] ??= empty());
    const branch = tally.name.match(BRANCH)?.[1];
    if ((TALLIED_NODE_COUNTS as readonly string[]).includes(tally.name)) node[tally.name as NodeCount] += tally.count;
    else if (branch !== undefined) node.branches = { ...node.branches, [branch]: (node.branches?.[branch] ?? 0) + tally.count };
  }
  return stats;
}

/** Tally rows for one node's recorded counts (erasure). */
export function nodeCountTallies(connectorId: string, nodeId: string, counts: NodeStats) {
  return [
    ...TALLIED_NODE_COUNTS.map((name) => ({ connectorId, nodeId, name, count: counts[name] })),
    ...Object.entries(counts.branches ?? {}).map(([handle, count]) => ({ connectorId, nodeId, name: branchName(handle), count })),
  ];
}

/** Messages sent per connector (and per UTC hour of their creation, for erasure), in a window when given. */
export async function sentCounts(
  prisma: Db,
  appId: string,
  ids: string[],
  options: { window?: { from: Date; to: Date }; userIds?: string[]; byHour?: boolean } = {},
): Promise<{ connectorId: string; hour: string | null; sent: number }[]> {
  if (ids.length === 0) return [];
  const { window, userIds, byHour } = options;
  const rows = await prisma.$queryRaw<{ connectorId: string; hour: string | null; sent: bigint }[]>`
    SELECT m."connectorId", ${byHour ? hourKeySql(Prisma.sql`m."createdAt"`) : Prisma.sql`NULL::text`} AS hour, count(*) AS sent
    FROM "Message" m
    WHERE m."appId" = ${appId} AND m."connectorId" = ANY(${ids}::text[]) AND m.status = 'sent'
      ${window ? Prisma.sql`AND m."createdAt" >= ${window.from.toISOString()}::timestamp(3) AND m."createdAt" < ${window.to.toISOString()}::timestamp(3)` : Prisma.empty}
      ${userIds ? Prisma.sql`AND m."userId" = ANY(${userIds}::text[])` : Prisma.empty}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ connectorId: r.connectorId, hour: r.hour, sent: Number(r.sent) }));
}

export async function connectorTotals(prisma: PrismaClient, appId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { entered: number; sent: number }>();
  const [entered, sent, tallies] = await Promise.all([
    prisma.enrollment.groupBy({ by: ["connectorId"], where: { appId, connectorId: { in: ids } }, _count: true }),
    sentCounts(prisma, appId, ids),
    connectorTallies(prisma, ids),
  ]);
  const totals = new Map(ids.map((id) => [id, { entered: tallies.get(id)?.get("entered") ?? 0, sent: tallies.get(id)?.get("sent") ?? 0 }]));
  for (const r of entered) totals.get(r.connectorId)!.entered += r._count;
  for (const r of sent) totals.get(r.connectorId)!.sent += r.sent;
  return totals;
}
