// A message as a person would read it, for simulate and backtest samples: the texts the
// walk rendered, and for a markdown or MJML email its HTML with the plain-text part as the
// body (the same conversion delivery stores, lib/server/templates/email-body.ts).
import type { Channel, RenderedContent } from "@/lib/engine/nodes/fields";
import { messageParts } from "./email-body";

export async function renderedParts(channel: Channel, content: RenderedContent) {
  const parts = await messageParts(channel, content);
  const converted = parts && !("error" in parts) ? parts : null;
  return {
    title: content.title ?? null,
    subject: content.subject ?? null,
    body: converted ? converted.text : parts && "error" in parts ? parts.error : content.body,
    html: converted ? converted.html : null,
  };
}
