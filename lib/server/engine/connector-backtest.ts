// POST /api/v1/connectors/{id}/backtest: the draft (or a given graph) over the app's
// stored events in [from, to) on a virtual clock, writing nothing. Events stream a page at
// a time, user by user where it can and in time order where it must (backtest-events.ts),
// into one walker per user (lib/engine/simulate.ts, the engine's own matching and
// stepping); walks are counted and
// let go as they end, walks due by `to` run, and those still waiting at `to` count as
// waiting. Only users with walks in progress are kept (unless occurrences, a "once" entry
// or caps need the past), so memory follows the walks in flight, not the length of the
// window. An inactivity trigger enters each silence as it begins (lib/engine/silences.ts),
// from the trigger event's last occurrence before `from` and those in the window. Each
// message, a walk's own or a segment member's (a send to a segment reaches the members it
// has at backtest time), meets today's subscriptions and delivery policy
// (backtest-audience.ts): what they stop shows as skipped; a message they would hold
// counts as sent, later.
import { z } from "zod";
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import { BacktestTally } from "@/lib/engine/backtest";
import type { Effect } from "@/lib/engine/execute";
import { draftGraphSchema } from "@/lib/engine/graph";
import type { Rule } from "@/lib/engine/rule";
import { Silences } from "@/lib/engine/silences";
import { Walker, type SimulatedWalk } from "@/lib/engine/simulate";
import { laterContent, templateScope } from "@/lib/engine/templates";
import { inactivityEntry } from "@/lib/engine/triggers";
import type { EventRecord } from "@/lib/engine/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "../api/errors";
import { getPolicy } from "../delivery/policy-store";
import { topicsByKey } from "../delivery/topics";
import type { Sql, SqlDatabase } from "../sql";
import { renderedParts } from "../templates/rendered-parts";
import { loadPeople, messageFates, SegmentMembers, type Person } from "./backtest-audience";
import { eachPageByUser, eachPageInTime, type StoredEvent } from "./backtest-events";
import { compileDraft } from "./compile-draft";

const DAY = 86_400_000;
const MAX_DAYS = 400;
// People kept between their events (a profile, its choices): about a kilobyte each.
const PEOPLE_KEPT = 100_000;

export const connectorBacktestSchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: "Use an ISO-8601 date-time" }).optional().meta({ description: "Default: 30 days before to" }),
    to: z.iso.datetime({ offset: true, error: "Use an ISO-8601 date-time" }).optional().meta({ description: "Default: now" }),
    graph: draftGraphSchema.optional().meta({ description: "An unsaved graph to backtest instead of the stored draft" }),
  })
  .optional();
export type ConnectorBacktest = z.infer<typeof connectorBacktestSchema>;

type UserState = Person & { walker: Walker | null };
type SegmentSend = Extract<Effect, { kind: "sendToSegment" }>;

// A user with no walk in flight can be let go when nothing earlier can matter again: no
// occurrence count, no "once" entry, no cap to fill, no attribute change (a walk's changes
// live on in its walker's profile, as they would in the database).
function forgetful(rule: Rule, caps: number) {
  const { trigger } = rule;
  const remembers = trigger.kind === "event" && (trigger.occurrences !== null || trigger.reentry === "once");
  return !remembers && caps === 0 && !Object.values(rule.steps).some((s) => s.type === "action" && s.action.kind === "setAttributes");
}

// Each user's last event of this name before `from`, oldest first: where their silence stands when the window opens.
async function silencesAt(sql: Sql, appId: string, rule: Rule, from: Date): Promise<Silences | null> {
  if (rule.trigger.kind !== "inactivity") return null;
  const silences = new Silences(rule.trigger, from);
  const rows = await sql.query<{ userId: string; last: Date }>(
    `SELECT "userId", max(timestamp) AS last FROM "Event" WHERE "appId" = $1 AND name = $2 AND timestamp < $3::timestamp(3) GROUP BY "userId" ORDER BY last, "userId"`,
    [appId, rule.trigger.event, from.toISOString()],
  );
  for (const row of rows) silences.seen(row.userId, row.last);
  return silences;
}

