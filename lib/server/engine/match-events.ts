// Matching stored events against the connectors, inside the transaction that stored
// them (ingest) or that claimed them (the sweep below, for events written elsewhere).
// Per batch: the rules come from the per-process index (rule-index.ts), so an event no
// connector listens to costs nothing but its rollup count; for the rest a few queries
// load the users, their walks in progress and the history the engine needs, the pure
// matcher (lib/engine/match.ts) decides user by user in event time, and a few
// statements write every walk, cancel and message of the batch.
import { matchUserBatch, releasedEntryKey, type InProgress, type Started } from "@/lib/engine/match";
import type { EventRecord, UserRecord } from "@/lib/engine/types";
import { newId } from "../ids";
import type { Sql, SqlDatabase } from "../sql";
import { applyEffects, recordSends, type PendingSend } from "./effects";
import { eventRecord, storedEvent, storedEventJson, userRecord, versionRules, type UserRow } from "./records";
import { appRules, type AppRules } from "./rule-index";

// fanOuts: sends to a segment handed to the campaign fan-out (lib/server/campaigns/fan-out).
export type MatchTally = { events: number; enrolled: number; cancelled: number; exited: number; woken: number; failed: number; queued: number; held: number; skipped: number; fanOuts: number };

export const emptyTally = (): MatchTally => ({ events: 0, enrolled: 0, cancelled: 0, exited: 0, woken: 0, failed: 0, queued: 0, held: 0, skipped: 0, fanOuts: 0 });

export function addTally(a: MatchTally, b: MatchTally): MatchTally {
  for (const key of Object.keys(a) as (keyof MatchTally)[]) a[key] += b[key];
  return a;
}

const HOUR_MS = 3_600_000;
// Occurrence counts read at most this many of a user's most recent events of one name.
const HISTORY_CAP = 5000;

const byTime = (a: EventRecord, b: EventRecord) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// The names and the earliest time of the stored history the batch's triggers may need:
// earlier events of a counted trigger (occurrences) and events that may cancel (since the trigger).
function historyNeeds(rules: AppRules, events: EventRecord[]) {
  const names = new Set<string>();
  let since: number | null = Infinity;
  for (const event of events) {
    for (const { rule } of rules.triggersOn(event.event)) {
      const { trigger } = rule;
      if (trigger.kind !== "event") continue;
      for (const name of rule.cancelEvents) names.add(name);
      if (rule.cancelEvents.length > 0 && since !== null) since = Math.min(since, event.timestamp.getTime());
      if (trigger.occurrences) {
        names.add(trigger.event);
        const { withinHours } = trigger.occurrences;
        since = withinHours === null || since === null ? null : Math.min(since, event.timestamp.getTime() - withinHours * HOUR_MS);
      }
    }
  }
  return { names: [...names], since: since === null ? null : new Date(since === Infinity ? 0 : since) };
}

async function loadHistory(tx: Sql, appId: string, userIds: string[], rules: AppRules, events: EventRecord[]): Promise<Map<string, EventRecord[]>> {
  const { names, since } = historyNeeds(rules, events);
  const byUser = new Map<string, EventRecord[]>();
  if (names.length === 0) return byUser;
  const batch = new Set(events.map((e) => e.id));
  const rows = await tx.query<{ eventId: string; userId: string; name: string; data: unknown; timestamp: Date }>(
    `SELECT "eventId", "userId", name, data, timestamp FROM (
       SELECT "eventId", "userId", name, data, timestamp, row_number() OVER (PARTITION BY "userId", name ORDER BY timestamp DESC) AS n
       FROM "Event"
       WHERE "appId" = $1 AND "userId" = ANY($2::text[]) AND name = ANY($3::text[]) AND ($4::timestamp(3) IS NULL OR timestamp >= $4::timestamp(3))
     ) x WHERE n <= ${HISTORY_CAP}`,
    [appId, userIds, names, since?.toISOString() ?? null],
  );
  for (const row of rows) {
    if (batch.has(row.eventId)) continue; // the matcher adds the batch's own events in order
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), eventRecord(row)]);
  }
  return byUser;
}

type WalkRow = { id: string; connectorId: string; versionId: string; userId: string; status: string; nodeId: string | null; entryKey: string; triggerEvent: unknown };

