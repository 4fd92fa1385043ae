// One user through a connector on a virtual clock, writing nothing: the engine's own
// matchUserBatch and advance, driven as the server drives them (lib/server/engine:
// match-events runs an event's walks at once, run-enrollments runs a waiting walk when
// its time comes), but with the clock jumping from one moment to the next. Before each
// event the walks due by then run at their due time; the event then cancels, wakes, ends
// and starts walks; after the last event the clock runs on until nothing waits (or the
// horizon). Messages are what the action steps rendered; consent and delivery policy
// are the server's business and are not applied here.
import { advance, type Advance, type Effect, type EnrollmentPosition, type TraceEntry } from "./execute";
import { isoTime } from "./iso-time";
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

type WalkerInput = { connector: { id: string; rule: Rule }; user: UserRecord; app: AppRecord; renderLater?: boolean };

/**
 * A user's walks through one connector's rule, driven event by event; `renderLater`:
 * messages render when first read. A class rather than closures: a backtest makes one
 * per user with a walk in flight, hundreds of thousands over a month.
 */
export class Walker {
  readonly walks: SimulatedWalk[] = [];
  private readonly rule: Rule;
  private readonly live: LiveConnector;
  private readonly app: AppRecord;
  private readonly renderLater: boolean;
  private readonly stored: EventRecord[] = [];
  // The stored events walks listen for (rule.cancelEvents), apart: a due walk reads them, not the whole history.
  private readonly cancels: EventRecord[] = [];
  private current: UserRecord;
  private ids = 0;
  // Made once, not per event (a backtest pushes a million).
  private readonly triggersOn: (name: string) => LiveConnector[];
  private readonly nextId = () => `walk_${++this.ids}`;
  // Kept apart from the walks, which a backtest drops once ended: a "once" entry stays used.
  private onceUsed = false;

  constructor(input: WalkerInput) {
    this.rule = input.connector.rule;
    this.live = { id: input.connector.id, versionId: "simulation", rule: this.rule };
    const { trigger } = this.rule;
    const starts = [this.live];
    this.triggersOn = (name) => (trigger.kind === "event" && trigger.event === name ? starts : []);
    this.app = input.app;
    this.renderLater = input.renderLater ?? false;
    this.current = input.user;
  }

  user(): UserRecord {
    return this.current;
  }

  /** One event of the user, in time order: the walks due by its time run first. */
  push(event: EventRecord): void {
    const now = event.timestamp;
    const { live } = this;
    this.runDue(now);
    const inProgress: InProgress[] = [];
    for (const w of this.walks) {
      if (w.status === "active") inProgress.push({ id: w.id, connectorId: live.id, rule: this.rule, status: "active", nodeId: w.nodeId, entryKey: w.entryKey, trigger: w.trigger });
    }
    // The history is the events before this one: matchUserBatch reads it during the call, before the push below.
    const result = matchUserBatch({
      now, user: this.current, app: this.app, events: [event], history: this.stored,
      triggersOn: this.triggersOn,
      exitsOn: () => NO_EXITS,
      inProgress,
      newId: this.nextId,
      renderLater: this.renderLater,
      onceTaken: this.onceUsed ? new Set([live.id]) : NO_EXITS,
    });
    this.stored.push(event);
    if (this.rule.cancelEvents.includes(event.event)) this.cancels.push(event);
    for (const c of result.cancelled) {
      const walk = this.walks.find((w) => w.id === c.id)!;
      walk.trace.push(c.entry);
      Object.assign(walk, { status: "cancelled", nodeId: c.nodeId, dueAt: null, entryKey: c.entryKey, endReason: `Cancelled by event ${c.byEvent.id}`, endedAt: now });
    }
    // A woken wait is due now: it runs before the clock moves on.
    for (const w of result.woken) Object.assign(this.walks.find((x) => x.id === w.id)!, { dueAt: now });
    for (const started of result.started) {
      const walk = this.begin(started.id, started.trigger, started.entryKey, `entered from ${started.trigger.event}`);
      if (started.entryKey === "once") this.onceUsed = true;
      if (started.run.ok) this.record(walk, started.run.step, now);
      else Object.assign(walk, { status: "failed", endReason: started.run.reason, endedAt: now });
    }
    if (result.woken.length > 0 || result.started.length > 0) this.runDue(now);
    this.forgetBefore(now);
  }

  /** Starts a walk that no event of the user started (an inactivity entry) at `trigger`'s time, as the tick runs one the inactivity check entered (run-enrollments.ts); due walks run first. */
  enter(trigger: EventRecord, entryKey: string, detail: string): void {
    const now = trigger.timestamp;
    this.runDue(now);
    const walk = this.begin(this.nextId(), trigger, entryKey, detail);
    this.step(walk, { nodeId: this.rule.entry, dueAt: null }, now);
    this.runDue(now);
  }

