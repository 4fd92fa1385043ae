import { z } from "zod";
import { filterProblems, filterSchema, type Filter } from "./filters";
import { OPERATORS } from "./operators";
import { CHANNELS, REENTRY } from "./rule";

// The strict, executable shape of each node's data. Publishing and the canvas
// inspector both use these schemas, so a rule about node data lives only here.

export const NODE_TYPES = ["trigger", "delay", "cancel", "condition", "action"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const DELAY_UNITS = ["minutes", "hours", "days"] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const UNIT_MS: Record<DelayUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
// Caps keep due times and history windows well inside what a Date can hold.
export const MAX_DELAY_MS = 365 * UNIT_MS.days;
export const MAX_WINDOW_HOURS = 366 * 24;

export const TEMPLATE_FIELDS = ["title", "subject", "body", "url", "segment"] as const;

const eventName = (message: string) =>
  z
    .string({ error: message })
    .min(1, { error: message })
    .max(200, { error: "Event names are at most 200 characters" });

const dataPath = (message: string) =>
  z
    .string({ error: message })
    .min(1, { error: message })
    .max(200, { error: "Paths are at most 200 characters" })
    .refine((path) => !path.split(".").includes(""), { error: "A path cannot have empty parts (like a..b)" });

const nonBlank = (message: string, max: number) =>
  z
    .string({ error: message })
    .refine((text) => text.trim().length > 0, { error: message })
    .refine((text) => text.length <= max, { error: `At most ${max} characters` });

const optionalText = (max: number) => z.string().max(max, { error: `At most ${max} characters` }).optional();

// Value-shape problems are reported on the filter's value so the inspector can put
// the message next to the right input.
const checkedFilter = filterSchema
  .extend({
    path: dataPath("Choose the field to compare"),
    op: z.enum(OPERATORS, { error: "Choose how to compare" }),
  })
  .superRefine((filter, ctx) => {
    const problem = filterProblems(filter);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  });

const filterList = z.array(checkedFilter, { error: "Filters must be a list" }).max(50, { error: "At most 50 filters" });

const eventTriggerSchema = z.object({
  kind: z.literal("event"),
  event: eventName("Choose the event that starts this connector"),
  where: filterList.optional(),
  occurrences: z
    .object({
      atLeast: z
        .number({ error: "Say how many times the event must happen" })
        .int({ error: "Use a whole number of times" })
        .min(1, { error: "At least once" })
        .max(1000, { error: "At most 1000 times" }),
      sameValueOf: dataPath("Choose the field whose value must be the same").optional(),
      withinHours: z
        .number({ error: "Give the window in hours" })
        .positive({ error: "The window must be longer than 0 hours" })
        .max(MAX_WINDOW_HOURS, { error: `The window is at most ${MAX_WINDOW_HOURS} hours` })
        .optional(),
    })
    .optional(),
  reentry: z.enum(REENTRY, { error: "Choose always, ifNotActive or once" }).default("ifNotActive"),
});

const inactivityTriggerSchema = z.object({
  kind: z.literal("inactivity"),
  event: eventName("Choose the event whose absence starts this connector").default("app.open"),
  days: z
    .number({ error: "Say after how many days without the event" })
    .int({ error: "Use a whole number of days" })
    .min(1, { error: "At least 1 day" })
    .max(365, { error: "At most 365 days" }),
});

const triggerDataSchema = z.discriminatedUnion("kind", [eventTriggerSchema, inactivityTriggerSchema], {
  error: "Choose what starts this connector: an event or inactivity",
});

const delayDataSchema = z
  .object({
    amount: z.number({ error: "Say how long to wait" }).positive({ error: "Wait longer than 0" }),
    unit: z.enum(DELAY_UNITS, { error: "Choose minutes, hours or days" }),
  })
  .superRefine((delay, ctx) => {
    if (delay.amount * UNIT_MS[delay.unit] < 1000) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "A delay is at least 1 second" });
    }
    if (delay.amount * UNIT_MS[delay.unit] > MAX_DELAY_MS) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "A delay is at most 365 days" });
    }
  });

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

const channel = z.enum(CHANNELS, { error: "Choose push, email, sms or webhook" });

const messageFields = {
  channel,
  title: optionalText(500),
  subject: optionalText(500),
  body: nonBlank("Write the message", 20_000),
  url: optionalText(2000),
};

const segmentName = nonBlank("Name the segment", 200);

// Email is the one channel where a message without a subject is not deliverable.
function requireEmailSubject(data: { channel: string; subject?: string }, ctx: z.RefinementCtx) {
  if (data.channel === "email" && !data.subject?.trim()) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "An email needs a subject" });
  }
}

const actionDataSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("send"), ...messageFields }).superRefine(requireEmailSubject),
    z.object({ kind: z.enum(["addToSegment", "removeFromSegment"]), segment: segmentName }),
    z.object({ kind: z.literal("sendToSegment"), segment: segmentName, ...messageFields }).superRefine(requireEmailSubject),
  ],
  { error: "Choose what this action does" },
);

export const nodeDataSchemas = {
  trigger: triggerDataSchema,
  delay: delayDataSchema,
  cancel: cancelDataSchema,
  condition: conditionDataSchema,
  action: actionDataSchema,
} satisfies Record<NodeType, z.ZodType>;

export type TriggerData = z.infer<typeof triggerDataSchema>;
export type DelayData = z.infer<typeof delayDataSchema>;
export type CancelData = z.infer<typeof cancelDataSchema>;
export type ConditionData = z.infer<typeof conditionDataSchema>;
export type ActionData = z.infer<typeof actionDataSchema>;
