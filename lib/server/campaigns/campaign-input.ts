// What POST /api/v1/campaigns and its preview accept. Field limits and the email
// subject rule match the canvas's send action (lib/engine/node-data.ts), so a message
// that is valid in a connector is valid in a campaign and the other way round.
import { z } from "zod";
import { CHANNELS, sendOptionFields } from "@/lib/engine/nodes/fields";
import { templateError } from "@/lib/engine/templates";
import { ApiError, type ErrorDetail } from "../api/errors";

export const campaignIdSchema = z.string().min(1).max(100);

const text = (max: number) => z.string().max(max, { error: `At most ${max} characters` });

const messageFields = {
  segment: z
    .string({ error: "Name the segment (its id or its name)" })
    .trim()
    .min(1, { error: "Name the segment (its id or its name)" })
    .max(200)
    .meta({ description: "The segment's id or its name", example: "Waitlist kettle" }),
  channel: z.enum(CHANNELS, { error: "Choose push, email, sms or webhook" }),
  title: text(500).optional().meta({ description: "Liquid template over user and app (push title)" }),
  subject: text(500).optional().meta({ description: "Liquid template; required for email" }),
  body: text(20_000).optional().meta({ description: "Liquid template over user and app, e.g. Hi {{ user.name }}; required unless template is given" }),
  url: text(2000).optional().meta({ description: "Liquid template: the push's link, or the webhook's URL (overrides the channel's)" }),
  template: z
    .string()
    .trim()
    .max(100)
    .optional()
    .meta({ description: "A template's id (/api/v1/templates) whose title, subject, body and format are used instead of these fields; its channel must be this one. The campaign keeps a copy." }),
};

const usesTemplate = (data: { template?: string }) => Boolean(data.template);

// A campaign writes its own body or names a template. Email is the one channel where a
// message without a subject is not deliverable (a template's is required when it is saved).
function requireTexts(data: { channel: string; subject?: string; body?: string; template?: string }, ctx: z.RefinementCtx) {
  if (usesTemplate(data)) return;
  if (!data.body?.trim()) ctx.addIssue({ code: "custom", path: ["body"], message: "Write the message" });
  if (data.channel === "email" && !data.subject?.trim()) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "An email needs a subject" });
  }
}

export const campaignCreateSchema = z
  .object({
    ...messageFields,
    topic: sendOptionFields.topic.meta({ description: "The topic a person can unsubscribe from (a key under /api/v1/topics); default marketing" }),
    ignoreQuietHours: sendOptionFields.ignoreQuietHours.meta({ description: "Send even inside the delivery policy's quiet hours" }),
    ignoreCaps: sendOptionFields.ignoreCaps.meta({ description: "Send even over the delivery policy's frequency caps" }),
    name: z.string().trim().min(1).max(200).optional().meta({ description: "Shown in the dashboard; defaults to the segment's name" }),
    // Four-digit years only, so any accepted time fits the database's timestamp.
    sendAt: z.iso
      .datetime({ offset: true, error: "Use an ISO-8601 date-time, like 2026-12-01T09:00:00Z" })
      .optional()
      .meta({ description: "When to send; absent or in the past means now" }),
  })
  .superRefine(requireTexts);
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

export const campaignPreviewSchema = z.object({
  ...messageFields,
  // The preview renders while the marketer types, so an unfinished body is not an error here.
  body: text(20_000).optional(),
  userId: z.string().min(1).max(200).optional().meta({ description: "Render for this member instead of the first one" }),
});
export type CampaignPreviewInput = z.infer<typeof campaignPreviewSchema>;

export const campaignListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const TEMPLATE_FIELDS = ["title", "subject", "body", "url"] as const;
type TemplateFields = Partial<Record<(typeof TEMPLATE_FIELDS)[number], string>>;

/** One detail per template that does not parse, naming the field. */
export function templateProblems(fields: TemplateFields): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of TEMPLATE_FIELDS) {
    const src = fields[field];
    const error = src === undefined ? null : templateError(src);
    if (error) problems.push({ path: field, message: `The template does not parse: ${error.split("\n")[0]}` });
  }
  return problems;
}

const idempotencyKeySchema = z.string().trim().min(1).max(255);

/** The optional Idempotency-Key header of a create (Stripe's convention). */
export function idempotencyKeyFrom(request: Request): string | undefined {
  const header = request.headers.get("idempotency-key");
  if (header === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new ApiError("invalid_request", "The Idempotency-Key header must be 1 to 255 characters", [{ path: "Idempotency-Key", message: "1 to 255 characters" }]);
  }
  return parsed.data;
}