// The users' walks in progress (they may be cancelled, and hold re-entry slots) and the
// "once" entries they have used, whatever became of those walks.
async function loadWalks(tx: Sql, appId: string, userIds: string[]) {
  const rows = await tx.query<WalkRow>(
    `SELECT id, "connectorId", "versionId", "userId", status, "nodeId", "entryKey", "triggerEvent" FROM "Enrollment"
     WHERE "appId" = $1 AND "userId" = ANY($2::text[]) AND (status IN ('entered', 'active') OR "entryKey" = 'once')
     ORDER BY id`,
    [appId, userIds],
  );
  const rules = await versionRules(tx, rows.map((r) => r.versionId));
  const inProgress = new Map<string, InProgress[]>();
  const onceTaken = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.entryKey === "once") onceTaken.set(r.userId, (onceTaken.get(r.userId) ?? new Set()).add(r.connectorId));
    const rule = rules.get(r.versionId);
    if (!rule || (r.status !== "entered" && r.status !== "active")) continue;
    const walk: InProgress = { id: r.id, connectorId: r.connectorId, rule, status: r.status, nodeId: r.nodeId, entryKey: r.entryKey, trigger: storedEvent(r.triggerEvent) };
    inProgress.set(r.userId, [...(inProgress.get(r.userId) ?? []), walk]);
  }
  return { inProgress, onceTaken };
}

type Cancel = { id: string; nodeId: string; from: string; entryKey: string; reason: string; entry: string };

const goalReason = (event: EventRecord) => `reached the goal ${event.event} at ${event.timestamp.toISOString()}`;

type Exit = { id: string; entryKey: string; reason: string };

// Walks waiting in a wait node whose event came: due now, for the runner (the tick, or the
// background drain this request kicks) to move on by "yes". Their window end stays derivable
// from when they reached the node, which their trace keeps.
async function wake(tx: Sql, woken: { id: string; nodeId: string }[], now: Date): Promise<number> {
  if (woken.length === 0) return 0;
  return tx.execute(
    `UPDATE "Enrollment" AS e SET "dueAt" = $3::timestamp(3), "updatedAt" = $3::timestamp(3)
     FROM unnest($1::text[], $2::text[]) AS v(id, node)
     WHERE e.id = v.id AND e.status = 'active' AND e."nodeId" = v.node AND e."dueAt" > $3::timestamp(3)`,
    [woken.map((w) => w.id), woken.map((w) => w.nodeId), now.toISOString()],
  );
}

// One statement for every goal exit of the batch; a walk that ended meanwhile is left alone.
async function storeExits(tx: Sql, exits: Exit[], now: Date): Promise<number> {
  if (exits.length === 0) return 0;
  return tx.execute(
    `UPDATE "Enrollment" AS e SET
       status = 'exited', "endReason" = v.reason, "endedAt" = $4::timestamp(3), "updatedAt" = $4::timestamp(3),
       "dueAt" = NULL, "leasedUntil" = NULL, "entryKey" = v.entry_key
     FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, entry_key, reason)
     WHERE e.id = v.id AND e.status IN ('entered', 'active')`,
    [exits.map((x) => x.id), exits.map((x) => x.entryKey), exits.map((x) => x.reason), now.toISOString()],
  );
}

// One statement for every cancel of the batch; a row a tick moved on meanwhile is left alone.
async function storeCancels(tx: Sql, cancels: Cancel[], now: Date): Promise<number> {
  if (cancels.length === 0) return 0;
  const col = <K extends keyof Cancel>(k: K) => cancels.map((c) => c[k]);
  return tx.execute(
    `UPDATE "Enrollment" AS e SET
       status = 'cancelled', "nodeId" = v.node, "endReason" = v.reason, "endedAt" = $7::timestamp(3),
       "updatedAt" = $7::timestamp(3), "dueAt" = NULL, "leasedUntil" = NULL, "entryKey" = v.entry_key,
       trace = e.trace || v.entry::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, node, from_node, entry_key, reason, entry)
     WHERE e.id = v.id AND e.status = 'active' AND e."nodeId" = v.from_node`,
    [col("id"), col("nodeId"), col("from"), col("entryKey"), col("reason"), col("entry"), now.toISOString()],
  );
}

type WalkInsert = {
  id: string; connectorId: string; versionId: string; userId: string; entryKey: string; status: string; nodeId: string | null;
  dueAt: string | null; triggerEvent: string; triggerTimestamp: string; trace: string; endReason: string | null; ended: boolean;
};

