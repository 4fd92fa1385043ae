// POST /api/v1/connectors/{id}/backtest: the draft (or a given graph) over the app's
// stored events in [from, to) on a virtual clock, writing nothing. Events stream in time
// order, a page at a time, into one walker per user (lib/engine/simulate.ts, the engine's
// own matching and stepping); walks are counted and let go as they end, walks due by `to`
// run, and those still waiting at `to` count as waiting. Only users with walks in
// progress are kept (unless occurrences, a "once" entry or caps need the past), so memory
// follows the walks in flight, not the length of the window. Each message meets today's
// subscriptions and delivery policy (lib/delivery/decide.ts): what they stop shows as
// skipped; a message they would hold counts as sent, later.
import { z } from "zod";
import type { Slot } from "@/lib/delivery/caps";
import { consentOf, decide, type Choice } from "@/lib/delivery/decide";
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import { BacktestTally } from "@/lib/engine/backtest";
import { draftGraphSchema } from "@/lib/engine/graph";
import { createWalker, type SimulatedMessage, type Walker } from "@/lib/engine/simulate";
import type { UserRecord } from "@/lib/engine/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "../api/errors";
import { getPolicy } from "../delivery/policy-store";
import { choicesOf } from "../delivery/subscriptions";
import { topicsByKey } from "../delivery/topics";
import type { Sql } from "../sql";
import { unreachableReason } from "./addresses";
import { renderedParts } from "../templates/rendered-parts";
import { compileDraft } from "./compile-draft";
import { usersWithDevices } from "./effects";
import { eventRecord, userRecord, type UserRow } from "./records";

const DAY = 86_400_000;
// Events read per query; CUE_BACKTEST_PAGE makes pages small in tests, so users cross pages.
const pageSize = () => Number(process.env.CUE_BACKTEST_PAGE) || 5_000;
const MAX_DAYS = 400;

export const connectorBacktestSchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: "Use an ISO-8601 date-time" }).optional().meta({ description: "Default: 30 days before to" }),
    to: z.iso.datetime({ offset: true, error: "Use an ISO-8601 date-time" }).optional().meta({ description: "Default: now" }),
    graph: draftGraphSchema.optional().meta({ description: "An unsaved graph to backtest instead of the stored draft" }),
  })
  .optional();
export type ConnectorBacktest = z.infer<typeof connectorBacktestSchema>;

type EventRow = { seq: bigint; eventId: string; userId: string; name: string; data: unknown; timestamp: Date };

type Loaded = { user: UserRecord; zone: string | null; choices: Choice[]; hasDevice: boolean };
type UserState = Loaded & { walker: Walker; slots: Slot[] };

export async function backtestConnector(prisma: PrismaClient, sql: Sql, appId: string, id: string, input: ConnectorBacktest, now: Date) {
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
  if (rule.trigger.kind !== "event") {
    throw new ApiError("invalid_request", "Backtest replays events; this connector starts from inactivity", [{ path: "graph", message: "Use an event trigger to backtest" }]);
  }
  const names = [...new Set([rule.trigger.event, ...rule.cancelEvents])];
  const policy = await getPolicy(sql, appId);
  const topicKeys = Object.values(rule.steps).flatMap((s) => (s.type === "action" && "options" in s.action ? [s.action.options?.topic ?? DEFAULT_TOPIC] : []));
  const topics = await topicsByKey(sql, appId, [...new Set([DEFAULT_TOPIC, ...topicKeys])]);

  const users = new Map<string, UserState>();
  const forgetful =
    !rule.trigger.occurrences && rule.trigger.reentry !== "once" && policy.caps.length === 0 &&
    // A walk's attribute changes live on in its walker's profile, as they would in the database.
    !Object.values(rule.steps).some((s) => s.type === "action" && s.action.kind === "setAttributes");
  const tally = new BacktestTally();

  // Today's consent and policy for one message; the user's earlier backtest messages fill the caps.
  const fate = (state: UserState) => (m: SimulatedMessage): "sent" | "skipped" => {
    // As the live engine records it: no address for the channel is a skip before any rule.
    if (unreachableReason(m.channel, state.walker.user(), state.hasDevice)) return "skipped";
    const topicKey = m.options.topic || DEFAULT_TOPIC;
    const verdict = decide(
      { channel: m.channel, topic: topicKey, at: m.at, ignoreQuietHours: m.options.ignoreQuietHours ?? false, ignoreCaps: m.options.ignoreCaps ?? false, timezone: state.zone },
      consentOf(state.choices, m.channel, topicKey, topics.get(topicKey)),
      policy,
      state.slots,
    );
    if (verdict.status === "skipped") return "skipped";
    state.slots.push({ channel: m.channel, at: verdict.sendAt.getTime() });
    return "sent";
  };
  const count = (userId: string, state: UserState, walks: ReturnType<Walker["drainEnded"]>) => {
    for (const walk of walks.sort((a, b) => a.trigger.timestamp.getTime() - b.trigger.timestamp.getTime())) tally.add(userId, walk, fate(state));
  };

  let scanned = 0;
  const events = eventStream(sql, appId, names, from, to);
  for (;;) {
    const page = await events.next();
    if (page.length === 0) break;
    scanned += page.length;
    // Users met on this page and not in progress (new, or let go and met again): loaded in three queries.
    const fresh = [...new Set(page.map((e) => e.userId))].filter((u) => !users.has(u));
    const loaded = new Map<string, Loaded>();
    if (fresh.length > 0) {
      const [profiles, chosen, devices] = await Promise.all([
        sql.query<UserRow & { timezone: string | null }>(`SELECT "userId", email, phone, name, attributes, timezone FROM "User" WHERE "appId" = $1 AND "userId" = ANY($2::text[])`, [appId, fresh]),
        choicesOf(sql, appId, fresh),
        usersWithDevices(sql, appId, fresh),
      ]);
      const byId = new Map(profiles.map((p) => [p.userId, p]));
      for (const userId of fresh) {
        const profile = byId.get(userId);
        const user = profile ? userRecord(profile) : { id: userId, email: null, phone: null, name: null, attributes: {} };
        loaded.set(userId, { user, zone: profile?.timezone ?? null, choices: chosen.get(userId) ?? [], hasDevice: devices.has(userId) });
      }
    }
    const stateOf = (userId: string): UserState => {
      let state = users.get(userId);
      if (!state) {
        const known = loaded.get(userId)!;
        state = { ...known, walker: createWalker({ connector: { id: connector.id, rule }, user: known.user, app }), slots: [] };
        users.set(userId, state);
      }
      return state;
    };
    for (const row of page) {
      const state = stateOf(row.userId);
      state.walker.push(eventRecord(row));
      count(row.userId, state, state.walker.drainEnded());
      // Memory stays with the walks in progress: a user with none is let go when nothing
      // earlier can matter again (no occurrence count, no "once" entry, no cap to fill, no
      // attribute change); met again, it starts afresh from what was loaded.
      if (forgetful && state.walker.walks.length === 0) {
        users.delete(row.userId);
        loaded.set(row.userId, { user: state.user, zone: state.zone, choices: state.choices, hasDevice: state.hasDevice });
      }
    }
  }
  // The walks due before `to` run; what still waits then counts as waiting.
  const end = new Date(to.getTime() - 1);
  for (const [userId, state] of users) {
    state.walker.runDue(end);
    count(userId, state, [...state.walker.drainEnded(), ...state.walker.walks]);
  }

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    eventsScanned: scanned,
    entered: tally.entered,
    users: tally.users.size,
    nodes: tally.nodes,
    messages: { ...tally.messages(), samples: await Promise.all(tally.samples.map(async (m) => ({ userId: m.userId, channel: m.channel, ...(await renderedParts(m.channel, m.content)), at: m.at }))) },
    overlaps: await overlaps(sql, appId, connector.id, tally.sent),
  };
}

