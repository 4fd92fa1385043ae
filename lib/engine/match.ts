// Matching one user's new events, with exactly the result of matching them one at a time
// in timestamp order after they were stored: for every event, first end the walks it
// cancels, wake the walks waiting for it in a wait node, end the walks whose goal it is
// (goal.exit), then start the connectors it triggers and run each new walk as far as it
// goes now. Every walk sees all the user's stored events (a backdated purchase stored in the
// same request as its cart still cancels the reminder), and a walk the batch started
// holds its re-entry slot against the batch's later events (three trigger → send events
// of one user send three messages; a walk waiting in a delay keeps the next one out).
import { advance, type Advance, type TraceEntry } from "./execute";
import { withAttributes } from "./nodes/action";
import { cancelMatches, pendingCancelsFrom } from "./nodes/cancel";
import { waitMatches } from "./nodes/wait";
import type { Rule } from "./rule";
import { crossesOccurrences, triggerMatches } from "./triggers";
import type { AppRecord, EventRecord, UserRecord } from "./types";

export type LiveConnector = { id: string; versionId: string; rule: Rule };

/** A walk of this user that was in progress before the batch. */
export type InProgress = {
  id: string;
  connectorId: string;
  rule: Rule;
  status: "entered" | "active";
  nodeId: string | null;
  entryKey: string;
  trigger: EventRecord;
};

export type UserBatch = {
  now: Date;
  user: UserRecord;
  app: AppRecord;
  /** The user's new events, in (timestamp, id) order. */
  events: EventRecord[];
  /** The user's events stored before this batch that occurrence counts and cancels may need. */
  history: EventRecord[];
  triggersOn(eventName: string): LiveConnector[];
  /** Connectors whose goal, with exit, is this event: it ends the user's walks in them. */
  exitsOn(eventName: string): ReadonlySet<string>;
  inProgress: InProgress[];
  /** Connectors whose "once" entry this user has already used. */
  onceTaken: ReadonlySet<string>;
  newId(): string;
  /** Messages render when first read (a backtest's: execute.ts StepContext). */
  renderLater?: boolean;
};


/** A walk the batch started, in its state after the batch. */
export type Started = {
  id: string;
  connector: LiveConnector;
  trigger: EventRecord;
  entryKey: string;
  /** How far it went now; a failure is a template that hit a render limit (the walk stops, the batch goes on). */
  run: { ok: true; step: Advance } | { ok: false; reason: string };
  /** The goal event, later in the batch, that ended it (as it would have, one event at a time). */
  exitedBy?: EventRecord;
};

/** A walk from before the batch that one of its events cancelled. */
export type Cancelled = { id: string; from: string; entryKey: string; nodeId: string; byEvent: EventRecord; entry: TraceEntry };

/** A walk from before the batch that reached its connector's goal (goal.exit). */
export type Exited = { id: string; entryKey: string; byEvent: EventRecord };

/** A walk from before the batch waiting in a wait node for an event the batch brought: due now, so the runner decides. */
export type Woken = { id: string; nodeId: string };

export type UserBatchResult = { started: Started[]; cancelled: Cancelled[]; exited: Exited[]; woken: Woken[] };

/** The goal event counts for walks it came after: not their own trigger, not earlier. */
function reachesGoal(trigger: EventRecord, event: EventRecord): boolean {
  return event.id !== trigger.id && event.timestamp.getTime() >= trigger.timestamp.getTime();
}

/** Ending frees an ifNotActive slot ("active"), so the user may enter again. */
export function releasedEntryKey(id: string, entryKey: string): string {
  return entryKey === "active" ? id : entryKey;
}

type Waiting = InProgress & { nodeId: string };

