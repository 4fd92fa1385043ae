// DELETE /api/v1/users/{userId}: erasure (GDPR art. 17). In one transaction the person's
// profile, events, devices, segment memberships, enrollments, subscriptions, aliases,
// active days and messages are deleted, under their user id and every anonymous id that
// was merged into it. The aggregates stay: EventCount is not touched, and the person's
// part of every connector count is first added to ConnectorTally, counted by the stats'
// own queries filtered to this person (lib/server/engine/connector-tally.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { parseGoal } from "./analytics/connector-goal";
import { enrollmentCounts } from "./analytics/connector-performance";
import { branchCounts } from "./analytics/split-stats";
import { notFound } from "./api/errors";
import { nodeCountTallies, recordedNodeCounts, sentCounts } from "./engine/connector-stats";
import { addTallies, branchGoalName, goalName, type TallyRow } from "./engine/connector-tally";

type Tx = Prisma.TransactionClient;

// Waits behind ingest and the step runner holding this person's rows (PGlite: behind any transaction).
const TX_OPTIONS = { maxWait: 15_000, timeout: 60_000 };

export async function eraseUser(prisma: PrismaClient, appId: string, userId: string): Promise<{ deleted: true }> {
  return prisma.$transaction(async (tx) => {
    // The profile row first: ingest upserts it before storing events, so a batch for this
    // person either commits before the erasure sees anything, or waits and then creates a
    // new, empty user.
    const [user] = await tx.$queryRaw<{ userId: string }[]>`
      SELECT "userId" FROM "User" WHERE "appId" = ${appId} AND "userId" = ${userId} FOR UPDATE`;
    if (!user) throw notFound("User");
    const aliases = await tx.userAlias.findMany({ where: { appId, userId }, select: { anonymousId: true } });
    const ids = [userId, ...aliases.map((a) => a.anonymousId)];

    // Walks and messages in progress elsewhere (the step runner, the outbox) finish first,
    // and cannot change under the counts below.
    const enrollments = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Enrollment" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Message" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;

    await addTallies(tx, appId, await contribution(tx, appId, ids));

    // A connector's send to a segment made by this person's walk kept their event to render
    // its messages with; later pages render without it (as a campaign does). Found by the
    // walk's id (the unique enrollmentId, nodeId index), the only way such a copy is made.
    await tx.$executeRaw`
      UPDATE "Campaign" SET "triggerEvent" = NULL
      WHERE "enrollmentId" = ANY(${enrollments.map((e) => e.id)}::text[]) AND "appId" = ${appId} AND "triggerEvent" IS NOT NULL`;

    // MessageAttempt rows go with their message (ON DELETE CASCADE).
    await tx.$executeRaw`DELETE FROM "Message" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`DELETE FROM "Enrollment" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`DELETE FROM "Event" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`DELETE FROM "ActiveDay" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`
      DELETE FROM "SegmentMember" m USING "Segment" s
      WHERE s.id = m."segmentId" AND s."appId" = ${appId} AND m."userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`DELETE FROM "Device" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`DELETE FROM "Subscription" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    await tx.$executeRaw`DELETE FROM "UserAlias" WHERE "appId" = ${appId} AND ("userId" = ${userId} OR "anonymousId" = ANY(${ids}::text[]))`;
    await tx.$executeRaw`DELETE FROM "User" WHERE "appId" = ${appId} AND "userId" = ANY(${ids}::text[])`;
    return { deleted: true as const };
  }, TX_OPTIONS);
}

/** What this person adds to every connector count that ConnectorTally carries. */
async function contribution(tx: Tx, appId: string, userIds: string[]): Promise<TallyRow[]> {
  const nodes = await recordedNodeCounts(tx, { appId, userIds });
  const touched = await tx.$queryRaw<{ connectorId: string }[]>`
    SELECT "connectorId" FROM "Enrollment" WHERE "appId" = ${appId} AND "userId" = ANY(${userIds}::text[])
    UNION
    SELECT "connectorId" FROM "Message" WHERE "appId" = ${appId} AND "userId" = ANY(${userIds}::text[]) AND "connectorId" IS NOT NULL`;
  if (touched.length === 0) return [];
  const connectors = (
    await tx.connector.findMany({ where: { appId, id: { in: touched.map((t) => t.connectorId) } }, select: { id: true, goal: true } })
  ).map((c) => ({ id: c.id, goal: parseGoal(c.goal) }));
  const goals = new Map(connectors.map((c) => [c.id, c.goal]));

  const [hourly, sent, branches] = await Promise.all([
    enrollmentCounts(tx, appId, connectors, { userIds, byHour: true }),
    sentCounts(tx, appId, connectors.map((c) => c.id), { userIds, byHour: true }),
    Promise.all(connectors.filter((c) => c.goal).map(async (c) => ({ id: c.id, rows: await branchCounts(tx, appId, c.id, c.goal, userIds) }))),
  ]);

  const rows: TallyRow[] = [];
  for (const [connectorId, byNode] of nodes) {
    for (const [nodeId, counts] of Object.entries(byNode)) rows.push(...nodeCountTallies(connectorId, nodeId, counts));
  }
  for (const row of hourly) {
    if (row.hour === null) continue; // a connector this person has messages from but no walk in
    const goal = goals.get(row.connectorId);
    rows.push(
      { connectorId: row.connectorId, nodeId: "", name: `${row.hour} entered`, count: row.entered },
      { connectorId: row.connectorId, nodeId: "", name: `${row.hour} cancelled`, count: row.cancelled },
      ...(goal ? [{ connectorId: row.connectorId, nodeId: "", name: `${row.hour} ${goalName(goal)}`, count: row.converted }] : []),
    );
  }
  for (const row of sent) rows.push({ connectorId: row.connectorId, nodeId: "", name: `${row.hour} sent`, count: row.sent });
  for (const { id, rows: counted } of branches) {
    const goal = goals.get(id)!;
    for (const r of counted) rows.push({ connectorId: id, nodeId: r.nodeId, name: branchGoalName(r.key, goal), count: r.converted });
  }
  return rows;
}
