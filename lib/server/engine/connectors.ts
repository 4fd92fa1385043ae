// Connectors: a draft graph the canvas edits, and immutable published versions that
// each keep the graph and the rule it compiled to. Enrollments keep their version.
import { isDeepStrictEqual } from "node:util";
import type { Graph } from "@/lib/engine/graph";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { parseGoal, type ConnectorGoal } from "../analytics/connector-goal";
import { ApiError, notFound } from "../api/errors";
import { newId } from "../ids";
import { compileDraft, parseGraph, unreadable } from "./compile-draft";
import { checkGraph, graphWarnings } from "./connector-check";
import { connectorTotals } from "./connector-stats";
import { rulesChanged } from "./rule-index";

export type ConnectorStatus = "draft" | "active" | "paused";

type Row = {
  id: string; name: string; status: string; graph: unknown; version: number | null; goal: unknown;
  createdAt: Date; updatedAt: Date; versions?: { version: number; publishedAt: Date; graph: unknown }[];
};

function serialize(row: Row) {
  const published = row.versions?.find((v) => v.version === row.version);
  const graphError = unreadable(row.graph);
  return {
    id: row.id,
    name: row.name,
    status: row.status as ConnectorStatus,
    version: row.version,
    // An unreadable draft is returned as stored, flagged, never as an empty graph that
    // the editor would open and the next save would write over.
    graph: graphError ? (row.graph as Graph) : parseGraph(row.graph),
    graphError,
    goal: parseGoal(row.goal),
    publishedAt: published?.publishedAt.toISOString() ?? null,
    // The draft differs from what runs: the canvas shows "unpublished changes".
    hasUnpublishedChanges: published ? JSON.stringify(published.graph) !== JSON.stringify(row.graph) : row.status === "draft",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const withCurrentVersion = { versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, publishedAt: true, graph: true } } } as const;

async function findRow(prisma: PrismaClient | Prisma.TransactionClient, appId: string, id: string) {
  const row = await prisma.connector.findFirst({ where: { id, appId, deletedAt: null }, include: withCurrentVersion });
  if (!row) throw notFound("Connector");
  return row;
}

export async function createConnector(prisma: PrismaClient, appId: string, input: { name: string; graph?: Graph }, now: Date) {
  const row = await prisma.connector.create({
    data: { id: newId("con"), appId, name: input.name, status: "draft", graph: (input.graph ?? { nodes: [], edges: [] }) as Prisma.InputJsonValue, createdAt: now, updatedAt: now },
    include: withCurrentVersion,
  });
  return serialize(row);
}

export async function listConnectors(prisma: PrismaClient, appId: string) {
  const rows = await prisma.connector.findMany({ where: { appId, deletedAt: null }, include: withCurrentVersion, orderBy: { updatedAt: "desc" } });
  const totals = await connectorTotals(prisma, appId, rows.map((r) => r.id));
  return rows.map((row) => ({ ...serialize(row), ...(totals.get(row.id) ?? { entered: 0, sent: 0 }) }));
}

export async function getConnector(prisma: PrismaClient, appId: string, id: string) {
  return serialize(await findRow(prisma, appId, id));
}

export async function updateConnector(
  prisma: PrismaClient,
  appId: string,
  id: string,
  input: { name?: string; graph?: Graph; goal?: ConnectorGoal | null },
  now: Date,
) {
  await findRow(prisma, appId, id);
  const row = await prisma.$transaction(async (tx) => {
    const updated = await tx.connector.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.graph !== undefined ? { graph: input.graph as Prisma.InputJsonValue } : {}),
        ...(input.goal !== undefined ? { goal: input.goal ?? Prisma.DbNull } : {}),
        updatedAt: now,
      },
      include: withCurrentVersion,
    });
    // A goal that exits walks is a live rule: every process's rule index must see it.
    if (input.goal !== undefined) await rulesChanged(tx, appId);
    return updated;
  });
  return serialize(row);
}

// Long enough to wait behind a concurrent publish of the same connector.
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

// Locks the connector row for the rest of the transaction, then reads it: concurrent
// publishes, pauses and deletes of one connector take turns, each seeing the last one's
// result (two publishes no longer race for the same version number).
async function lockRow(tx: Prisma.TransactionClient, appId: string, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Connector" WHERE id = ${id} AND "appId" = ${appId} AND "deletedAt" IS NULL FOR UPDATE`;
  if (locked.length === 0) throw notFound("Connector");
  return findRow(tx, appId, id);
}

