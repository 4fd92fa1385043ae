import { z } from "zod";
import { filterSchema } from "./filters";

// The compiled rule is stored as JSON with every published version and re-parsed
// with ruleSchema when read back, so it holds only plain JSON (no Dates, no functions).

export const CHANNELS = ["push", "email", "sms", "webhook"] as const;
export type Channel = (typeof CHANNELS)[number];

export const REENTRY = ["always", "ifNotActive", "once"] as const;
export type Reentry = (typeof REENTRY)[number];

const nodeId = z.string().min(1);
const nextId = nodeId.nullable();

export const contentSchema = z.object({
  title: z.string().optional(),
  subject: z.string().optional(),
  body: z.string(),
  url: z.string().optional(),
});
export type Content = z.infer<typeof contentSchema>;

const actionSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("send"), channel: z.enum(CHANNELS), content: contentSchema }),
  z.object({ kind: z.enum(["addToSegment", "removeFromSegment"]), segment: z.string() }),
  z.object({ kind: z.literal("sendToSegment"), segment: z.string(), channel: z.enum(CHANNELS), content: contentSchema }),
]);
export type ActionSpec = z.infer<typeof actionSpecSchema>;

const stepSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("delay"), id: nodeId, ms: z.number().int().positive(), next: nextId }),
  z.object({
    type: z.literal("cancel"),
    id: nodeId,
    events: z.array(z.string()).min(1),
    where: z.array(filterSchema),
    sameValueOf: z.array(z.string()),
    next: nextId,
  }),
  z.object({
    type: z.literal("condition"),
    id: nodeId,
    where: z.array(filterSchema),
    match: z.enum(["all", "any"]),
    yes: nextId,
    no: nextId,
  }),
  z.object({ type: z.literal("action"), id: nodeId, action: actionSpecSchema, next: nextId }),
]);
export type Step = z.infer<typeof stepSchema>;
export type CancelStep = Extract<Step, { type: "cancel" }>;
export type DelayStep = Extract<Step, { type: "delay" }>;
export type ConditionStep = Extract<Step, { type: "condition" }>;
export type ActionStep = Extract<Step, { type: "action" }>;

const triggerSchema = z.discriminatedUnion("kind", [
  z.object({
    nodeId,
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
  z.object({ nodeId, kind: z.literal("inactivity"), event: z.string(), days: z.number().int().min(1) }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type EventTrigger = Extract<Trigger, { kind: "event" }>;
export type InactivityTrigger = Extract<Trigger, { kind: "inactivity" }>;

export function stepTargets(step: Step): Array<string | null> {
  return step.type === "condition" ? [step.yes, step.no] : [step.next];
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
    const refs = (id: string | null, path: (string | number)[]) => {
      if (id !== null && !Object.hasOwn(rule.steps, id)) {
        ctx.addIssue({ code: "custom", path, message: `Unknown step ${id}` });
      }
    };
    refs(rule.entry, ["entry"]);
    for (const [key, step] of Object.entries(rule.steps)) {
      if (step.id !== key) ctx.addIssue({ code: "custom", path: ["steps", key, "id"], message: "Step id must match its key" });
      if (step.type === "condition") {
        refs(step.yes, ["steps", key, "yes"]);
        refs(step.no, ["steps", key, "no"]);
      } else {
        refs(step.next, ["steps", key, "next"]);
      }
    }
    if (hasStepCycle(rule.steps)) ctx.addIssue({ code: "custom", path: ["steps"], message: "Steps form a cycle" });
  });
export type Rule = z.infer<typeof ruleSchema>;

function hasStepCycle(steps: Record<string, Step>): boolean {
  const state = new Map<string, "open" | "done">();
  const visit = (id: string): boolean => {
    const seen = state.get(id);
    if (seen === "open") return true;
    if (seen === "done") return false;
    const step = Object.hasOwn(steps, id) ? steps[id] : undefined;
    if (!step) return false;
    state.set(id, "open");
    const cyclic = stepTargets(step).some((target) => target !== null && visit(target));
    state.set(id, "done");
    return cyclic;
  };
  return Object.keys(steps).some(visit);
}
