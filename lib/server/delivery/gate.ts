// The delivery gate: every message is decided here before it is recorded (a connector's
// sends, a campaign's page) and again when a held one comes due (releaseHeld, from the
// tick). Per batch it reads the policies, the users' choices and, where a cap applies,
// their recent messages: a handful of statements, whatever the batch size.
//
// Caps are race-free across processes: before counting a user's recent messages the
// transaction takes a per-user advisory lock (pg_advisory_xact_lock, held to commit),
// so two transactions deciding messages for one user run one after the other, and the
// second counts what the first recorded. Within a batch, messages of one user are
// decided in due order, each counting those decided before it.
import { consentOf, decide, type Pending, type Verdict } from "@/lib/delivery/decide";
import type { Slot } from "@/lib/delivery/caps";
import { capCovers, capWindowMs, DEFAULT_TOPIC, type DeliveryPolicy } from "@/lib/delivery/policy";
import type { Channel } from "@/lib/engine/nodes/fields";
import type { Sql } from "../sql";
import { policiesOf } from "./policy-store";
import { choicesOf } from "./subscriptions";
import { topicsByKey } from "./topics";

export type Candidate = {
  appId: string;
  userId: string;
  channel: Channel;
  topic: string | null;
  at: Date;
  ignoreQuietHours: boolean;
  ignoreCaps: boolean;
  /** A held message being decided again: not counted against itself. */
  id?: string;
};

const capped = (policy: DeliveryPolicy, c: Candidate) =>
  !c.ignoreCaps && (c.topic ?? DEFAULT_TOPIC) !== "transactional" && policy.caps.some((cap) => capCovers(cap, c.channel));

// Users in one order in every transaction, so two batches never wait on each other in a circle.
async function lockUsers(tx: Sql, appId: string, userIds: string[]) {
  await tx.query(
    // count(*): the lock function returns void, which a Prisma transaction (the campaign fan-out's) cannot read.
    `SELECT count(pg_advisory_xact_lock(hashtextextended($1 || ':' || u, 0)))::int AS locked FROM (SELECT u FROM unnest($2::text[]) AS u ORDER BY u) AS users`,
    [appId, [...new Set(userIds)].sort()],
  );
}

// The user's messages around these, each at the time it was due (queued and held: when
// they go; sent: when they were due, which the outbox keeps; rows sent before it kept
// that: when sent).
function slotsOf(slots: Map<string, Slot[]>, userId: string): Slot[] {
  let mine = slots.get(userId);
  if (!mine) slots.set(userId, (mine = []));
  return mine;
}

async function recentSlots(tx: Sql, appId: string, userIds: string[], since: Date, until: Date, exclude: string[]): Promise<Map<string, Slot[]>> {
  const rows = await tx.query<{ userId: string; channel: Channel; at: Date }>(
    `SELECT "userId", channel, COALESCE("nextAttemptAt", "sentAt") AS at FROM "Message"
     WHERE "appId" = $1 AND "userId" = ANY($2::text[]) AND status IN ('sent', 'queued', 'held')
       AND COALESCE("nextAttemptAt", "sentAt") > $3::timestamp(3) AND COALESCE("nextAttemptAt", "sentAt") < $4::timestamp(3)
       AND NOT (id = ANY($5::text[]))`,
    [appId, userIds, since.toISOString(), until.toISOString(), exclude],
  );
  const slots = new Map<string, Slot[]>();
  for (const r of rows) slotsOf(slots, r.userId).push({ channel: r.channel, at: r.at.getTime() });
  return slots;
}

async function zonesOf(tx: Sql, appId: string, userIds: string[]): Promise<Map<string, string | null>> {
  const rows = await tx.query<{ userId: string; timezone: string | null }>(`SELECT "userId", timezone FROM "User" WHERE "appId" = $1 AND "userId" = ANY($2::text[])`, [appId, userIds]);
  return new Map(rows.map((r) => [r.userId, r.timezone]));
}

async function gateApp(tx: Sql, appId: string, policy: DeliveryPolicy, candidates: Candidate[]): Promise<Verdict[]> {
  const userIds = [...new Set(candidates.map((c) => c.userId))];
  const topicKeys = [...new Set(candidates.map((c) => c.topic ?? DEFAULT_TOPIC))];
  const [topics, choices, zones] = await Promise.all([
    topicsByKey(tx, appId, topicKeys),
    choicesOf(tx, appId, userIds),
    policy.quietHours ? zonesOf(tx, appId, userIds) : Promise.resolve(new Map<string, string | null>()),
  ]);
  const cappedUsers = [...new Set(candidates.filter((c) => capped(policy, c)).map((c) => c.userId))];
  let slots = new Map<string, Slot[]>();
  if (cappedUsers.length > 0) {
    await lockUsers(tx, appId, cappedUsers);
    const longest = Math.max(...policy.caps.map(capWindowMs));
    const times = candidates.map((c) => c.at.getTime());
    // Windows reach a cap's length either side of a message (lib/delivery/caps.ts).
    slots = await recentSlots(tx, appId, cappedUsers, new Date(Math.min(...times) - longest), new Date(Math.max(...times) + longest), candidates.flatMap((c) => (c.id ? [c.id] : [])));
  }

  const verdicts = new Array<Verdict>(candidates.length);
  // Due order, so each message of a user counts the ones before it.
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a]!.at.getTime() - candidates[b]!.at.getTime() || a - b);
  for (const i of order) {
    const c = candidates[i]!;
    const topicKey = c.topic ?? DEFAULT_TOPIC;
    const pending: Pending = {
      channel: c.channel, topic: topicKey, at: c.at, ignoreQuietHours: c.ignoreQuietHours, ignoreCaps: c.ignoreCaps, timezone: zones.get(c.userId) ?? null,
    };
    const verdict = decide(
      pending,
      consentOf(choices.get(c.userId) ?? [], c.channel, topicKey, topics.get(topicKey)),
      policy,
      slots.get(c.userId) ?? [],
    );
    if (verdict.status !== "skipped") slotsOf(slots, c.userId).push({ channel: c.channel, at: verdict.sendAt.getTime() });
    verdicts[i] = verdict;
  }
  return verdicts;
}

/** A verdict for each candidate, in the order given. */
export async function gate(tx: Sql, candidates: Candidate[]): Promise<Verdict[]> {
  if (candidates.length === 0) return [];
  const byApp = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    const indexes = byApp.get(c.appId);
    if (indexes) indexes.push(i);
    else byApp.set(c.appId, [i]);
  });
  const apps = [...byApp.keys()].sort();
  const policies = await policiesOf(tx, apps);
  const verdicts = new Array<Verdict>(candidates.length);
  for (const appId of apps) {
    const indexes = byApp.get(appId)!;
    const decided = await gateApp(tx, appId, policies.get(appId)!, indexes.map((i) => candidates[i]!));
    indexes.forEach((index, k) => (verdicts[index] = decided[k]!));
  }
  return verdicts;
}
