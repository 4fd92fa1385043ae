// What the campaign endpoints answer (lib/server/campaigns/campaigns.ts serializeCampaign
// and preview.ts), documented like the shapes in responses.ts.
import { z } from "zod";
import { CHANNELS, FORMATS } from "@/lib/engine/nodes/fields";

const at = (description?: string) => z.string().meta({ format: "date-time", ...(description ? { description } : {}) });

export const campaignProgressSchema = z.object({
  recipients: z.number().int().meta({ description: "Members the campaign reaches: the segment's size until the fan-out ends, then the messages recorded" }),
  queued: z.number().int().meta({ description: "Recorded, waiting for delivery" }),
  held: z.number().int().meta({ description: "Kept back by the delivery policy (quiet hours, a deferring cap) until their sendAt" }),
  sent: z.number().int(),
  skipped: z.number().int().meta({ description: "No address for the channel, unsubscribed, dropped by the delivery policy, or withdrawn by a cancel" }),
  failed: z.number().int(),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  segmentId: z.string().nullable().meta({ description: "null once the segment is deleted" }),
  segmentName: z.string(),
  channel: z.enum(CHANNELS),
  title: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  url: z.string().nullable(),
  format: z.enum(FORMATS).meta({ description: "How body is written: text, or for email markdown or mjml (from a template)" }),
  templateId: z.string().nullable().meta({ description: "The template its texts were copied from at creation, if any" }),
  topic: z.string().meta({ description: "The topic its messages belong to" }),
  ignoreQuietHours: z.boolean(),
  ignoreCaps: z.boolean(),
  status: z.enum(["scheduled", "sending", "done", "cancelled"]),
  sendAt: at("When the fan-out starts"),
  createdAt: at(),
  startedAt: at().nullable(),
  finishedAt: at("When every member had a message, or when it was cancelled").nullable(),
  progress: campaignProgressSchema,
});

export const campaignPageSchema = z.object({ campaigns: z.array(campaignSchema), nextCursor: z.string().nullable() });

export const campaignPreviewResultSchema = z.object({
  segment: z.object({ id: z.string(), name: z.string(), members: z.number().int() }),
  member: z
    .object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable()
    .meta({ description: "The member rendered for; null while the segment is empty (a sample user is used)" }),
  content: z.object({
    title: z.string().optional(),
    subject: z.string().optional(),
    body: z.string().optional().meta({ description: "For a markdown or MJML template: the plain-text part" }),
    url: z.string().optional(),
    html: z.string().optional().meta({ description: "A markdown or MJML template's HTML" }),
  }),
  unreachable: z.string().nullable().meta({ description: "Why this member would be skipped on this channel" }),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).meta({ description: "Templates that do not parse or render" }),
});
