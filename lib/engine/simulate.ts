// One user through a connector on a virtual clock, writing nothing: the engine's own
// matchUserBatch and advance, driven as the server drives them (lib/server/engine:
// match-events runs an event's walks at once, run-enrollments runs a waiting walk when
// its time comes), but with the clock jumping from one moment to the next. Before each
// event the walks due by then run at their due time; the event then cancels, wakes, ends
// and starts walks; after the last event the clock runs on until nothing waits (or the
// horizon). Messages are what the action steps rendered; consent and delivery policy
// are the server's business and are not applied here.
import { advance, type Advance, type Effect, type TraceEntry } from "./execute";
import { matchUserBatch, releasedEntryKey, type InProgress, type LiveConnector } from "./match";
import { withAttributes } from "./nodes/action";
import type { Channel, RenderedContent, SendOptions } from "./nodes/fields";
import type { Rule } from "./rule";
import type { AppRecord, EventRecord, UserRecord } from "./types";

export type SimulatedMessage = { nodeId: string; channel: Channel; content: RenderedContent; options: SendOptions; at: Date };

export type SimulatedWalk = {
  id: string;
  trigger: EventRecord;
  status: "active" | "completed" | "cancelled" | "failed";
  nodeId: string | null;
  dueAt: Date | null;
  since: Date | null;
  entryKey: string;
  trace: TraceEntry[];
  messages: SimulatedMessage[];
  /** Segment and attribute changes, in words, that the walk would make. */
  effects: Effect[];
  endReason: string | null;
  endedAt: Date | null;
};

export type Simulation = { walks: SimulatedWalk[]; user: UserRecord; endedAt: Date };

const DAY = 86_400_000;
const NO_EXITS: ReadonlySet<string> = new Set();

export type Walker = {
  /** One event of the user, in time order: the walks due by its time run first. */
  push(event: EventRecord): void;
  /** Starts a walk that no event of the user started (an inactivity entry) at `trigger`'s time; due walks run first. */
  enter(trigger: EventRecord, entryKey: string, detail: string): void;
  /** Runs the walks due by `until`, each at its own due time. */
  runDue(until: Date): void;
  walks: SimulatedWalk[];
  /** Takes the walks that have ended out of the walker (a backtest counts them and lets them go). */
  drainEnded(): SimulatedWalk[];
  user(): UserRecord;
};