export async function backtestConnector(prisma: PrismaClient, sql: SqlDatabase, appId: string, id: string, input: ConnectorBacktest, now: Date) {
  const to = input?.to ? new Date(input.to) : now;
  const from = input?.from ? new Date(input.from) : new Date(to.getTime() - 30 * DAY);
  if (!(from < to)) throw new ApiError("invalid_request", "from must be before to", [{ path: "from", message: "Must be before to" }]);
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY) throw new ApiError("invalid_request", `At most ${MAX_DAYS} days`, [{ path: "from", message: `At most ${MAX_DAYS} days before to` }]);

  const [connector, app] = await Promise.all([
    prisma.connector.findFirst({ where: { id, appId, deletedAt: null }, select: { id: true, graph: true } }),
    prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, name: true } }),
  ]);
  if (!connector) throw notFound("Connector");
  const compiled = await compileDraft(prisma, appId, input?.graph ?? connector.graph);
  if (!compiled.ok) throw new ApiError("invalid_graph", compiled.message, compiled.problems);
  const { rule } = compiled;
  const { trigger } = rule;
  const names = [...new Set([trigger.event, ...rule.cancelEvents])];
  const policy = await getPolicy(sql, appId);
  const topicKeys = Object.values(rule.steps).flatMap((s) => (s.type === "action" && "options" in s.action ? [s.action.options?.topic ?? DEFAULT_TOPIC] : []));
  const topics = await topicsByKey(sql, appId, [...new Set([DEFAULT_TOPIC, ...topicKeys])]);
  const silences = await silencesAt(sql, appId, rule, from);

  const letGo = forgetful(rule, policy.caps.length);
  const tally = new BacktestTally();
  const fate = messageFates(policy, topics);
  const segments = new SegmentMembers(sql, appId);

  const overlaps = new Overlaps(sql, appId, connector.id);
  const countWalks = (userId: string, state: UserState, walks: SimulatedWalk[]) => {
    for (const walk of walks.sort((a, b) => a.trigger.timestamp.getTime() - b.trigger.timestamp.getTime())) {
      tally.add(userId, walk);
      for (const m of walk.messages) tally.message({ userId, ...m }, fate(state, state.walker?.user() ?? state.user, m));
      for (const effect of walk.effects) if (effect.kind === "sendToSegment") fanOut(walk, effect);
    }
  };
  // Walks are counted as they end, and let go. A graph that sends to segments names them as
  // it runs, so its walks wait for the page's end, when those segments are read (a count
  // needs no order across users).
  const toSegments = Object.values(rule.steps).some((s) => s.type === "action" && s.action.kind === "sendToSegment");
  let ended: { userId: string; state: UserState; walks: SimulatedWalk[] }[] = [];
  const count = async () => {
    await segments.load(ended.flatMap(({ walks }) => walks.flatMap((w) => w.effects.flatMap((e) => (e.kind === "sendToSegment" ? [e.segment] : [])))));
    for (const { userId, state, walks } of ended) countWalks(userId, state, walks);
    ended = [];
    await overlaps.add(tally.takeSent());
  };
  // As the campaign fan-out does for a connector's step: each member, their own message, rendered with the walk's trigger event.
  const fanOut = (walk: SimulatedWalk, effect: SegmentSend) => {
    const at = walk.trace.findLast((t) => t.nodeId === effect.nodeId && t.what === "acted")?.at;
    for (const memberId of segments.of(effect.segment) ?? []) {
      const member = segments.people.get(memberId)!;
      const message = { nodeId: effect.nodeId, channel: effect.channel, options: effect.options, at: new Date(at!) };
      const content = laterContent(effect.content, () => templateScope(walk.trigger, member.user, app));
      tally.message({ userId: memberId, ...message, content }, fate(member, member.user, message));
    }
  };

  // Everyone met, by id: their profile and choices, and a walker while they have walks in
  // flight. The people with none are kept across pages (a user usually comes back within a
  // few) up to a bound, the earliest met dropped first, so memory stays flat.
  const known = new Map<string, UserState>();
  // Past the bound, down to 90 % at once, so the map is not walked again on the next page.
  const forgetIdle = () => {
    if (known.size <= PEOPLE_KEPT) return;
    for (const [userId, state] of known) {
      if (known.size <= PEOPLE_KEPT * 0.9) break;
      if (!state.walker) known.delete(userId);
    }
  };
  const walkerOf = (state: UserState) => (state.walker ??= new Walker({ connector: { id: connector.id, rule }, user: state.user, app, renderLater: true }));
  const settle = (userId: string, state: UserState, walker: Walker) => {
    const walks = walker.drainEnded();
    if (walks.length > 0) {
      if (toSegments) ended.push({ userId, state, walks });
      else countWalks(userId, state, walks);
    }
    // Memory stays with the walks in progress; a user met again starts afresh from what was loaded.
    if (letGo && walker.walks.length === 0) state.walker = null;
  };
  // The silences that begin by `until`, each entered at its moment (before events of that moment, as a tick before them).
  const enterSilences = (until: Date) => {
    if (trigger.kind !== "inactivity") return;
    for (const silence of silences!.take(until)) {
      const state = known.get(silence.userId)!;
      const walker = walkerOf(state);
      const entry = inactivityEntry(connector.id, trigger, silence.userId, silence.last, silence.at);
      walker.enter(entry.event, entry.entryKey, entry.detail);
      settle(silence.userId, state, walker);
    }
  };
  // Users met and not known: loaded in three queries. A load may overlap another (the next
  // page's people load while this page runs): one that comes back late never replaces a
  // person met meanwhile.
  const loadFor = async (userIds: string[]) => {
    const loaded = await loadPeople(sql, appId, [...new Set(userIds)].filter((u) => !known.has(u)));
    for (const [userId, person] of loaded) if (!known.has(userId)) known.set(userId, { ...person, walker: null });
  };
  // Once users are let go, an event that cannot start a walk means nothing to a user without one.
  const startsNothing = (event: EventRecord, state: UserState | undefined) => letGo && event.event !== trigger.event && !state?.walker;

  // A user's walks end (and are counted) at `to` at the latest: those due by then run; what still waits counts as waiting.
  const end = new Date(to.getTime() - 1);
  const finish = (userId: string, state: UserState) => {
    if (!state.walker) return;
    state.walker.runDue(end);
    const walks = [...state.walker.drainEnded(), ...state.walker.walks];
    if (toSegments) ended.push({ userId, state, walks });
    else countWalks(userId, state, walks);
    state.walker = null;
  };

  // By user when each user's events can pass at once (backtest-events.ts): not for an
  // inactivity trigger, whose silences begin on everybody's one clock, nor for sends to
  // segments, whose members' caps count messages in time order.
  const byUser = sql.concurrent && trigger.kind === "event" && !toSegments;
  // The user whose events are passing, by user: finished when the next one's begin.
  let passing: string | null = null;
  let scanned = 0;
  // The people a page needs. An inactivity walk starts from a silence, never from an event:
  // only the users whose silence begins on this page, and a user without a walk only marks the time.
  const peopleOf = (page: StoredEvent[]) => {
    const last = page.at(-1)!.timestamp;
    if (silences) return [...silences.beginningBy(last), ...page.filter((e) => e.event === trigger.event && silences.beginsBy(e.timestamp, last)).map((e) => e.userId)];
    return page.filter((e) => !startsNothing(e, known.get(e.userId))).map((e) => e.userId);
  };
  const walkPage = async (page: StoredEvent[], early: Promise<void>) => {
    scanned += page.length;
    // Loaded while the page before ran; whoever that left out (let go meanwhile, or a silence, which only this page's turn can tell) now.
    await early;
    await loadFor(peopleOf(page));
    for (const event of page) {
      if (byUser && event.userId !== passing) {
        if (passing !== null) finishPassing(passing);
        passing = event.userId;
      }
      enterSilences(event.timestamp);
      if (event.event === trigger.event) silences?.seen(event.userId, event.timestamp);
      const state = known.get(event.userId);
      if (!state || (silences && !state.walker) || startsNothing(event, state)) continue;
      const walker = walkerOf(state);
      walker.push(event);
      settle(event.userId, state, walker);
    }
    await count();
    forgetIdle();
  };
  // A page behind the stream: each page's people load while the page before it runs (a
  // round trip per page otherwise, a third of a million-event backtest).
  let behind = null as { page: StoredEvent[]; early: Promise<void> } | null;
  const onPage = async (page: StoredEvent[]) => {
    const early = silences ? Promise.resolve() : loadFor(peopleOf(page));
    early.catch(() => {}); // awaited by walkPage(); a backtest that fails first never does
    if (behind) await walkPage(behind.page, behind.early);
    behind = { page, early };
  };
  // A user passed by: their events are over, so their walks run on to the end, and they are let go.
  const finishPassing = (userId: string) => {
    const state = known.get(userId);
    if (state) finish(userId, state);
    known.delete(userId);
  };
  if (byUser) await eachPageByUser(sql, appId, names, from, to, onPage);
  else await eachPageInTime(sql, appId, names, from, to, onPage);
  if (behind) await walkPage(behind.page, behind.early);
  if (passing !== null) finishPassing(passing);

  // The silences that begin before `to` enter; the walks due before it run; what still waits then counts as waiting.
  await loadFor(silences?.beginningBy(end) ?? []);
  enterSilences(end);
  for (const [userId, state] of known) finish(userId, state);
  await count();

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    eventsScanned: scanned,
    entered: tally.entered,
    users: tally.users.size,
    nodes: tally.nodes,
    messages: { ...tally.messages(), samples: await Promise.all(tally.samples.map(async (m) => ({ userId: m.userId, channel: m.channel, ...(await renderedParts(m.channel, m.content)), at: m.at.toISOString() }))) },
    overlaps: overlaps.result(),
  };
}

