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
import { eventRecord, storeEvent, storedEvent, versionRule } from "./records";
import { releasedEntryKey } from "./run-enrollments";

type Tx = Prisma.TransactionClient;
type LiveConnector = { id: string; versionId: string; rule: Rule };

export type MatchResult = { claimed: number; enrolled: string[]; cancelled: number };

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

async function liveConnectors(tx: Tx, appIds: string[]): Promise<Map<string, LiveConnector[]>> {
  const rows = await tx.connector.findMany({
    where: { appId: { in: appIds }, status: "active", deletedAt: null, version: { not: null } },
    select: { id: true, appId: true, version: true, versions: { select: { id: true, version: true, rule: true } } },
  });
  const byApp = new Map<string, LiveConnector[]>();
  for (const row of rows) {
    const current = row.versions.find((v) => v.version === row.version);
    if (!current) continue;
    const list = byApp.get(row.appId) ?? [];
    const rule = versionRule(current.id, current.rule);
    if (!rule) continue;
    list.push({ id: row.id, versionId: current.id, rule });
    byApp.set(row.appId, list);
  }
  return byApp;
}

// Every event name that can cancel a live enrollment of these apps: the cancel events of
// every version of every connector not deleted (old versions still have walkers).
async function cancellingEvents(tx: Tx, appIds: string[]): Promise<Map<string, Set<string>>> {
  const versions = await tx.connectorVersion.findMany({
    where: { connector: { appId: { in: appIds }, deletedAt: null } },
    select: { id: true, rule: true, connector: { select: { appId: true } } },
  });
  const byApp = new Map<string, Set<string>>();
  for (const v of versions) {
    const names = byApp.get(v.connector.appId) ?? new Set<string>();
    for (const name of versionRule(v.id, v.rule)?.cancelEvents ?? []) names.add(name);
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

async function occurrencesCrossed(tx: Tx, appId: string, connector: LiveConnector, event: EventRecord): Promise<boolean> {
  const query = occurrenceHistoryQuery(connector.rule.trigger, event);
  if (!query) return true;
  const history = await tx.event.findMany({
    where: { appId, userId: event.userId, name: query.event, timestamp: { lte: event.timestamp, ...(query.since ? { gt: query.since } : {}) } },
    orderBy: { timestamp: "desc" },
    take: 5000,
  });
  return crossesOccurrences(connector.rule.trigger, event, history.map(eventRecord));
}

// An enrollment waiting in a delay is cancelled as soon as a cancelling event arrives.
async function cancelWaiting(tx: Tx, appId: string, event: EventRecord, now: Date): Promise<number> {
  const waiting = await tx.enrollment.findMany({
    where: { appId, userId: event.userId, status: "active", nodeId: { not: null } },
    include: { version: { select: { rule: true } } },
  });
  let cancelled = 0;
  for (const enrollment of waiting) {
    const rule = versionRule(enrollment.versionId, enrollment.version.rule);
    if (!rule || !rule.cancelEvents.includes(event.event) || !enrollment.nodeId) continue;
    const trigger = storedEvent(enrollment.triggerEvent);
    const step = pendingCancelsFrom(rule, enrollment.nodeId).find((s) => cancelMatches(s, trigger, event));
    if (!step) continue;
    const entry: TraceEntry = { nodeId: step.id, at: now.toISOString(), what: "cancelled", detail: `${event.event} at ${event.timestamp.toISOString()}` };
    await tx.enrollment.update({
      where: { id: enrollment.id },
      data: {
        status: "cancelled",
        nodeId: step.id,
        endReason: `Cancelled by event ${event.id}`,
        endedAt: now,
        updatedAt: now,
        dueAt: null,
        leasedUntil: null,
        entryKey: releasedEntryKey(enrollment.id, enrollment.entryKey),
        trace: [...(enrollment.trace as TraceEntry[]), entry] as Prisma.InputJsonValue,
      },
    });
    cancelled++;
  }
  return cancelled;
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
    const rows: EnrollmentRow[] = [];
    let cancelled = 0;
    // In event time, so occurrence counts and cancels see the same order a user lived.
    const ordered = [...claimed].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || Number(a.seq - b.seq));
    for (const row of ordered) {
      const event = eventRecord(row);
      for (const connector of byApp.get(row.appId) ?? []) {
        const { trigger } = connector.rule;
        if (trigger.kind !== "event" || !triggerMatches(trigger, event)) continue;
        if (!(await occurrencesCrossed(tx, row.appId, connector, event))) continue;
        const entryKey = trigger.reentry === "once" ? "once" : trigger.reentry === "ifNotActive" ? "active" : null;
        rows.push(enrollmentRow(row.appId, connector, event, entryKey, now));
      }
      if (cancelNames.get(row.appId)?.has(event.event)) cancelled += await cancelWaiting(tx, row.appId, event, now);
    }
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
