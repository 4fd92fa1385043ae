// Trigger matching for stored events. Events are claimed with FOR UPDATE SKIP LOCKED
// while matchedAt is null, and matchedAt is set in the same transaction that creates
// their enrollments: a crash before commit leaves them for the next pass, a commit
// means they were matched exactly once.
import { cancelMatches, pendingCancelsFrom, type TraceEntry } from "@/lib/engine/execute";
import type { Rule } from "@/lib/engine/rule";
import { crossesOccurrences, occurrenceHistoryQuery, triggerMatches } from "@/lib/engine/triggers";
import type { EventRecord } from "@/lib/engine/types";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "../ids";
import { eventRecord, storeEvent, storedEvent, versionRules } from "./records";
import { releasedEntryKey } from "./run-enrollments";

type Tx = Prisma.TransactionClient;
type LiveConnector = { id: string; versionId: string; rule: Rule };

export type MatchResult = { claimed: number; enrolled: string[]; cancelled: number };

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

async function liveConnectors(tx: Tx, appIds: string[]): Promise<Map<string, LiveConnector[]>> {
  const rows = await tx.connector.findMany({
    where: { appId: { in: appIds }, status: "active", deletedAt: null, version: { not: null } },
    select: { id: true, appId: true, version: true },
  });
  if (rows.length === 0) return new Map();
  const current = await tx.connectorVersion.findMany({
    where: { OR: rows.map((r) => ({ connectorId: r.id, version: r.version! })) },
    select: { id: true, connectorId: true },
  });
  const versionOf = new Map(current.map((v) => [v.connectorId, v.id]));
  // Rules are read once per version and process (records.ts), not on every pass.
  const rules = await versionRules(tx, current.map((v) => v.id));
  const byApp = new Map<string, LiveConnector[]>();
  for (const row of rows) {
    const versionId = versionOf.get(row.id);
    const rule = versionId ? rules.get(versionId) : null;
    if (!versionId || !rule) continue;
    byApp.set(row.appId, [...(byApp.get(row.appId) ?? []), { id: row.id, versionId, rule }]);
  }
  return byApp;
}

// Every event name that can cancel a live enrollment of these apps: the cancel events of
// every version of every connector not deleted (old versions still have walkers).
async function cancellingEvents(tx: Tx, appIds: string[]): Promise<Map<string, Set<string>>> {
  const versions = await tx.connectorVersion.findMany({
    where: { connector: { appId: { in: appIds }, deletedAt: null } },
    select: { id: true, connector: { select: { appId: true } } },
  });
  const rules = await versionRules(tx, versions.map((v) => v.id));
  const byApp = new Map<string, Set<string>>();
  for (const v of versions) {
    const names = byApp.get(v.connector.appId) ?? new Set<string>();
    for (const name of rules.get(v.id)?.cancelEvents ?? []) names.add(name);
    byApp.set(v.connector.appId, names);
  }
  return byApp;
}

type EnrollmentRow = Prisma.EnrollmentCreateManyInput;

function enrollmentRow(appId: string, connector: LiveConnector, event: EventRecord, entryKey: string | null, now: Date): EnrollmentRow {
  const id = newId("enr");
  return {
    id,
    appId,
    connectorId: connector.id,
    versionId: connector.versionId,
    userId: event.userId,
    entryKey: entryKey ?? id,
    status: "entered",
    nodeId: connector.rule.entry,
    // Due since the event happened: a tick catching up runs the oldest first.
    dueAt: event.timestamp < now ? event.timestamp : now,
    triggerEvent: storeEvent(event),
    triggerTimestamp: event.timestamp,
    trace: [{ nodeId: connector.rule.trigger.nodeId, at: now.toISOString(), what: "passed", detail: `entered from ${event.event}` }],
    createdAt: now,
    updatedAt: now,
  };
}

type Claimed = { appId: string; event: EventRecord };
const userKey = (appId: string, userId: string) => `${appId}\u0000${userId}`;

// The occurrence histories a batch needs, in one query per (app, counted event name):
// every earlier event of that name of the batch's users, at most HISTORY_CAP per user
// (the most recent), from which crossesOccurrences picks each event's own window.
const HISTORY_CAP = 5000;