// Live connectors that messaged the same users within 24 hours of a backtest message:
// asked a page of sent messages at a time, the people each connector shares gathered
// (so memory follows those people, not the number of messages).
class Overlaps {
  private readonly shared = new Map<string, { name: string; users: Set<string> }>();

  constructor(private readonly sql: Sql, private readonly appId: string, private readonly connectorId: string) {}

  async add(sent: { userId: string; at: Date }[]) {
    if (sent.length === 0) return;
    const rows = await this.sql.query<{ connectorId: string; name: string; userId: string }>(
      `SELECT DISTINCT m."connectorId", c.name, m."userId"
       FROM unnest($2::text[], $3::timestamp(3)[]) AS x(u, at)
       JOIN "Message" m ON m."appId" = $1 AND m."userId" = x.u AND m.status = 'sent'
         AND m."sentAt" BETWEEN x.at - interval '24 hours' AND x.at + interval '24 hours'
       JOIN "Connector" c ON c.id = m."connectorId" AND c.id <> $4 AND c.status = 'active' AND c."deletedAt" IS NULL`,
      [this.appId, sent.map((s) => s.userId), sent.map((s) => s.at.toISOString()), this.connectorId],
    );
    for (const row of rows) {
      const entry = this.shared.get(row.connectorId) ?? { name: row.name, users: new Set<string>() };
      entry.users.add(row.userId);
      this.shared.set(row.connectorId, entry);
    }
  }

  /** Most people shared first, then by name. */
  result() {
    return [...this.shared]
      .map(([connectorId, { name, users }]) => ({ connectorId, name, users: users.size }))
      .sort((a, b) => b.users - a.users || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
