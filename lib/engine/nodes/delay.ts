// delay: waits a while, counted in event time from when the walk reached it (for a delay
// right after the trigger, from the trigger event's timestamp). While it waits, a
// cancelling event for a cancel step after it ends the walk at once.
import { z } from "zod";
import { isoTime } from "../iso-time";
import { formatDelay, formatUtc } from "../journey-format";
import { SINGLE_OUTPUT, type StepDefinition } from "./definition";
import { cancelledBy, earliestCancel, pendingCancelsFrom } from "./cancel";
import { DELAY_UNITS, UNIT_MS, durationSchema, nextId, stepId } from "./fields";
import { MISSING, plural, positive, type Data } from "./words";

const delayDataSchema = durationSchema("A delay");
export type DelayData = z.infer<typeof delayDataSchema>;

const delayStepSchema = z.object({ type: z.literal("delay"), id: stepId, ms: z.number().int().positive(), next: nextId });
export type DelayStep = z.infer<typeof delayStepSchema>;

function describeDelay(data: Data): string {
  const amount = positive(data.amount);
  const unit = typeof data.unit === "string" && (DELAY_UNITS as readonly string[]).includes(data.unit) ? data.unit.slice(0, -1) : null;
  if (amount === null || unit === null) return `Wait ${MISSING}`;
  return `Wait ${plural(amount, unit)}`;
}

export const delayNode: StepDefinition<DelayData, DelayStep> = {
  label: "Delay",
  description: "Wait minutes, hours or days",
  initialData: () => ({ amount: 1, unit: "hours" }),
  data: delayDataSchema,
  outputs: () => SINGLE_OUTPUT,
  describe: describeDelay,
  counts: () => ["waiting", "passed"],
  step: delayStepSchema,
  compile: (id, data, next) => ({ type: "delay", id, ms: Math.round(data.amount * UNIT_MS[data.unit]), next: next(null) }),
  targets: (step) => [step.next],
  run(step, { ctx, clock, resumingDueAt }) {
    const dueAt = resumingDueAt ?? new Date(clock.getTime() + step.ms);
    if (dueAt.getTime() <= ctx.now.getTime()) {
      return { next: step.next, trace: { nodeId: step.id, at: isoTime(dueAt), what: "passed" }, clock: dueAt };
    }
    // A cancelling event that already arrived (say, in the trigger's own batch) ends the
    // wait now, as one arriving during the wait would.
    for (const pending of pendingCancelsFrom(ctx.rule, step.id)) {
      const by = earliestCancel(pending, ctx.trigger, ctx.laterEvents);
      if (by) return cancelledBy(pending.id, isoTime(clock), by);
    }
    const stop = { status: "waiting" as const, nodeId: step.id, dueAt };
    return { stop, trace: resumingDueAt ? null : { nodeId: step.id, at: isoTime(clock), what: "waited" as const, detail: `until ${isoTime(dueAt)}` } };
  },
  tell(entry, step, { input, drawn, index, trace }) {
    const base = { at: entry.at, nodeId: entry.nodeId, messageId: null };
    const delay = formatDelay(step.ms, drawn(entry.nodeId));
    if (entry.what === "passed") return [{ ...base, kind: "waited", text: `Waited ${delay}` }];
    if (entry.what !== "waited") return [];
    // A wait that later passed reads once, as "Waited …", at the time it passed.
    if (trace.slice(index + 1).some((later) => later.nodeId === entry.nodeId && later.what === "passed")) return [];
    const stillWaiting = input.status === "active" && input.nodeId === entry.nodeId;
    return [{ ...base, kind: stillWaiting ? "waiting" : "delay", text: `${stillWaiting ? "Waiting" : "Started waiting"} ${delay}` }];
  },
  waiting(step, { input, drawn }, until) {
    const delay = formatDelay(step.ms, drawn(step.id));
    const cancelEvents = input.rule ? [...new Set(pendingCancelsFrom(input.rule, step.id).flatMap((c) => c.events))] : [];
    let text = `Waiting ${delay}${until ? `, until ${formatUtc(until)}` : ""}`;
    if (cancelEvents.length > 0) text += `; ${cancelEvents.join(" or ")} before then cancels it`;
    return { delay, cancelEvents, text };
  },
};