async function occurrenceHistories(tx: Tx, needs: { appId: string; connector: LiveConnector; event: EventRecord }[]) {
  const groups = new Map<string, { appId: string; name: string; users: Set<string>; until: Date; since: Date | null }>();
  for (const { appId, connector, event } of needs) {
    const query = occurrenceHistoryQuery(connector.rule.trigger, event);
    if (!query) continue;
    const key = JSON.stringify([appId, query.event]);
    const group = groups.get(key);
    if (!group) groups.set(key, { appId, name: query.event, users: new Set([event.userId]), until: event.timestamp, since: query.since });
    else {
      group.users.add(event.userId);
      if (event.timestamp > group.until) group.until = event.timestamp;
      group.since = group.since && query.since ? (query.since < group.since ? query.since : group.since) : null;
    }
  }
  const history = new Map<string, EventRecord[]>(); // by app, user and event name
  for (const g of groups.values()) {
    const rows = await tx.$queryRaw<{ eventId: string; userId: string; name: string; data: unknown; timestamp: Date }[]>`
      SELECT "eventId", "userId", name, data, timestamp FROM (
        SELECT "eventId", "userId", name, data, timestamp,
               row_number() OVER (PARTITION BY "userId" ORDER BY timestamp DESC) AS n
        FROM "Event"
        WHERE "appId" = ${g.appId} AND "userId" = ANY(${[...g.users]}::text[]) AND name = ${g.name}
          AND timestamp <= ${g.until.toISOString()}::timestamp(3)
          ${g.since ? Prisma.sql`AND timestamp > ${g.since.toISOString()}::timestamp(3)` : Prisma.empty}
      ) x WHERE n <= ${HISTORY_CAP}`;
    for (const row of rows) {
      const key = `${userKey(g.appId, row.userId)}\u0000${g.name}`;
      history.set(key, [...(history.get(key) ?? []), eventRecord(row)]);
    }
  }
  return (appId: string, userId: string, name: string) => history.get(`${userKey(appId, userId)}\u0000${name}`) ?? [];
}

type Waiting = { id: string; appId: string; userId: string; nodeId: string; entryKey: string; rule: Rule; trigger: EventRecord };

// Enrollments waiting in a delay that the batch's cancelling events may end, in one query.
async function waitingFor(tx: Tx, events: Claimed[]): Promise<Map<string, Waiting[]>> {
  const byApp = new Map<string, Set<string>>();
  for (const { appId, event } of events) byApp.set(appId, (byApp.get(appId) ?? new Set()).add(event.userId));
  if (byApp.size === 0) return new Map();
  const rows = await tx.enrollment.findMany({
    where: { OR: [...byApp].map(([appId, users]) => ({ appId, userId: { in: [...users] } })), status: "active", nodeId: { not: null } },
    select: { id: true, appId: true, userId: true, nodeId: true, entryKey: true, versionId: true, triggerEvent: true },
    orderBy: { id: "asc" },
  });
  const rules = await versionRules(tx, rows.map((r) => r.versionId));
  const byUser = new Map<string, Waiting[]>();
  for (const r of rows) {
    const rule = rules.get(r.versionId);
    if (!rule || !r.nodeId) continue;
    const key = userKey(r.appId, r.userId);
    byUser.set(key, [...(byUser.get(key) ?? []), { ...r, nodeId: r.nodeId, rule, trigger: storedEvent(r.triggerEvent) }]);
  }
  return byUser;
}

type Cancel = { id: string; nodeId: string; from: string; entryKey: string; reason: string; entry: string };

// An enrollment waiting in a delay is cancelled as soon as a cancelling event arrives:
// the batch's events are taken in event time, and each enrollment ends at the first.
function cancelsOf(events: Claimed[], waiting: Map<string, Waiting[]>, now: Date): Cancel[] {
  const cancels = new Map<string, Cancel>();
  for (const { appId, event } of events) {
    for (const w of waiting.get(userKey(appId, event.userId)) ?? []) {
      if (cancels.has(w.id) || !w.rule.cancelEvents.includes(event.event)) continue;
      const step = pendingCancelsFrom(w.rule, w.nodeId).find((s) => cancelMatches(s, w.trigger, event));
      if (!step) continue;
      const entry: TraceEntry = { nodeId: step.id, at: now.toISOString(), what: "cancelled", detail: `by ${event.event} at ${event.timestamp.toISOString()}` };
      cancels.set(w.id, { id: w.id, nodeId: step.id, from: w.nodeId, entryKey: releasedEntryKey(w.id, w.entryKey), reason: `Cancelled by event ${event.id}`, entry: JSON.stringify([entry]) });
    }
  }
  return [...cancels.values()];
}

// One statement for every cancel of the batch; a row a tick moved on meanwhile is left alone.
async function storeCancels(tx: Tx, cancels: Cancel[], now: Date): Promise<number> {
  if (cancels.length === 0) return 0;
  const col = <K extends keyof Cancel>(k: K) => cancels.map((c) => c[k]);
  const at = now.toISOString();
  return tx.$executeRaw`
    UPDATE "Enrollment" AS e SET
      status = 'cancelled', "nodeId" = v.node, "endReason" = v.reason, "endedAt" = ${at}::timestamp(3),
      "updatedAt" = ${at}::timestamp(3), "dueAt" = NULL, "leasedUntil" = NULL, "entryKey" = v.entry_key,
      trace = e.trace || v.entry::jsonb
    FROM unnest(${col("id")}::text[], ${col("nodeId")}::text[], ${col("from")}::text[], ${col("entryKey")}::text[], ${col("reason")}::text[], ${col("entry")}::text[])
      AS v(id, node, from_node, entry_key, reason, entry)
    WHERE e.id = v.id AND e.status = 'active' AND e."nodeId" = v.from_node`;
}

