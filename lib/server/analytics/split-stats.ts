// Per split node of a connector's published version: how many walks each branch took and
// how many of them reached the goal (the goal event after the trigger event, within the
// window), with the significance of the difference (split-significance.ts). Erased
// users' part comes from ConnectorTally (lib/server/engine/connector-tally.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { branchGoalName, branchName, nodeTallies } from "../engine/connector-tally";
import { versionRule } from "../engine/records";
import type { ConnectorGoal } from "./connector-goal";
import { compareBranches, describeSplit, type SplitResult } from "./split-significance";

export type SplitStats = SplitResult & { holdout: string | null; summary: string };

type Row = { nodeId: string; key: string; entered: number; converted: number };

/**
 * Per split node and branch key of one connector: walks that took the branch and, with a
 * goal, how many of them reached it; with `userIds`, only those people's walks (erasure).
 */
export async function branchCounts(
  prisma: PrismaClient | Prisma.TransactionClient,
  appId: string,
  connectorId: string,
  goal: ConnectorGoal | null,
  userIds?: string[],
): Promise<Row[]> {
  const converted = goal
    ? Prisma.sql`count(DISTINCT e.id) FILTER (WHERE EXISTS (
        SELECT 1 FROM "Event" ev
        WHERE ev."appId" = ${appId} AND ev."userId" = e."userId" AND ev.name = ${goal.event}
          AND ev.timestamp > e."triggerTimestamp" AND ev.timestamp <= e."triggerTimestamp" + make_interval(hours => ${goal.withinHours})))`
    : Prisma.sql`0`;
  const rows = await prisma.$queryRaw<{ nodeId: string; key: string; entered: bigint; converted: bigint }[]>`
    SELECT t->>'nodeId' AS "nodeId", t->>'detail' AS key, count(DISTINCT e.id) AS entered, ${converted} AS converted
    FROM "Enrollment" e, jsonb_array_elements(e.trace) t
    WHERE e."connectorId" = ${connectorId} AND t->>'what' = 'branched'
      ${userIds ? Prisma.sql`AND e."appId" = ${appId} AND e."userId" = ANY(${userIds}::text[])` : Prisma.empty}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ nodeId: r.nodeId, key: r.key, entered: Number(r.entered), converted: Number(r.converted) }));
}

export async function splitStats(prisma: PrismaClient, appId: string, connector: { id: string; version: number | null; goal: ConnectorGoal | null }): Promise<Record<string, SplitStats>> {
  if (connector.version === null) return {};
  const version = await prisma.connectorVersion.findFirst({ where: { connectorId: connector.id, version: connector.version }, select: { id: true, rule: true } });
  const rule = version ? versionRule(version.id, version.rule) : null;
  const splits = rule ? Object.values(rule.steps).filter((step) => step.type === "split") : [];
  if (splits.length === 0) return {};
  const goal = connector.goal;
  const [rows, tallies] = await Promise.all([branchCounts(prisma, appId, connector.id, goal), nodeTallies(prisma, connector.id)]);
  // Erased users' part: their walks down each branch and, for this goal, their conversions.
  const tally = (nodeId: string, name: string) => tallies.find((t) => t.nodeId === nodeId && t.name === name)?.count ?? 0;
  const result: Record<string, SplitStats> = {};
  for (const step of splits) {
    const counts = step.branches.map((branch) => {
      const row = rows.find((r) => r.nodeId === step.id && r.key === branch.key);
      return {
        key: branch.key,
        entered: (row?.entered ?? 0) + tally(step.id, branchName(branch.key)),
        converted: (row?.converted ?? 0) + (goal ? tally(step.id, branchGoalName(branch.key, goal)) : 0),
      };
    });
    const holdout = step.branches.find((branch) => branch.next === null)?.key ?? null;
    if (!goal) {
      const branches = counts.map((c) => ({ ...c, rate: null }));
      result[step.id] = { branches, best: null, confidence: null, holdout, summary: "Set a goal to compare the branches" };
      continue;
    }
    const compared = compareBranches(counts, holdout);
    result[step.id] = { ...compared, holdout, summary: describeSplit(compared, holdout) };
  }
  return result;
}
