// What the template endpoints accept (API.md "Templates"). A template is a channel's
// texts: title (push), subject (email), body, and for email the body's format.
import { z } from "zod";
import { CHANNELS, FORMATS } from "@/lib/engine/nodes/fields";

export const templateIdSchema = z.string().min(1).max(100);

// An MJML layout runs to tens of kilobytes; Liquid parses at most 100,000 characters.
export const MAX_TEMPLATE_BODY = 100_000;

const name = z
  .string({ error: "Name the template" })
  .trim()
  .min(1, { error: "Name the template" })
  .max(200, { error: "At most 200 characters" })
  .meta({ description: "Unique in the application", example: "Welcome" });
const channel = z.enum(CHANNELS, { error: "Choose push, email, sms or webhook" });
const format = z
  .enum(FORMATS, { error: "Choose text, markdown or mjml" })
  .meta({ description: "How body is written: text (the default), or for email markdown or mjml, rendered to responsive HTML with a plain-text part" });
// null or "" clears a title or subject on update.
const line = (description: string) => z.string().max(500, { error: "At most 500 characters" }).nullable().optional().meta({ description });
const body = z
  .string({ error: "Write the template's body" })
  .max(MAX_TEMPLATE_BODY, { error: `At most ${MAX_TEMPLATE_BODY} characters` })
  .meta({ description: "Liquid template over event, user and app; markdown or MJML for an email in that format" });

export const templateCreateSchema = z.object({
  name,
  channel,
  format: format.optional(),
  title: line("Liquid template: a push's title"),
  subject: line("Liquid template; required for email"),
  body: body.refine((text) => text.trim().length > 0, { error: "Write the template's body" }),
});
export type TemplateCreate = z.infer<typeof templateCreateSchema>;

// Every field optional: the ones given replace the stored ones.
export const templateUpdateSchema = templateCreateSchema.partial();
export type TemplateUpdate = z.infer<typeof templateUpdateSchema>;

export const templateListQuery = z.object({ channel: channel.optional().meta({ description: "Only this channel's templates" }) });

// The scope of a render: a stored user (or a sample one) and an event as a send's trigger.
const eventSchema = z
  .object({
    event: z.string().min(1).max(200).optional().meta({ description: "The event's name; default preview" }),
    data: z.record(z.string(), z.unknown()).optional().meta({ description: "What {{ event.data.… }} reads" }),
    timestamp: z.iso.datetime({ offset: true }).optional().meta({ description: "Default: now" }),
  })
  .meta({ description: "Renders as a connector's send would for this trigger event; without it, as a campaign (event fields empty)" });
const renderScope = {
  userId: z.string().min(1).max(200).optional().meta({ description: "A stored user to render for; default a sample user (Ada)" }),
  event: eventSchema.optional(),
};

export const templateRenderSchema = z.object(renderScope);
export type TemplateRenderInput = z.infer<typeof templateRenderSchema>;

// The editor's live preview of unsaved texts: problems come back in the answer, not as a 400.
export const templatePreviewSchema = z.object({
  channel,
  format: format.optional(),
  title: line("Liquid template: a push's title"),
  subject: line("Liquid template"),
  body,
  ...renderScope,
});
export type TemplatePreviewInput = z.infer<typeof templatePreviewSchema>;
