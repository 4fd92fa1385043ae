import { z } from "zod";
import { filterSchema } from "./filters";
import { REENTRY, nextId, stepId } from "./nodes/fields";
import { stepNode, stepSchema, type Step } from "./nodes/registry";
import { backEdges } from "./walk";

// The compiled rule is stored as JSON with every published version and re-parsed
// with ruleSchema when read back, so it holds only plain JSON (no Dates, no functions).
// Each step's shape is its node type's (lib/engine/nodes); the trigger's is here.

const triggerSchema = z.discriminatedUnion("kind", [
  z.object({
    nodeId: stepId,
    kind: z.literal("event"),
    event: z.string(),
    where: z.array(filterSchema),
    occurrences: z
      .object({
        atLeast: z.number().int().min(1),
        sameValueOf: z.string().nullable(),
        withinHours: z.number().positive().nullable(),
      })
      .nullable(),
    reentry: z.enum(REENTRY),
  }),
  z.object({ nodeId: stepId, kind: z.literal("inactivity"), event: z.string(), days: z.number().int().min(1) }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type EventTrigger = Extract<Trigger, { kind: "event" }>;
export type InactivityTrigger = Extract<Trigger, { kind: "inactivity" }>;

export function stepTargets(step: Step): Array<string | null> {
  return stepNode(step).targets(step);
}

export const ruleSchema = z
  .object({
    version: z.literal(1),
    trigger: triggerSchema,
    entry: nextId,
    steps: z.record(z.string(), stepSchema),
    cancelEvents: z.array(z.string()),
  })
  .superRefine((rule, ctx) => {
    // advance() walks these links, so a stored rule must be closed and acyclic.
    if (rule.entry !== null && !Object.hasOwn(rule.steps, rule.entry)) {
      ctx.addIssue({ code: "custom", path: ["entry"], message: `Unknown step ${rule.entry}` });
    }
    for (const [key, step] of Object.entries(rule.steps)) {
      if (step.id !== key) ctx.addIssue({ code: "custom", path: ["steps", key, "id"], message: "Step id must match its key" });
      for (const target of stepTargets(step)) {
        if (target !== null && !Object.hasOwn(rule.steps, target)) {
          ctx.addIssue({ code: "custom", path: ["steps", key], message: `Unknown step ${target}` });
        }
      }
    }
    const links = (id: string) => (Object.hasOwn(rule.steps, id) ? stepTargets(rule.steps[id]!).filter((t) => t !== null) : []);
    if (backEdges(Object.keys(rule.steps), links, (id) => id).length > 0) ctx.addIssue({ code: "custom", path: ["steps"], message: "Steps form a cycle" });
  });
export type Rule = z.infer<typeof ruleSchema>;
