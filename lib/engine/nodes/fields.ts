// Field schemas that several node types share: event names, data paths, filters, texts,
// delay units, channels and message content. Each node type's own file composes these.
import { z } from "zod";
import { filterProblems, filterSchema } from "../filters";
import { OPERATORS } from "../operators";

export const CHANNELS = ["push", "email", "sms", "webhook"] as const;
export type Channel = (typeof CHANNELS)[number];

export const REENTRY = ["always", "ifNotActive", "once"] as const;
export type Reentry = (typeof REENTRY)[number];

export const DELAY_UNITS = ["minutes", "hours", "days"] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const UNIT_MS: Record<DelayUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
// Caps keep due times and history windows well inside what a Date can hold.
export const MAX_DELAY_MS = 365 * UNIT_MS.days;
export const MAX_WINDOW_HOURS = 366 * 24;

/** An { amount, unit } of 1 second to 365 days (delay, wait), refused in words naming the node ("A wait is…"). */
export function durationSchema(noun: string) {
  return z
    .object(
      {
        amount: z.number({ error: "Say how long to wait" }).positive({ error: "Wait longer than 0" }),
        unit: z.enum(DELAY_UNITS, { error: "Choose minutes, hours or days" }),
      },
      { error: "Say how long to wait" },
    )
    .superRefine((duration, ctx) => {
      const ms = duration.amount * UNIT_MS[duration.unit];
      if (ms < 1000) ctx.addIssue({ code: "custom", path: ["amount"], message: `${noun} is at least 1 second` });
      if (ms > MAX_DELAY_MS) ctx.addIssue({ code: "custom", path: ["amount"], message: `${noun} is at most 365 days` });
    });
}

/** A node id in a compiled rule, and the id of the next step (null: the walk ends there). */
export const stepId = z.string().min(1);
export const nextId = stepId.nullable();

export const eventName = (message: string) =>
  z
    .string({ error: message })
    .min(1, { error: message })
    .max(200, { error: "Event names are at most 200 characters" });

export const dataPath = (message: string) =>
  z
    .string({ error: message })
    .min(1, { error: message })
    .max(200, { error: "Paths are at most 200 characters" })
    .refine((path) => !path.split(".").includes(""), { error: "A path cannot have empty parts (like a..b)" });

export const nonBlank = (message: string, max: number) =>
  z
    .string({ error: message })
    .refine((text) => text.trim().length > 0, { error: message })
    .refine((text) => text.length <= max, { error: `At most ${max} characters` });

export const optionalText = (max: number) => z.string().max(max, { error: `At most ${max} characters` }).optional();

// Value-shape problems are reported on the filter's value so the inspector can put
// the message next to the right input.
export const checkedFilter = filterSchema
  .extend({
    path: dataPath("Choose the field to compare"),
    op: z.enum(OPERATORS, { error: "Choose how to compare" }),
  })
  .superRefine((filter, ctx) => {
    const problem = filterProblems(filter);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  });

export const filterList = z.array(checkedFilter, { error: "Filters must be a list" }).max(50, { error: "At most 50 filters" });

// How a template's body is written (API.md "Templates"): plain text, or, for email,
// markdown or MJML rendered to HTML with a generated plain-text part.
export const FORMATS = ["text", "markdown", "mjml"] as const;
export type Format = (typeof FORMATS)[number];
export const MARKUP_FORMATS = ["markdown", "mjml"] as const;
export type MarkupFormat = (typeof MARKUP_FORMATS)[number];
export const isMarkup = (format: string | null | undefined): format is MarkupFormat => format === "markdown" || format === "mjml";

// format is set only for markdown and MJML, so a rule compiled without templates is what it was before them.
export const contentSchema = z.object({
  title: z.string().optional(),
  subject: z.string().optional(),
  body: z.string(),
  url: z.string().optional(),
  format: z.enum(MARKUP_FORMATS).optional(),
});
export type Content = z.infer<typeof contentSchema>;

/**
 * Content after Liquid ran. For a markdown or MJML body, each output ({{ … }}) stands in
 * the body as a slot mark and its text is in `values` (lib/engine/templates.ts), so the
 * server converts the body to HTML once per layout rather than once per recipient.
 */
export type RenderedContent = Omit<Content, "format"> & { format?: MarkupFormat; values?: string[] };

/** A saved template's texts, as publish and campaigns copy them (lib/server/templates). */
export type TemplateContent = { id: string; name: string; channel: Channel; format: Format; title: string | null; subject: string | null; body: string };

// Send options of every send and send to segment (API.md "Send options"); the delivery
// gate (lib/server/delivery) applies them. Absent means the default topic, marketing.
export const topicKeySchema = z
  .string({ error: "Name the topic by its key" })
  .min(1, { error: "Name the topic by its key" })
  .max(64, { error: "At most 64 characters" })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: "Use lowercase letters, digits, '-', '_' and '.' (e.g. weekly-deals)" });

// The inspector saves a cleared topic as "", which means the default.
export const sendOptionFields = {
  topic: topicKeySchema.or(z.literal("")).optional(),
  ignoreQuietHours: z.boolean().optional(),
  ignoreCaps: z.boolean().optional(),
};
export type SendOptions = { topic?: string; ignoreQuietHours?: boolean; ignoreCaps?: boolean };
export const sendOptionsSchema = z.object({ topic: z.string().optional(), ignoreQuietHours: z.boolean().optional(), ignoreCaps: z.boolean().optional() });

/** The options a send was drawn with, without the unset ones (a stored rule stays as it was without them). */
export function sendOptions(data: { topic?: string; ignoreQuietHours?: boolean; ignoreCaps?: boolean }): SendOptions | undefined {
  const options: SendOptions = {};
  if (data.topic) options.topic = data.topic;
  if (data.ignoreQuietHours) options.ignoreQuietHours = true;
  if (data.ignoreCaps) options.ignoreCaps = true;
  return Object.keys(options).length > 0 ? options : undefined;
}

