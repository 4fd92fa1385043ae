// wait: waits up to a window for the user's event, in event time. Out of "yes" as soon as
// a matching event (at or after the moment the walk reached this node, within the window,
// with the trigger event's values at sameValueOf) is stored; out of "no" when the window
// ends without one. The matcher wakes a walk waiting here when its event arrives
// (lib/engine/match.ts), so nothing polls per user.
import { z } from "zod";
import { dataMatches, filterSchema } from "../filters";
import { formatDelay, formatUtc } from "../journey-format";
import type { EventRecord } from "../types";
import { sameValues } from "./cancel";
import type { StepDefinition } from "./definition";
import { DELAY_UNITS, UNIT_MS, dataPath, durationSchema, eventName, filterList, nextId, stepId } from "./fields";
import { MISSING, asData, describeFilters, plural, positive, text, texts, type Data } from "./words";

const waitDataSchema = z.object({
  event: eventName("Choose the event to wait for"),
  where: filterList.optional(),
  sameValueOf: z
    .array(dataPath("Choose the field to compare"), { error: "List the fields whose values must match" })
    .max(20, { error: "At most 20 fields" })
    .optional(),
  within: durationSchema("A wait"),
});
export type WaitData = z.infer<typeof waitDataSchema>;

const waitStepSchema = z.object({
  type: z.literal("wait"),
  id: stepId,
  event: z.string(),
  where: z.array(filterSchema),
  sameValueOf: z.array(z.string()),
  ms: z.number().int().positive(),
  yes: nextId,
  no: nextId,
});
export type WaitStep = z.infer<typeof waitStepSchema>;

const OUTPUTS = [
  { handle: "yes", label: "yes" },
  { handle: "no", label: "no" },
] as const;

/** Could this event end the wait (its name, its filters, the trigger's values)? Time is checked by the step. */
export function waitMatches(step: WaitStep, trigger: EventRecord, event: EventRecord): boolean {
  return event.event === step.event && event.id !== trigger.id && dataMatches(step.where, event) && sameValues(step.sameValueOf, trigger, event);
}

function firstArrival(step: WaitStep, trigger: EventRecord, events: readonly EventRecord[], from: number, to: number): EventRecord | null {
  let first: EventRecord | null = null;
  for (const event of events) {
    const at = event.timestamp.getTime();
    if (at < from || at > to || !waitMatches(step, trigger, event)) continue;
    const diff = first ? at - first.timestamp.getTime() : -1;
    if (!first || diff < 0 || (diff === 0 && event.id < first.id)) first = event;
  }
  return first;
}

function describeWait(data: Data): string {
  const within = asData(data.within);
  const amount = positive(within.amount);
  const unit = typeof within.unit === "string" && (DELAY_UNITS as readonly string[]).includes(within.unit) ? within.unit.slice(0, -1) : null;
  let summary = `Wait for ${text(data.event) ?? MISSING}`;
  const where = describeFilters(data.where, " and ");
  if (where) summary += ` where ${where}`;
  const same = texts(data.sameValueOf);
  if (same.length > 0) summary += ` with the same ${same.join(" and ")}`;
  return `${summary} up to ${amount === null || unit === null ? MISSING : plural(amount, unit)}`;
}

export const waitNode: StepDefinition<WaitData, WaitStep> = {
  label: "Wait for event",
  description: "Branch on whether the user does something in time",
  initialData: () => ({ event: "", within: { amount: 24, unit: "hours" } }),
  data: waitDataSchema,
  outputs: () => OUTPUTS,
  describe: describeWait,
  counts: () => ["waiting", "passed"],
  step: waitStepSchema,
  compile: (id, data, next) => ({
    type: "wait", id, event: data.event, where: data.where ?? [], sameValueOf: data.sameValueOf ?? [],
    ms: Math.round(data.within.amount * UNIT_MS[data.within.unit]), yes: next("yes"), no: next("no"),
  }),
  targets: (step) => [step.yes, step.no],
  listensFor: (step) => [step.event],
  run(step, { ctx, clock, resumingDueAt, waitingSince }) {
    // Resuming (its window ran out, or the matcher woke it): the window began when the walk arrived.
    const since = resumingDueAt ? (waitingSince ?? new Date(resumingDueAt.getTime() - step.ms)) : clock;
    const end = since.getTime() + step.ms;
    const came = firstArrival(step, ctx.trigger, ctx.laterEvents, since.getTime(), end);
    if (came) {
      const at = came.timestamp.getTime() > since.getTime() ? came.timestamp : since;
      return { next: step.yes, clock: at, trace: { nodeId: step.id, at: at.toISOString(), what: "yes", detail: `${came.event} at ${came.timestamp.toISOString()}` } };
    }
    if (end <= ctx.now.getTime()) {
      const at = new Date(end);
      return { next: step.no, clock: at, trace: { nodeId: step.id, at: at.toISOString(), what: "no" } };
    }
    const waited = { nodeId: step.id, at: since.toISOString(), what: "waited" as const, detail: `for ${step.event} until ${new Date(end).toISOString()}` };
    return { stop: { status: "waiting", nodeId: step.id, dueAt: new Date(end) }, trace: resumingDueAt ? null : waited };
  },
  tell(entry, step, { input, drawn, index, trace }) {
    const base = { at: entry.at, nodeId: entry.nodeId, messageId: null };
    const window = formatDelay(step.ms, asData(drawn(entry.nodeId)).within);
    if (entry.what === "yes") return [{ ...base, kind: "branched", text: `${step.event} came within ${window}: yes` }];
    if (entry.what === "no") return [{ ...base, kind: "branched", text: `No ${step.event} within ${window}: no` }];
    if (entry.what !== "waited") return [];
    // A wait that later ended reads once, as its outcome.
    if (trace.slice(index + 1).some((later) => later.nodeId === entry.nodeId)) return [];
    const still = input.status === "active" && input.nodeId === entry.nodeId;
    return [{ ...base, kind: still ? "waiting" : "delay", text: `${still ? "Waiting" : "Started waiting"} up to ${window} for ${step.event}` }];
  },
  waiting(step, { drawn }, until) {
    const delay = formatDelay(step.ms, asData(drawn(step.id)).within);
    return { delay, cancelEvents: [], text: `Waiting up to ${delay} for ${step.event}${until ? `, until ${formatUtc(until)}` : ""}` };
  },
};
