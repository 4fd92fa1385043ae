// Before a connector goes live: its problems, its warnings and how many messages it
// would send (POST /connectors/{id}/check, and the warnings publish answers). This reads
// what the pure checks in lib/checks need, from rollups only — the hourly EventCount
// (with the few events not rolled up yet, through their index), ActiveDay, and the live
// versions' compiled rules — never the raw events.
import { CHECK_WINDOW_DAYS, type CheckResult, type CheckWarning, type Forecast } from "@/lib/checks/check-result";
import { forecastRule, formatPerDay, segmentSizeFor } from "@/lib/checks/forecast";
import { checkWarnings, type LiveConnectorRule } from "@/lib/checks/warnings";
import type { Rule } from "@/lib/engine/rule";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ACTIVITY_EVENT } from "../analytics/active-users";
import { hourlyCountsSql } from "../analytics/event-counts";
import { compileDraft } from "./compile-draft";
import { versionRule } from "./records";

type Db = PrismaClient | Prisma.TransactionClient;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Each event name logged in the window, with its count, and the first hour anything was logged. */
async function loggedNames(db: Db, appId: string, now: Date) {
  const to = new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = new Date(to.getTime() - CHECK_WINDOW_DAYS * DAY_MS);
  const rows = await db.$queryRaw<{ name: string; count: bigint; first: Date }[]>`
    SELECT name, sum(count)::bigint AS count, min(hour)::timestamp(3) AS first
    FROM (${hourlyCountsSql(appId, from, to)}) counts GROUP BY name`;
  const logged = new Map(rows.map((row) => [row.name, Number(row.count)]));
  const first = rows.reduce((min, row) => Math.min(min, row.first.getTime()), to.getTime());
  // A younger application is averaged over the days it has logged for, at least one.
  const days = Math.min(CHECK_WINDOW_DAYS, Math.max(1, (to.getTime() - first) / DAY_MS));
  return { logged, days };
}

/** The application's live connectors but this one, each with its live version's rule. */
async function liveRules(db: Db, appId: string, connectorId: string): Promise<LiveConnectorRule[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; versionId: string; rule: unknown }[]>`
    SELECT c.id, c.name, v.id AS "versionId", v.rule
    FROM "Connector" c JOIN "ConnectorVersion" v ON v."connectorId" = c.id AND v.version = c.version
    WHERE c."appId" = ${appId} AND c.status = 'active' AND c."deletedAt" IS NULL AND c.id <> ${connectorId}
    ORDER BY c.name, c.id`;
  return rows.flatMap((row) => {
    const rule = versionRule(row.versionId, row.rule);
    return rule ? [{ id: row.id, name: row.name, rule }] : [];
  });
}

async function userCount(db: Db, appId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "User" WHERE "appId" = ${appId}`;
  return Number(row?.n ?? 0);
}

async function segmentSizes(db: Db, appId: string, rule: Rule): Promise<{ name: string; members: number }[]> {
  const sends = Object.values(rule.steps).some((step) => step.type === "action" && step.action.kind === "sendToSegment");
  if (!sends) return [];
  const rows = await db.$queryRaw<{ name: string; members: bigint }[]>`
    SELECT s.name, count(m."userId")::bigint AS members
    FROM "Segment" s LEFT JOIN "SegmentMember" m ON m."segmentId" = s.id
    WHERE s."appId" = ${appId} GROUP BY s.id, s.name`;
  return rows.map((row) => ({ name: row.name, members: Number(row.members) }));
}

// Users who fell silent for `days` within the window: those whose last active day lies
// between `days` and `days + window` days ago, averaged over the window. ActiveDay rolls
// up app.open only; for other names there is no daily figure (null).
async function silentPerDay(db: Db, appId: string, event: string, days: number, now: Date): Promise<number | null> {
  if (event !== ACTIVITY_EVENT) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const until = new Date(today - days * DAY_MS).toISOString().slice(0, 10);
  const since = new Date(today - (days + CHECK_WINDOW_DAYS) * DAY_MS).toISOString().slice(0, 10);
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM (
      SELECT max(day) AS last FROM "ActiveDay" WHERE "appId" = ${appId} GROUP BY "userId"
    ) x WHERE x.last >= ${since}::date AND x.last < ${until}::date`;
  return Number(row?.n ?? 0) / CHECK_WINDOW_DAYS;
}

function basis(rule: Rule, triggerPerDay: number | null, days: number): string | null {
  if (triggerPerDay === null) return null;
  if (triggerPerDay === 0) {
    return rule.trigger.kind === "inactivity"
      ? `No user fell silent for ${rule.trigger.days} days over the last ${CHECK_WINDOW_DAYS} days.`
      : `${rule.trigger.event} was not logged in the last ${CHECK_WINDOW_DAYS} days.`;
  }
  const over = days >= CHECK_WINDOW_DAYS ? `the last ${CHECK_WINDOW_DAYS} days` : "the days since the application's first event";
  if (rule.trigger.kind === "inactivity") return `About ${formatPerDay(triggerPerDay)} users a day fell silent for ${rule.trigger.days} days over the last ${CHECK_WINDOW_DAYS} days.`;
  return `${rule.trigger.event} was logged about ${formatPerDay(triggerPerDay)} times a day over ${over}.`;
}

/** The warnings and forecast of a compiled rule, as if it went live now (connectorId: the connector itself, never its own overlap). */
export async function graphWarnings(db: Db, appId: string, connectorId: string, rule: Rule, now: Date): Promise<{ warnings: CheckWarning[]; forecast: Forecast }> {
  // One at a time: on PGlite, and inside publish's transaction, statements queue anyway.
  const { logged, days } = await loggedNames(db, appId, now);
  const live = await liveRules(db, appId, connectorId);
  const users = await userCount(db, appId);
  const segments = await segmentSizes(db, appId, rule);
  const { trigger } = rule;
  const triggerPerDay = trigger.kind === "event" ? (logged.get(trigger.event) ?? 0) / days : await silentPerDay(db, appId, trigger.event, trigger.days, now);
  const forecast = forecastRule(rule, { triggerPerDay, segmentSize: (name) => segmentSizeFor(name, segments) });
  const based = basis(rule, triggerPerDay, days);
  const withBasis = { ...forecast, notes: based ? [based, ...forecast.notes] : forecast.notes };
  return { warnings: checkWarnings(rule, { logged, live, users, forecast: withBasis }), forecast: withBasis };
}

/** Problems, warnings and forecast of a draft graph (as stored, or as given), for the check endpoint. */
export async function checkGraph(db: Db, appId: string, connectorId: string, graph: unknown, now: Date): Promise<CheckResult> {
  const compiled = await compileDraft(db, appId, graph);
  if (!compiled.ok) return { problems: compiled.problems, warnings: [], forecast: null };
  return { problems: [], ...(await graphWarnings(db, appId, connectorId, compiled.rule, now)) };
}