/**
 * Compiles the draft; a new version only when the graph, or what it compiles to, changed since the last one. The
 * warnings (lib/checks) are read before anything is written, so a publish that fails
 * stores nothing; they never stop it.
 */
export async function publishConnector(prisma: PrismaClient, appId: string, id: string, publishedBy: string | null, now: Date) {
  const published = await prisma.$transaction(async (tx) => {
    const row = await lockRow(tx, appId, id);
    const compiled = await compileDraft(tx, appId, row.graph);
    if (!compiled.ok) throw new ApiError("invalid_graph", compiled.message, compiled.problems);
    const { warnings } = await graphWarnings(tx, appId, id, compiled.rule, now);
    const latest = row.versions[0];
    // The same graph can compile to another rule: a template it names was edited since (publish copies templates' texts).
    const latestRule = latest ? (await tx.connectorVersion.findFirst({ where: { connectorId: id, version: latest.version }, select: { rule: true } }))?.rule : undefined;
    const unchanged = latest && JSON.stringify(latest.graph) === JSON.stringify(row.graph) && isDeepStrictEqual(latestRule, compiled.rule);
    const version = unchanged ? latest.version : (latest?.version ?? 0) + 1;
    if (!unchanged) {
      await tx.connectorVersion.create({
        data: { id: newId("ver"), connectorId: id, version, graph: compiled.graph as Prisma.InputJsonValue, rule: compiled.rule as Prisma.InputJsonValue, publishedAt: now, publishedBy },
      });
    }
    if (unchanged && row.status === "active" && row.version === version) return { version, warnings }; // already live as it is
    await tx.connector.update({ where: { id }, data: { status: "active", version, updatedAt: now } });
    await rulesChanged(tx, appId);
    return { version, warnings };
  }, TX_OPTIONS);
  return { ...(await getConnector(prisma, appId, id)), status: "active" as const, version: published.version, warnings: published.warnings };
}

/** What publishing the draft (or the given, unsaved graph) would meet: problems, warnings, a forecast. Writes nothing. */
export async function checkConnector(prisma: PrismaClient, appId: string, id: string, graph: Graph | undefined, now: Date) {
  const row = await findRow(prisma, appId, id);
  return checkGraph(prisma, appId, id, graph ?? row.graph, now);
}

export async function setPaused(prisma: PrismaClient, appId: string, id: string, paused: boolean, now: Date) {
  await prisma.$transaction(async (tx) => {
    const row = await lockRow(tx, appId, id);
    if (row.version === null) throw new ApiError("conflict", "Publish the connector before pausing or resuming it");
    if (paused && row.status !== "active") throw new ApiError("conflict", `The connector is ${row.status}, not active`);
    if (!paused && row.status !== "paused") throw new ApiError("conflict", `The connector is ${row.status}, not paused`);
    await tx.connector.update({ where: { id }, data: { status: paused ? "paused" : "active", updatedAt: now } });
    await rulesChanged(tx, appId);
  }, TX_OPTIONS);
  return getConnector(prisma, appId, id);
}

/** Soft delete: history (messages, enrollments) stays; walkers stop at once. */
export async function deleteConnector(prisma: PrismaClient, appId: string, id: string, now: Date) {
  await prisma.$transaction(async (tx) => {
    await lockRow(tx, appId, id);
    await tx.connector.update({ where: { id }, data: { deletedAt: now, status: "deleted", updatedAt: now } });
    await tx.enrollment.updateMany({
      where: { connectorId: id, status: { in: ["entered", "active"] } },
      data: { status: "exited", endReason: "The connector was deleted", endedAt: now, dueAt: null },
    });
    await rulesChanged(tx, appId);
  }, TX_OPTIONS);
}

export async function listVersions(prisma: PrismaClient, appId: string, id: string) {
  await findRow(prisma, appId, id);
  const versions = await prisma.connectorVersion.findMany({ where: { connectorId: id }, orderBy: { version: "desc" } });
  // As for the draft: an unreadable version is shown as stored and flagged, so the editor
  // never restores an empty graph over the draft.
  return versions.map((v) => {
    const graphError = unreadable(v.graph);
    return { version: v.version, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy, graph: graphError ? (v.graph as Graph) : parseGraph(v.graph), graphError };
  });
}