const hourOf = (t: Date) => new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000).toISOString();

// The analytics rollups, counted in the transaction that marks the events matched: an
// event is counted exactly when it stops being pending (lib/server/analytics reads both).
async function rollUp(tx: Tx, events: { appId: string; userId: string; name: string; timestamp: Date }[]) {
  const counts = new Map<string, number>();
  const active = new Set<string>();
  for (const e of events) {
    const key = JSON.stringify([e.appId, hourOf(e.timestamp), e.name]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (e.name === "app.open") active.add(JSON.stringify([e.appId, e.timestamp.toISOString().slice(0, 10), e.userId]));
  }
  // Sorted, so concurrent matchers lock the counter rows in one order.
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, n]) => [...(JSON.parse(key) as string[]), n] as const);
  await tx.$executeRaw`
    INSERT INTO "EventCount" ("appId", hour, name, count)
    SELECT a, h::timestamp(3), n, c FROM unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::text[], ${rows.map((r) => r[2])}::text[], ${rows.map((r) => r[3])}::int[]) AS x(a, h, n, c)
    ON CONFLICT ("appId", hour, name) DO UPDATE SET count = "EventCount".count + EXCLUDED.count`;
  if (active.size === 0) return;
  const days = [...active].map((key) => JSON.parse(key) as string[]);
  await tx.$executeRaw`
    INSERT INTO "ActiveDay" ("appId", day, "userId")
    SELECT a, d::date, u FROM unnest(${days.map((r) => r[0])}::text[], ${days.map((r) => r[1])}::text[], ${days.map((r) => r[2])}::text[]) AS x(a, d, u)
    ON CONFLICT DO NOTHING`;
}

/** Claims up to `limit` unmatched events (of one app, or any) and matches them. */
export async function matchPendingEvents(
  prisma: PrismaClient,
  now: Date,
  options: { appId?: string; limit?: number } = {},
): Promise<MatchResult> {
  const limit = options.limit ?? 500;
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ seq: bigint; appId: string; eventId: string; userId: string; name: string; data: unknown; timestamp: Date }[]>`
      SELECT seq, "appId", "eventId", "userId", name, data, timestamp FROM "Event"
      WHERE "matchedAt" IS NULL ${options.appId ? Prisma.sql`AND "appId" = ${options.appId}` : Prisma.empty}
      ORDER BY seq LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (claimed.length === 0) return { claimed: 0, enrolled: [], cancelled: 0 };

    const appIds = [...new Set(claimed.map((e) => e.appId))];
    const [byApp, cancelNames] = await Promise.all([liveConnectors(tx, appIds), cancellingEvents(tx, appIds)]);
    // In event time, so occurrence counts and cancels see the same order a user lived.
    const ordered: Claimed[] = [...claimed]
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || Number(a.seq - b.seq))
      .map((row) => ({ appId: row.appId, event: eventRecord(row) }));
    const matches = ordered.flatMap(({ appId, event }) =>
      (byApp.get(appId) ?? []).filter(({ rule: { trigger } }) => trigger.kind === "event" && triggerMatches(trigger, event)).map((connector) => ({ appId, connector, event })),
    );
    const historyOf = await occurrenceHistories(tx, matches);
    const rows: EnrollmentRow[] = [];
    for (const { appId, connector, event } of matches) {
      const { trigger } = connector.rule;
      if (trigger.kind !== "event") continue;
      if (trigger.occurrences && !crossesOccurrences(trigger, event, historyOf(appId, event.userId, trigger.event))) continue;
      const entryKey = trigger.reentry === "once" ? "once" : trigger.reentry === "ifNotActive" ? "active" : null;
      rows.push(enrollmentRow(appId, connector, event, entryKey, now));
    }
    const cancelling = ordered.filter(({ appId, event }) => cancelNames.get(appId)?.has(event.event));
    const cancelled = await storeCancels(tx, cancelsOf(cancelling, await waitingFor(tx, cancelling), now), now);
    // One insert for the batch; the entryKey unique index refuses a second live
    // enrollment (ifNotActive, once), also between two events of this same batch.
    const enrolled = rows.length
      ? (await tx.enrollment.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } })).map((r) => r.id)
      : [];
    const seqs = claimed.map((e) => e.seq);
    await tx.$executeRaw`UPDATE "Event" SET "matchedAt" = ${now.toISOString()}::timestamp(3) WHERE seq = ANY(${seqs}::bigint[])`;
    await rollUp(tx, claimed);
    return { claimed: claimed.length, enrolled, cancelled };
  }, TX_OPTIONS);
}
