// What the template endpoints answer (lib/server/templates), documented like responses.ts.
import { z } from "zod";
import { CHANNELS, FORMATS } from "@/lib/engine/nodes/fields";

const at = () => z.string().meta({ format: "date-time" });

const fields = {
  id: z.string(),
  name: z.string(),
  channel: z.enum(CHANNELS),
  format: z.enum(FORMATS).meta({ description: "text, or for email markdown or mjml" }),
  title: z.string().nullable(),
  subject: z.string().nullable(),
};

export const templateSummarySchema = z.object({ ...fields, createdAt: at(), updatedAt: at() });
export const templateListSchema = z.object({ templates: z.array(templateSummarySchema).meta({ description: "By channel, then name; GET one template for its body" }) });

export const templateSchema = z.object({ ...fields, body: z.string(), createdAt: at(), updatedAt: at() });
export const templateDetailSchema = templateSchema.extend({
  usedBy: z
    .array(z.object({ id: z.string(), name: z.string(), status: z.string() }))
    .meta({ description: "Connectors whose draft or live version has a send naming it; they run the texts they were published with until published again" }),
});

export const templateRenderedSchema = z.object({
  subject: z.string().optional(),
  title: z.string().optional(),
  text: z.string().meta({ description: "The body; for markdown or MJML, the plain-text part made from the HTML" }),
  html: z.string().optional().meta({ description: "Markdown or MJML rendered to HTML. {{ unsubscribe_url }} is left for delivery to fill in with each recipient's link" }),
});

export const templatePreviewResultSchema = templateRenderedSchema.extend({
  text: z.string(),
  problems: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .meta({ description: "What would refuse the texts on save, each naming the field and line (e.g. body: line 12: …); fields that do not parse are left out of the render" }),
});
