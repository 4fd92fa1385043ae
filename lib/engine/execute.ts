import { matchesFilters, readPath } from "./filters";
import { valuesEqual } from "./operators";
import type { ActionStep, CancelStep, Channel, Content, Rule, Step } from "./rule";
import { renderContent, renderTemplate, templateScope, type TemplateScope } from "./templates";
import type { AppRecord, EventRecord, UserRecord } from "./types";

// nodeId = rule.entry and dueAt = null for a new enrollment; a delay node and its due
// time while waiting.
export type EnrollmentPosition = { nodeId: string | null; dueAt: Date | null };

export type StepContext = {
  now: Date;
  rule: Rule;
  trigger: EventRecord;
  user: UserRecord;
  app: AppRecord;
  // The user's events named in rule.cancelEvents with timestamp >= trigger.timestamp.
  laterEvents: EventRecord[];
};

export type Outcome =
  | { status: "waiting"; nodeId: string; dueAt: Date }
  | { status: "completed" }
  | { status: "cancelled"; nodeId: string; byEventId: string };

export type Effect =
  | { kind: "send"; nodeId: string; channel: Channel; content: Content }
  | { kind: "addToSegment" | "removeFromSegment"; nodeId: string; segment: string }
  // Content stays unrendered: the server renders it per member, with that member as user.
  | { kind: "sendToSegment"; nodeId: string; segment: string; channel: Channel; content: Content };

export type TraceEntry = {
  nodeId: string;
  at: string;
  what: "waited" | "passed" | "cancelled" | "yes" | "no" | "acted";
  detail?: string;
};

export type Advance = { outcome: Outcome; effects: Effect[]; trace: TraceEntry[] };

// Rules are acyclic (compile and ruleSchema check it); this only guards a bug.
const MAX_STEPS = 1000;

// One rule for "does this event cancel this enrollment", used when the enrollment
// reaches the cancel step and when an event arrives while it waits in a delay before it.
export function cancelMatches(step: CancelStep, trigger: EventRecord, event: EventRecord): boolean {
  return (
    step.events.includes(event.event) &&
    event.id !== trigger.id &&
    event.timestamp.getTime() >= trigger.timestamp.getTime() &&
    matchesFilters(step.where, event.data) &&
    step.sameValueOf.every((path) => {
      const value = readPath(event.data, path);
      return value !== undefined && value !== null && valuesEqual(value, readPath(trigger.data, path));
    })
  );
}

// The cancel steps an enrollment waiting in this delay must honour as soon as a
// matching event arrives: those reached through delays and cancels only.
export function pendingCancelsFrom(rule: Rule, nodeId: string): CancelStep[] {
  const found: CancelStep[] = [];
  const seen = new Set<string>();
  let id: string | null = nodeId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const step: Step | undefined = stepAt(rule, id);
    if (!step || (step.type !== "delay" && step.type !== "cancel")) break;
    if (step.type === "cancel") found.push(step);
    id = step.next;
  }
  return found;
}

function stepAt(rule: Rule, id: string): Step | undefined {
  return Object.hasOwn(rule.steps, id) ? rule.steps[id] : undefined;
}

function earliestCancel(step: CancelStep, ctx: StepContext): EventRecord | null {
  let first: EventRecord | null = null;
  for (const event of ctx.laterEvents) {
    if (!cancelMatches(step, ctx.trigger, event)) continue;
    const diff = first ? event.timestamp.getTime() - first.timestamp.getTime() : -1;
    if (!first || diff < 0 || (diff === 0 && event.id < first.id)) first = event;
  }
  return first;
}

function act(step: ActionStep, scope: TemplateScope): { effect: Effect | null; detail: string } {
  const { action } = step;
  switch (action.kind) {
    case "send":
      return { effect: { kind: "send", nodeId: step.id, channel: action.channel, content: renderContent(action.content, scope) }, detail: action.channel };
    case "addToSegment":
    case "removeFromSegment":
    case "sendToSegment": {
      const segment = renderTemplate(action.segment, scope).trim();
      // A name that renders empty (the event lacked the value) names no segment.
      if (segment === "") return { effect: null, detail: "skipped: the segment name rendered empty" };
      if (action.kind === "sendToSegment") {
        return {
          effect: { kind: "sendToSegment", nodeId: step.id, segment, channel: action.channel, content: action.content },
          detail: `${action.channel} to segment ${segment}`,
        };
      }
      const verb = action.kind === "addToSegment" ? "added to" : "removed from";
      return { effect: { kind: action.kind, nodeId: step.id, segment }, detail: `${verb} segment ${segment}` };
    }
  }
}

// Runs an enrollment from its position until it must wait or ends. A logical clock
// (the time the enrollment reached the current node) makes delays count from the
// trigger event's timestamp and keeps chained delays on schedule when a tick is late.
export function advance(position: EnrollmentPosition, ctx: StepContext): Advance {
  const { rule, now } = ctx;
  const effects: Effect[] = [];
  const trace: TraceEntry[] = [];
  const scope = templateScope(ctx.trigger, ctx.user, ctx.app);
  const done = (outcome: Outcome): Advance => ({ outcome, effects, trace });

  let clock = position.dueAt ?? ctx.trigger.timestamp;
  let resumingDueAt = position.dueAt;
  let id = position.nodeId;
  for (let count = 0; id !== null; count++) {
    if (count >= MAX_STEPS) throw new Error(`advance: more than ${MAX_STEPS} steps; the rule loops`);
    const step = stepAt(rule, id);
    if (!step) throw new Error(`advance: the rule has no step ${id}`);
    const at = clock.toISOString();

    switch (step.type) {
      case "delay": {
        const dueAt = resumingDueAt ?? new Date(clock.getTime() + step.ms);
        if (dueAt.getTime() > now.getTime()) {
          // A cancelling event that already arrived (say, in the trigger's own batch)
          // ends the wait now, as one arriving during the wait would.
          for (const pending of pendingCancelsFrom(rule, id)) {
            const by = earliestCancel(pending, ctx);
            if (by) {
              trace.push({ nodeId: pending.id, at, what: "cancelled", detail: `by ${by.event} at ${by.timestamp.toISOString()}` });
              return done({ status: "cancelled", nodeId: pending.id, byEventId: by.id });
            }
          }
          if (!resumingDueAt) trace.push({ nodeId: id, at, what: "waited", detail: `until ${dueAt.toISOString()}` });
          return done({ status: "waiting", nodeId: id, dueAt });
        }
        clock = dueAt;
        trace.push({ nodeId: id, at: dueAt.toISOString(), what: "passed" });
        id = step.next;
        break;
      }
      case "cancel": {
        const by = earliestCancel(step, ctx);
        if (by) {
          trace.push({ nodeId: id, at, what: "cancelled", detail: `by ${by.event} at ${by.timestamp.toISOString()}` });
          return done({ status: "cancelled", nodeId: id, byEventId: by.id });
        }
        trace.push({ nodeId: id, at, what: "passed" });
        id = step.next;
        break;
      }
      case "condition": {
        const yes = matchesFilters(step.where, { event: scope.event, user: scope.user }, step.match);
        trace.push({ nodeId: id, at, what: yes ? "yes" : "no" });
        id = yes ? step.yes : step.no;
        break;
      }
      case "action": {
        const { effect, detail } = act(step, scope);
        if (effect) effects.push(effect);
        clock = now;
        trace.push({ nodeId: id, at: now.toISOString(), what: "acted", detail });
        id = step.next;
        break;
      }
    }
    // Only the node the enrollment was waiting in resumes with its stored due time.
    resumingDueAt = null;
  }
  return done({ status: "completed" });
}
