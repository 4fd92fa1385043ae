// cancel: ends the walk as cancelled when the user logged one of these events (matching
// the filters, with the trigger's values at sameValueOf) at or after the trigger event.
// Checked when the walk reaches it, and by a delay before it as soon as such an event
// arrives (pendingCancelsFrom).
import { z } from "zod";
import { dataMatches, filterSchema, readPath } from "../filters";
import { isoTime } from "../iso-time";
import { valuesEqual } from "../operators";
import type { Rule } from "../rule";
import { SINGLE_OUTPUT, type StepDefinition } from "./definition";
import type { Step } from "./registry";
import { dataPath, eventName, filterList, nextId, stepId } from "./fields";
import type { EventRecord } from "../types";
import { MISSING, describeFilters, texts, type Data } from "./words";

const cancelDataSchema = z.object({
  events: z
    .array(eventName("Choose an event name"), { error: "Choose the events that cancel" })
    .min(1, { error: "Choose at least one event that cancels" })
    .max(50, { error: "At most 50 events" }),
  where: filterList.optional(),
  sameValueOf: z
    .array(dataPath("Choose the field to compare"), { error: "List the fields whose values must match" })
    .max(20, { error: "At most 20 fields" }).optional(),
});
export type CancelData = z.infer<typeof cancelDataSchema>;

const cancelStepSchema = z.object({
  type: z.literal("cancel"),
  id: stepId,
  events: z.array(z.string()).min(1),
  where: z.array(filterSchema),
  sameValueOf: z.array(z.string()),
  next: nextId,
});
export type CancelStep = z.infer<typeof cancelStepSchema>;

/** The event carries the trigger event's values at these paths (keyed cancels and waits: the same order_nr). */
export function sameValues(paths: readonly string[], trigger: EventRecord, event: EventRecord): boolean {
  return paths.every((path) => {
    const value = readPath(event.data, path);
    return value !== undefined && value !== null && valuesEqual(value, readPath(trigger.data, path));
  });
}

// One rule for "does this event cancel this walk", used when the walk reaches the
// cancel step and when an event arrives while it waits in a delay before it.
export function cancelMatches(step: CancelStep, trigger: EventRecord, event: EventRecord): boolean {
  return (
    step.events.includes(event.event) &&
    event.id !== trigger.id &&
    event.timestamp.getTime() >= trigger.timestamp.getTime() &&
    dataMatches(step.where, event) &&
    sameValues(step.sameValueOf, trigger, event)
  );
}

const pending = new WeakMap<Rule, Map<string, readonly CancelStep[]>>();

// The cancel steps a walk waiting in this delay must honour as soon as a matching event
// arrives: those reached through delays and cancels only.
export function pendingCancelsFrom(rule: Rule, nodeId: string): readonly CancelStep[] {
  // Asked for every waiting walk an event meets: found once per rule and node (rules are not changed once compiled).
  const known = pending.get(rule) ?? pending.set(rule, new Map()).get(rule)!;
  const cached = known.get(nodeId);
  if (cached) return cached;
  const found: CancelStep[] = [];
  const seen = new Set<string>();
  let id: string | null = nodeId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const step: Step | undefined = Object.hasOwn(rule.steps, id) ? rule.steps[id] : undefined;
    if (!step || (step.type !== "delay" && step.type !== "cancel")) break;
    if (step.type === "cancel") found.push(step);
    id = step.next;
  }
  known.set(nodeId, found);
  return found;
}

/** The first of the walk's later events that cancels it here, in (timestamp, id) order. */
export function earliestCancel(step: CancelStep, trigger: EventRecord, laterEvents: readonly EventRecord[]): EventRecord | null {
  let first: EventRecord | null = null;
  for (const event of laterEvents) {
    if (!cancelMatches(step, trigger, event)) continue;
    const diff = first ? event.timestamp.getTime() - first.timestamp.getTime() : -1;
    if (!first || diff < 0 || (diff === 0 && event.id < first.id)) first = event;
  }
  return first;
}

export function cancelledBy(nodeId: string, at: string, by: EventRecord) {
  return {
    stop: { status: "cancelled" as const, nodeId, byEventId: by.id },
    trace: { nodeId, at, what: "cancelled" as const, detail: `by ${by.event} at ${by.timestamp.toISOString()}` },
  };
}

function describeCancel(data: Data): string {
  const events = texts(data.events);
  let summary = `Cancel if ${events.length > 0 ? events.join(" or ") : MISSING}`;
  const where = describeFilters(data.where, " and ");
  if (where) summary += ` where ${where}`;
  const same = texts(data.sameValueOf);
  if (same.length > 0) summary += ` with the same ${same.join(" and ")}`;
  return summary;
}

export const cancelNode: StepDefinition<CancelData, CancelStep> = {
  label: "Cancel",
  description: "Stop if the user did something since",
  initialData: () => ({ events: [] }),
  data: cancelDataSchema,
  outputs: () => SINGLE_OUTPUT,
  describe: describeCancel,
  counts: () => ["cancelled", "passed"],
  step: cancelStepSchema,
  compile: (id, data, next) => ({ type: "cancel", id, events: data.events, where: data.where ?? [], sameValueOf: data.sameValueOf ?? [], next: next(null) }),
  targets: (step) => [step.next],
  listensFor: (step) => step.events,
  run(step, { ctx, clock }) {
    const at = isoTime(clock);
    const by = earliestCancel(step, ctx.trigger, ctx.laterEvents);
    if (by) return cancelledBy(step.id, at, by);
    return { next: step.next, trace: { nodeId: step.id, at, what: "passed" } };
  },
  tell(entry, step) {
    if (entry.what !== "passed") return [];
    return [{ at: entry.at, nodeId: entry.nodeId, messageId: null, kind: "checked", text: `No ${step.events.join(" or ")} since entering, so not cancelled` }];
  },
};