  /** Runs the walks due by `until`, each at its own due time, earliest first (as the tick leases them). */
  runDue(until: Date): void {
    for (;;) {
      // The earliest due walk, in one pass (a backtest calls this for every event).
      // Compared as numbers: comparing Dates converts both on every test.
      let next: SimulatedWalk | undefined;
      let nextAt = until.getTime();
      for (const w of this.walks) {
        if (w.status === "active" && w.dueAt !== null && (w.dueAt.getTime() < nextAt || (!next && w.dueAt.getTime() === nextAt))) {
          next = w;
          nextAt = w.dueAt.getTime();
        }
      }
      if (!next) return;
      // When it reached the wait node it waits in: a woken wait's window counts from there (only a wait reads it).
      const last = next.trace.at(-1);
      const waits = this.rule.steps[next.nodeId!]?.type === "wait";
      const since = waits && last && last.nodeId === next.nodeId && last.what === "waited" ? new Date(last.at) : null;
      this.step(next, { nodeId: next.nodeId, dueAt: next.dueAt, since }, next.dueAt!);
    }
  }

  /** Takes the walks that have ended out of the walker (a backtest counts them and lets them go). */
  drainEnded(): SimulatedWalk[] {
    const { walks } = this;
    if (walks.every((w) => w.status === "active")) return [];
    const ended = walks.filter((w) => w.status !== "active");
    for (let i = walks.length - 1; i >= 0; i--) if (walks[i]!.status !== "active") walks.splice(i, 1);
    return ended;
  }

  private begin(id: string, trigger: EventRecord, entryKey: string, detail: string): SimulatedWalk {
    const walk: SimulatedWalk = {
      id, trigger, status: "active", nodeId: this.rule.entry, dueAt: null, since: null, entryKey,
      trace: [{ nodeId: this.rule.trigger.nodeId, at: isoTime(trigger.timestamp), what: "passed", detail }],
      messages: [], effects: [], endReason: null, endedAt: null,
    };
    this.walks.push(walk);
    return walk;
  }

  // Runs a walk from its position at `now`, with the cancelling events from its trigger on.
  private step(walk: SimulatedWalk, position: EnrollmentPosition, now: Date) {
    const at = walk.trigger.timestamp.getTime();
    const laterEvents = this.cancels.filter((e) => e.timestamp.getTime() >= at);
    const { live, rule, app, renderLater } = this;
    try {
      this.record(walk, advance(position, { now, connectorId: live.id, rule, trigger: walk.trigger, user: this.current, app, laterEvents, renderLater }), now);
    } catch (error) {
      Object.assign(walk, { status: "failed", dueAt: null, endedAt: now, endReason: (error as Error).message.slice(0, 500) });
    }
  }

  private record(walk: SimulatedWalk, step: Advance, now: Date) {
    walk.trace.push(...step.trace);
    for (const effect of step.effects) {
      if (effect.kind === "send") walk.messages.push({ nodeId: effect.nodeId, channel: effect.channel, content: effect.content, options: effect.options, at: now });
      else walk.effects.push(effect);
      if (effect.kind === "setAttributes") this.current = { ...this.current, attributes: withAttributes(this.current.attributes, effect.attributes) };
    }
    // Field by field, not Object.assign: no object made per step (a backtest records millions).
    const { outcome } = step;
    if (outcome.status === "waiting") {
      walk.status = "active";
      walk.nodeId = outcome.nodeId;
      walk.dueAt = outcome.dueAt;
    } else {
      walk.status = outcome.status;
      walk.nodeId = outcome.status === "cancelled" ? outcome.nodeId : null;
      walk.dueAt = null;
      walk.endedAt = now;
      walk.entryKey = releasedEntryKey(walk.id, walk.entryKey);
      if (outcome.status === "cancelled") walk.endReason = `Cancelled by event ${outcome.byEventId}`;
    }
  }

  // Without occurrence counts, the history serves only the events walks listen for (cancel
  // and wait steps), which look at events from a walk's trigger on, and every walk from now
  // on starts at or after `now`: what came before the oldest walk in flight can go (a
  // backtest walks a month of a user's events).
  private forgetBefore(now: Date) {
    if (this.rule.trigger.kind === "event" && this.rule.trigger.occurrences) return;
    let cutoff = now.getTime();
    for (const w of this.walks) if (w.status === "active") cutoff = Math.min(cutoff, w.trigger.timestamp.getTime());
    for (const list of [this.stored, this.cancels]) {
      let old = 0;
      while (old < list.length && list[old]!.timestamp.getTime() < cutoff) old++;
      if (old > 0) list.splice(0, old);
    }
  }
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
  const walker = new Walker(input);
  for (const event of input.events) walker.push(event);
  // The clock runs on for walks still waiting, up to the horizon.
  const last = input.events.at(-1)?.timestamp ?? new Date(0);
  const endedAt = new Date(last.getTime() + (input.horizonDays ?? 365) * DAY);
  walker.runDue(endedAt);
  return { walks: walker.walks, user: walker.user(), endedAt };
}