/** A user's walks through one connector's rule, driven event by event; `renderLater`: messages render when first read. */
export function createWalker(input: { connector: { id: string; rule: Rule }; user: UserRecord; app: AppRecord; renderLater?: boolean }): Walker {
  const renderLater = input.renderLater ?? false;
  const { rule } = input.connector;
  const live: LiveConnector = { id: input.connector.id, versionId: "simulation", rule };
  const walks: SimulatedWalk[] = [];
  const stored: EventRecord[] = [];
  let user = input.user;
  let ids = 0;
  // Kept apart from the walks, which a backtest drops once ended: a "once" entry stays used.
  let onceUsed = false;
  const record = (walk: SimulatedWalk, step: Advance, now: Date) => {
    walk.trace.push(...step.trace);
    for (const effect of step.effects) {
      if (effect.kind === "send") walk.messages.push({ nodeId: effect.nodeId, channel: effect.channel, content: effect.content, options: effect.options, at: now });
      else walk.effects.push(effect);
      if (effect.kind === "setAttributes") user = { ...user, attributes: withAttributes(user.attributes, effect.attributes) };
    }
    const { outcome } = step;
    if (outcome.status === "waiting") Object.assign(walk, { status: "active", nodeId: outcome.nodeId, dueAt: outcome.dueAt });
    else {
      Object.assign(walk, { status: outcome.status, nodeId: outcome.status === "cancelled" ? outcome.nodeId : null, dueAt: null, endedAt: now });
      walk.entryKey = releasedEntryKey(walk.id, walk.entryKey);
      if (outcome.status === "cancelled") walk.endReason = `Cancelled by event ${outcome.byEventId}`;
    }
  };

  // The walks due by `until`, each at its own due time, earliest first (as the tick leases them).
  const runDue = (until: Date) => {
    for (;;) {
      // The earliest due walk, in one pass (a backtest calls this for every event).
      // Compared as numbers: comparing Dates converts both on every test.
      let next: SimulatedWalk | undefined;
      let nextAt = until.getTime();
      for (const w of walks) {
        if (w.status === "active" && w.dueAt !== null && (w.dueAt.getTime() < nextAt || (!next && w.dueAt.getTime() === nextAt))) {
          next = w;
          nextAt = w.dueAt.getTime();
        }
      }
      if (!next) return;
      const now = next.dueAt!;
      // When it reached the node it waits in: a woken wait's window counts from there.
      const last = next.trace.at(-1);
      const since = last && last.nodeId === next.nodeId && last.what === "waited" ? new Date(last.at) : null;
      const laterEvents = stored.filter((e) => rule.cancelEvents.includes(e.event) && e.timestamp >= next.trigger.timestamp);
      try {
        record(next, advance({ nodeId: next.nodeId, dueAt: next.dueAt, since }, { now, connectorId: live.id, rule, trigger: next.trigger, user, app: input.app, laterEvents, renderLater }), now);
      } catch (error) {
        Object.assign(next, { status: "failed", dueAt: null, endedAt: now, endReason: (error as Error).message.slice(0, 500) });
      }
    }
  };

  // Made once per walker, not per event.
  const triggersOn = (name: string) => (rule.trigger.kind === "event" && rule.trigger.event === name ? [live] : []);
  const exitsOn = () => NO_EXITS;
  const newId = () => `walk_${++ids}`;

  const push = (event: EventRecord) => {
    const now = event.timestamp;
    runDue(now);
    const inProgress: InProgress[] = [];
    for (const w of walks) {
      if (w.status === "active") inProgress.push({ id: w.id, connectorId: live.id, rule, status: "active", nodeId: w.nodeId, entryKey: w.entryKey, trigger: w.trigger });
    }
    // The history is the events before this one: matchUserBatch reads it during the call, before the push below.
    const result = matchUserBatch({
      now, user, app: input.app, events: [event], history: stored,
      triggersOn, exitsOn, inProgress, newId, renderLater,
      onceTaken: onceUsed ? new Set([live.id]) : NO_EXITS,
    });
    stored.push(event);
    for (const c of result.cancelled) {
      const walk = walks.find((w) => w.id === c.id)!;
      walk.trace.push(c.entry);
      Object.assign(walk, { status: "cancelled", nodeId: c.nodeId, dueAt: null, entryKey: c.entryKey, endReason: `Cancelled by event ${c.byEvent.id}`, endedAt: now });
    }
    // A woken wait is due now: it runs before the clock moves on.
    for (const w of result.woken) Object.assign(walks.find((x) => x.id === w.id)!, { dueAt: now });
    for (const started of result.started) {
      const walk = begin(started.id, started.trigger, started.entryKey, `entered from ${started.trigger.event}`);
      if (started.entryKey === "once") onceUsed = true;
      if (started.run.ok) record(walk, started.run.step, now);
      else Object.assign(walk, { status: "failed", endReason: started.run.reason, endedAt: now });
    }
    if (result.woken.length > 0 || result.started.length > 0) runDue(now);
  };

  const begin = (id: string, trigger: EventRecord, entryKey: string, detail: string) => {
    const walk: SimulatedWalk = {
      id, trigger, status: "active", nodeId: rule.entry, dueAt: null, since: null, entryKey,
      trace: [{ nodeId: rule.trigger.nodeId, at: trigger.timestamp.toISOString(), what: "passed", detail }],
      messages: [], effects: [], endReason: null, endedAt: null,
    };
    walks.push(walk);
    return walk;
  };

  // As the tick runs a walk the inactivity check entered: from the entry step, at once (run-enrollments.ts).
  const enter = (trigger: EventRecord, entryKey: string, detail: string) => {
    const now = trigger.timestamp;
    runDue(now);
    const walk = begin(newId(), trigger, entryKey, detail);
    const laterEvents = stored.filter((e) => rule.cancelEvents.includes(e.event) && e.timestamp >= now);
    try {
      record(walk, advance({ nodeId: rule.entry, dueAt: null }, { now, connectorId: live.id, rule, trigger, user, app: input.app, laterEvents, renderLater }), now);
    } catch (error) {
      Object.assign(walk, { status: "failed", dueAt: null, endedAt: now, endReason: (error as Error).message.slice(0, 500) });
    }
    runDue(now);
  };

  const drainEnded = () => {
    if (walks.every((w) => w.status === "active")) return [];
    const ended = walks.filter((w) => w.status !== "active");
    for (let i = walks.length - 1; i >= 0; i--) if (walks[i]!.status !== "active") walks.splice(i, 1);
    return ended;
  };
  return { push, enter, runDue, walks, drainEnded, user: () => user };
}

/** Runs `events` (in time order) for one user through one connector's rule. */
export function simulateUser(input: {
  connector: { id: string; rule: Rule };
  user: UserRecord;
  app: AppRecord;
  events: EventRecord[];
  /** How long the clock may run on after the last event for walks still waiting. */
  horizonDays?: number;
}): Simulation {
  const walker = createWalker(input);
  for (const event of input.events) walker.push(event);
  // The clock runs on for walks still waiting, up to the horizon.
  const last = input.events.at(-1)?.timestamp ?? new Date(0);
  const endedAt = new Date(last.getTime() + (input.horizonDays ?? 365) * DAY);
  walker.runDue(endedAt);
  return { walks: walker.walks, user: walker.user(), endedAt };
}