// A started walk as the row it ends the batch as.
function walkRow(walk: Started, userId: string, now: Date): WalkInsert {
  const { connector, trigger } = walk;
  const entered = { nodeId: connector.rule.trigger.nodeId, at: now.toISOString(), what: "passed", detail: `entered from ${trigger.event}` };
  const base = { id: walk.id, connectorId: connector.id, versionId: connector.versionId, userId, triggerEvent: storedEventJson(trigger), triggerTimestamp: trigger.timestamp.toISOString() };
  const released = releasedEntryKey(walk.id, walk.entryKey);
  if (!walk.run.ok) {
    return { ...base, entryKey: released, status: "failed", nodeId: connector.rule.entry, dueAt: null, trace: JSON.stringify([entered]), endReason: walk.run.reason, ended: true };
  }
  const { outcome, trace } = walk.run.step;
  const all = JSON.stringify([entered, ...trace]);
  if (walk.exitedBy && outcome.status === "waiting") {
    // Ended by its goal where it waited.
    return { ...base, entryKey: released, status: "exited", nodeId: outcome.nodeId, dueAt: null, trace: all, endReason: goalReason(walk.exitedBy), ended: true };
  }
  switch (outcome.status) {
    case "waiting":
      return { ...base, entryKey: walk.entryKey, status: "active", nodeId: outcome.nodeId, dueAt: outcome.dueAt.toISOString(), trace: all, endReason: null, ended: false };
    case "completed":
      return { ...base, entryKey: released, status: "completed", nodeId: null, dueAt: null, trace: all, endReason: null, ended: true };
    case "cancelled":
      return { ...base, entryKey: released, status: "cancelled", nodeId: outcome.nodeId, dueAt: null, trace: all, endReason: `Cancelled by event ${outcome.byEventId}`, ended: true };
  }
}