const earlier = (a: EventRow, b: EventRow) => a.timestamp.getTime() - b.timestamp.getTime() || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);

// The events of these names in [from, to), in (timestamp, seq) order, a page at a time. One
// keyset cursor per name, each reading the (appId, name, timestamp) index in order, merged
// here: a single query over all the names would sort every remaining row for each page.
function eventStream(sql: Sql, appId: string, names: string[], from: Date, to: Date) {
  const streams = names.map((name) => ({ name, rows: [] as EventRow[], after: null as EventRow | null, done: false }));
  const fill = async (stream: (typeof streams)[number]) => {
    const rows = await sql.query<EventRow>(
      `SELECT seq, "eventId", "userId", name, data, timestamp FROM "Event"
       WHERE "appId" = $1 AND name = $2 AND timestamp >= $3::timestamp(3) AND timestamp < $4::timestamp(3)
         AND ($5::timestamp(3) IS NULL OR (timestamp, seq) > ($5::timestamp(3), $6::bigint))
       ORDER BY timestamp, seq LIMIT ${pageSize()}`,
      [appId, stream.name, from.toISOString(), to.toISOString(), stream.after?.timestamp.toISOString() ?? null, stream.after?.seq.toString() ?? "0"],
    );
    stream.rows = rows;
    stream.after = rows.at(-1) ?? stream.after;
    stream.done = rows.length < pageSize();
  };
  return {
    /** The next page in order; empty at the end. */
    async next(): Promise<EventRow[]> {
      const page: EventRow[] = [];
      while (page.length < pageSize()) {
        for (const stream of streams) if (stream.rows.length === 0 && !stream.done) await fill(stream);
        let first: (typeof streams)[number] | null = null;
        for (const stream of streams) if (stream.rows.length > 0 && (!first || earlier(stream.rows[0]!, first.rows[0]!) < 0)) first = stream;
        if (!first) break;
        page.push(first.rows.shift()!);
      }
      return page;
    },
  };
}

// Live connectors that messaged the same users within 24 hours of a backtest message.
async function overlaps(sql: Sql, appId: string, connectorId: string, sent: { userId: string; at: Date }[]) {
  if (sent.length === 0) return [];
  const rows = await sql.query<{ connectorId: string; name: string; users: number }>(
    `SELECT m."connectorId", c.name, count(DISTINCT m."userId")::int AS users
     FROM unnest($2::text[], $3::timestamp(3)[]) AS x(u, at)
     JOIN "Message" m ON m."appId" = $1 AND m."userId" = x.u AND m.status = 'sent'
       AND m."sentAt" BETWEEN x.at - interval '24 hours' AND x.at + interval '24 hours'
     JOIN "Connector" c ON c.id = m."connectorId" AND c.id <> $4 AND c.status = 'active' AND c."deletedAt" IS NULL
     GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
    [appId, sent.map((s) => s.userId), sent.map((s) => s.at.toISOString()), connectorId],
  );
  return rows;
}