function runWalk(batch: UserBatch, user: UserRecord, connector: LiveConnector, trigger: EventRecord, laterEvents: EventRecord[]): Started["run"] {
  const { rule } = connector;
  try {
    return { ok: true, step: advance({ nodeId: rule.entry, dueAt: null }, { now: batch.now, connectorId: connector.id, rule, trigger, user, app: batch.app, laterEvents, renderLater: batch.renderLater }) };
  } catch (error) {
    return { ok: false, reason: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
}

export function matchUserBatch(batch: UserBatch): UserBatchResult {
  const started: Started[] = [];
  const cancelled: Cancelled[] = [];
  const exited: Exited[] = [];
  // Made when first needed: most events wake nothing, and most walks' entry keys are their
  // own ids, which no new walk can ask for (a backtest matches every event of a month).
  let woken: Map<string, Woken> | undefined;
  // Re-entry slots held now: "connectorId\0active" while an ifNotActive walk runs. Only
  // slots other than a walk's own id are asked for or let go, so only they make the set.
  let heldSlots: Set<string> | undefined;
  const held = () => (heldSlots ??= new Set(batch.inProgress.map((w) => `${w.connectorId}\u0000${w.entryKey}`)));
  const release = (connectorId: string, walkId: string, entryKey: string) => {
    if (entryKey !== walkId) held().delete(`${connectorId}\u0000${entryKey}`);
  };
  // The in-progress walks themselves, not copies (a backtest matches every event of a month).
  const waiting = batch.inProgress.filter((w): w is Waiting => w.status === "active" && w.nodeId !== null);
  // Everything stored: occurrence counts and cancels only look at the events they should.
  // Joined when first needed: most events start nothing (a backtest matches every one).
  let all: EventRecord[] | undefined;
  const stored = () => (all ??= [...batch.history, ...batch.events]);
  // The profile as the next walk would read it from the database: earlier walks' attribute changes applied.
  let user = batch.user;

  for (const event of batch.events) {
    // 1. The walks this event cancels, each at the first cancel step ahead of it.
    for (let i = 0; i < waiting.length; i++) {
      const w = waiting[i]!;
      if (!w.rule.cancelEvents.includes(event.event)) continue;
      const step = pendingCancelsFrom(w.rule, w.nodeId).find((s) => cancelMatches(s, w.trigger, event));
      if (!step) continue;
      const entry: TraceEntry = { nodeId: step.id, at: batch.now.toISOString(), what: "cancelled", detail: `by ${event.event} at ${event.timestamp.toISOString()}` };
      cancelled.push({ id: w.id, from: w.nodeId, entryKey: releasedEntryKey(w.id, w.entryKey), nodeId: step.id, byEvent: event, entry });
      release(w.connectorId, w.id, w.entryKey);
      waiting.splice(i--, 1);
    }
    // 1a. The walks waiting for this event in a wait node: woken, to run as soon as the
    // runner gets to them (it checks the window and the event's time).
    for (const w of waiting) {
      const step = Object.hasOwn(w.rule.steps, w.nodeId) ? w.rule.steps[w.nodeId] : undefined;
      if (step?.type === "wait" && event.timestamp.getTime() >= w.trigger.timestamp.getTime() && waitMatches(step, w.trigger, event)) {
        (woken ??= new Map()).set(w.id, { id: w.id, nodeId: w.nodeId });
      }
    }
    // 1b. The walks it ends by reaching their connector's goal (goal.exit): those from
    // before the batch still in progress, and those the batch started that still wait.
    const exits = batch.exitsOn(event.event);
    if (exits.size > 0) {
      for (const w of batch.inProgress) {
        if (!exits.has(w.connectorId) || !reachesGoal(w.trigger, event) || exited.some((e) => e.id === w.id)) continue;
        const i = waiting.findIndex((x) => x.id === w.id);
        if (i === -1 && w.status === "active") continue; // cancelled earlier in the batch
        if (i !== -1) waiting.splice(i, 1);
        exited.push({ id: w.id, entryKey: releasedEntryKey(w.id, w.entryKey), byEvent: event });
        release(w.connectorId, w.id, w.entryKey);
      }
      for (const walk of started) {
        if (!exits.has(walk.connector.id) || walk.exitedBy || !walk.run.ok || walk.run.step.outcome.status !== "waiting") continue;
        if (!reachesGoal(walk.trigger, event)) continue;
        walk.exitedBy = event;
        if (walk.entryKey !== "once") release(walk.connector.id, walk.id, walk.entryKey);
      }
    }
    // 2. The connectors it starts, run as far as they go now.
    for (const connector of batch.triggersOn(event.event)) {
      const { trigger } = connector.rule;
      if (trigger.kind !== "event" || !triggerMatches(trigger, event)) continue;
      if (trigger.occurrences && !crossesOccurrences(trigger, event, stored().filter((e) => e.event === trigger.event))) continue;
      const id = batch.newId();
      const entryKey = trigger.reentry === "once" ? "once" : trigger.reentry === "ifNotActive" ? "active" : id;
      const slot = `${connector.id}\u0000${entryKey}`;
      if (entryKey === "once" && batch.onceTaken.has(connector.id)) continue;
      if (entryKey !== id && held().has(slot)) continue;
      // What may cancel the walk (cancelMatches keeps those after its trigger).
      const laterEvents = stored().filter((e) => connector.rule.cancelEvents.includes(e.event));
      const walk: Started = { id, connector, trigger: event, entryKey, run: runWalk(batch, user, connector, event, laterEvents) };
      started.push(walk);
      for (const effect of walk.run.ok ? walk.run.step.effects : []) {
        if (effect.kind === "setAttributes") user = { ...user, attributes: withAttributes(user.attributes, effect.attributes) };
      }
      // A new walk that waits has already seen every event that could cancel it.
      if (entryKey !== id && (entryKey === "once" || (walk.run.ok && walk.run.step.outcome.status === "waiting"))) held().add(slot);
    }
  }
  // A walk cancelled or ended later in the batch has nothing to wake.
  if (!woken) return { started, cancelled, exited, woken: [] };
  const ended = new Set([...cancelled.map((c) => c.id), ...exited.map((x) => x.id)]);
  return { started, cancelled, exited, woken: [...woken.values()].filter((w) => !ended.has(w.id)) };
}