// One insert for the batch's walks; the entryKey unique index refuses a second live walk
// that another process started meanwhile (ifNotActive, once): those are left out, with their effects.
async function insertWalks(tx: Sql, appId: string, rows: WalkInsert[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const col = <K extends keyof WalkInsert>(k: K) => rows.map((r) => r[k]);
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO "Enrollment" (id, "appId", "connectorId", "versionId", "userId", "entryKey", status, "nodeId", "dueAt", "triggerEvent", "triggerTimestamp", trace, "endReason", "endedAt", "createdAt", "updatedAt")
     SELECT id, $1, c, v, u, k, s, n, d::timestamp(3), te::jsonb, tt::timestamp(3), tr::jsonb, r, CASE WHEN ended THEN $15::timestamp(3) END, $15::timestamp(3), $15::timestamp(3)
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[])
       AS x(id, c, v, u, k, s, n, d, te, tt, tr, r, ended)
     ON CONFLICT ("connectorId", "userId", "entryKey") DO NOTHING
     RETURNING id`,
    [appId, col("id"), col("connectorId"), col("versionId"), col("userId"), col("entryKey"), col("status"), col("nodeId"), col("dueAt"),
     col("triggerEvent"), col("triggerTimestamp"), col("trace"), col("endReason"), col("ended"), now.toISOString()],
  );
  return new Set(inserted.map((r) => r.id));
}

// The analytics rollups, counted in the transaction that matches the events: an event is
// counted exactly when it stops being pending (lib/server/analytics reads both).
async function rollUp(tx: Sql, appId: string, events: EventRecord[]) {
  const counts = new Map<string, number>();
  const active = new Set<string>();
  for (const e of events) {
    const hour = new Date(Math.floor(e.timestamp.getTime() / HOUR_MS) * HOUR_MS).toISOString();
    const key = `${hour}\u0000${e.event}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (e.event === "app.open") active.add(`${e.timestamp.toISOString().slice(0, 10)}\u0000${e.userId}`);
  }
  // Sorted, so concurrent transactions lock the counter rows in one order.
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, n]) => [...key.split("\u0000"), n] as const);
  await tx.execute(
    `INSERT INTO "EventCount" ("appId", hour, name, count)
     SELECT $1, h::timestamp(3), n, c FROM unnest($2::text[], $3::text[], $4::int[]) AS x(h, n, c)
     ON CONFLICT ("appId", hour, name) DO UPDATE SET count = "EventCount".count + EXCLUDED.count`,
    [appId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
  if (active.size === 0) return;
  const days = [...active].sort().map((key) => key.split("\u0000"));
  await tx.execute(
    `INSERT INTO "ActiveDay" ("appId", day, "userId") SELECT $1, d::date, u FROM unnest($2::text[], $3::text[]) AS x(d, u) ON CONFLICT DO NOTHING`,
    [appId, days.map((d) => d[0]), days.map((d) => d[1])],
  );
}

/** Matches stored events of one app inside the caller's transaction (the one that stored or claimed them). */
export async function matchEvents(tx: Sql, appId: string, stored: EventRecord[], now: Date): Promise<MatchTally> {
  const tally = { ...emptyTally(), events: stored.length };
  if (stored.length === 0) return tally;
  await rollUp(tx, appId, stored);
  const rules = (await appRules(tx, [appId])).get(appId);
  if (!rules) return tally;
  const relevant = stored.filter((e) => rules.triggersOn(e.event).length > 0 || rules.cancelsOn(e.event) || rules.exitsOn(e.event).size > 0).sort(byTime);
  if (relevant.length === 0) return tally;

  const eventsByUser = new Map<string, EventRecord[]>();
  for (const e of relevant) eventsByUser.set(e.userId, [...(eventsByUser.get(e.userId) ?? []), e]);
  const userIds = [...eventsByUser.keys()].sort();
  const [app] = await tx.query<{ id: string; name: string }>(`SELECT id, name FROM "App" WHERE id = $1`, [appId]);
  if (!app) return tally;
  const users = await tx.query<UserRow>(`SELECT "userId", email, phone, name, attributes FROM "User" WHERE "appId" = $1 AND "userId" = ANY($2::text[])`, [appId, userIds]);
  const userById = new Map(users.map((u) => [u.userId, userRecord(u)]));
  const { inProgress, onceTaken } = await loadWalks(tx, appId, userIds);
  const history = await loadHistory(tx, appId, userIds, rules, relevant);

  const cancels: Cancel[] = [];
  const exits: Exit[] = [];
  const woken: { id: string; nodeId: string }[] = [];
  const walks: { walk: Started; user: UserRecord }[] = [];
  for (const userId of userIds) {
    const user = userById.get(userId) ?? { id: userId, email: null, phone: null, name: null, attributes: {} };
    const result = matchUserBatch({
      now, user, app, events: eventsByUser.get(userId)!, history: (history.get(userId) ?? []).sort(byTime),
      triggersOn: (name) => rules.triggersOn(name), exitsOn: (name) => rules.exitsOn(name), inProgress: inProgress.get(userId) ?? [], onceTaken: onceTaken.get(userId) ?? new Set(),
      newId: () => newId("enr"),
    });
    for (const c of result.cancelled) {
      cancels.push({ id: c.id, nodeId: c.nodeId, from: c.from, entryKey: c.entryKey, reason: `Cancelled by event ${c.byEvent.id}`, entry: JSON.stringify([c.entry]) });
    }
    for (const walk of result.started) walks.push({ walk, user });
    for (const x of result.exited) exits.push({ id: x.id, entryKey: x.entryKey, reason: goalReason(x.byEvent) });
    woken.push(...result.woken);
  }
  tally.woken += await wake(tx, woken, now);
  tally.cancelled += await storeCancels(tx, cancels, now);
  tally.exited += await storeExits(tx, exits, now);
  const inserted = await insertWalks(tx, appId, walks.map(({ walk, user }) => walkRow(walk, user.id, now)), now);

  const sends: PendingSend[] = [];
  for (const { walk, user } of walks) {
    if (!inserted.has(walk.id)) continue;
    tally.enrolled++;
    if (!walk.run.ok) {
      tally.failed++;
      continue;
    }
    if (walk.run.step.outcome.status === "cancelled") tally.cancelled++;
    const dueAt = walk.trigger.timestamp < now ? walk.trigger.timestamp : now;
    const ctx = { tx, now, dueAt, app, user, trigger: walk.trigger, enrollment: { id: walk.id, connectorId: walk.connector.id }, sends };
    const effects = await applyEffects(ctx, walk.run.step.effects);
    tally.queued += effects.queued;
    tally.skipped += effects.skipped;
    tally.fanOuts += effects.fanOuts;
  }
  const recorded = await recordSends(tx, sends, now);
  tally.queued += recorded.queued;
  tally.held += recorded.held;
  tally.skipped += recorded.skipped;
  return tally;
}

type PendingRow = { seq: bigint; appId: string; eventId: string; userId: string; name: string; data: unknown; timestamp: Date };

/**
 * The sweep: events stored without being matched (Segment batches, engagement webhooks,
 * rows from before matching moved into ingest) are claimed with FOR UPDATE SKIP LOCKED,
 * matched, and marked matched in one transaction, so each is matched exactly once.
 */
export async function matchPendingEvents(db: SqlDatabase, now: Date, options: { appId?: string; limit?: number } = {}): Promise<MatchTally> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query<PendingRow>(
      `SELECT seq, "appId", "eventId", "userId", name, data, timestamp FROM "Event"
       WHERE "matchedAt" IS NULL AND ($1::text IS NULL OR "appId" = $1)
       ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [options.appId ?? null, options.limit ?? 500],
    );
    const tally = emptyTally();
    if (claimed.length === 0) return tally;
    const byApp = new Map<string, EventRecord[]>();
    for (const row of claimed) byApp.set(row.appId, [...(byApp.get(row.appId) ?? []), eventRecord(row)]);
    for (const appId of [...byApp.keys()].sort()) addTally(tally, await matchEvents(tx, appId, byApp.get(appId)!, now));
    await tx.execute(`UPDATE "Event" SET "matchedAt" = $1::timestamp(3) WHERE seq = ANY($2::bigint[])`, [now.toISOString(), claimed.map((e) => e.seq.toString())]);
    return tally;
  });
}
