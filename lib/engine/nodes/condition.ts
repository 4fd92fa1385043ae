// condition: branches on the trigger event's data or the user's profile, out of its
// "yes" or its "no" output.
import { z } from "zod";
import { filterSchema, matchesFilters, type Filter } from "../filters";
import { isoTime } from "../iso-time";
import type { StepDefinition } from "./definition";
import { checkedFilter, nextId, stepId } from "./fields";
import { MISSING, describeFilter, describeFilters } from "./words";

const conditionDataSchema = z.object({
  where: z
    .array(
      checkedFilter.refine((f: Filter) => f.path.startsWith("event.") || f.path.startsWith("user."), {
        error: "A condition path starts with event. or user. (like event.data.amount or user.email)",
        path: ["path"],
      }),
      { error: "Add at least one filter" },
    )
    .min(1, { error: "Add at least one filter" })
    .max(50, { error: "At most 50 filters" }),
  match: z.enum(["all", "any"], { error: "Choose all or any" }).default("all"),
});
export type ConditionData = z.infer<typeof conditionDataSchema>;

// Stored rules name the branches yes and no; published versions keep running on them.
const conditionStepSchema = z.object({
  type: z.literal("condition"),
  id: stepId,
  where: z.array(filterSchema),
  match: z.enum(["all", "any"]),
  yes: nextId,
  no: nextId,
});
export type ConditionStep = z.infer<typeof conditionStepSchema>;

const OUTPUTS = [
  { handle: "yes", label: "yes" },
  { handle: "no", label: "no" },
] as const;

export const conditionNode: StepDefinition<ConditionData, ConditionStep> = {
  label: "Condition",
  description: "Branch on event data or the user profile",
  initialData: () => ({ where: [], match: "all" }),
  data: conditionDataSchema,
  outputs: () => OUTPUTS,
  describe: (data) => `If ${describeFilters(data.where, data.match === "any" ? " or " : " and ") ?? MISSING}`,
  counts: () => ["entered", "passed"],
  step: conditionStepSchema,
  compile: (id, data, next) => ({ type: "condition", id, where: data.where, match: data.match, yes: next("yes"), no: next("no") }),
  targets: (step) => [step.yes, step.no],
  run(step, { scope, clock }) {
    const yes = matchesFilters(step.where, { event: scope.event, user: scope.user }, step.match);
    return { next: yes ? step.yes : step.no, trace: { nodeId: step.id, at: isoTime(clock), what: yes ? "yes" : "no" } };
  },
  tell(entry, step) {
    if (entry.what !== "yes" && entry.what !== "no") return [];
    const text =
      step.where.length === 0
        ? `Checked a condition: ${entry.what}`
        : `Checked whether ${step.where.map(describeFilter).join(step.match === "any" ? " or " : " and ")}: ${entry.what}`;
    return [{ at: entry.at, nodeId: entry.nodeId, messageId: null, kind: "branched", text }];
  },
};
