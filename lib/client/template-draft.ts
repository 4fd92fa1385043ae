// The template editor's pure parts: which texts a channel's template has, what a save
// sends, where the server's "line n: …" problems point, and the example event typed
// for the preview.
import type { Channel, Format } from "@/lib/engine/nodes/fields";
import type { ExampleEvent, TemplateTexts } from "./templates";
import { parseJsonObject } from "./json-object";

/** The fields a template of this channel writes besides its body. */
export const TEMPLATE_CHANNEL_FIELDS: Record<Channel, { title: boolean; subject: boolean; formats: readonly Format[] }> = {
  push: { title: true, subject: false, formats: ["text"] },
  email: { title: false, subject: true, formats: ["text", "markdown", "mjml"] },
  sms: { title: false, subject: false, formats: ["text"] },
  webhook: { title: false, subject: false, formats: ["text"] },
};

export type TemplateDraft = { name: string; channel: Channel; format: Format; title: string; subject: string; body: string };

/**
 * What a save sends: the channel's own fields, the others cleared (null), so a template
 * moved from push to email does not keep a title no email shows; markup only for email.
 */
export function templateTexts(draft: TemplateDraft): TemplateTexts {
  const has = TEMPLATE_CHANNEL_FIELDS[draft.channel];
  return {
    name: draft.name.trim(),
    channel: draft.channel,
    format: has.formats.includes(draft.format) ? draft.format : "text",
    title: has.title && draft.title.trim() ? draft.title : null,
    subject: has.subject && draft.subject.trim() ? draft.subject : null,
    body: draft.body,
  };
}

export type LineProblem = { line: number | null; message: string };

/**
 * One field's problems from a preview or a 400's details ({ path: "body", message:
 * "line 3: …" }), with the line split off so the editor can mark it. A problem placed
 * only in the rendered MJML ("line 40 of the rendered MJML: …") has no line of the source.
 */
export function problemLines(problems: ReadonlyArray<{ path: string; message: string }>, field: string): LineProblem[] {
  return problems
    .filter((problem) => problem.path === field)
    .map((problem) => {
      const match = /^line (\d+): ([\s\S]*)$/.exec(problem.message);
      return match ? { line: Number(match[1]), message: match[2]! } : { line: null, message: problem.message };
    });
}

/**
 * The preview's trigger event from what was typed: an event name and its data as a JSON
 * object. Both empty: no event (rendered as a campaign would be). JSON that is not an
 * object is an error to show beside the field, and the preview renders without it.
 */
export function exampleEvent(name: string, dataText: string): { event?: ExampleEvent; error?: string } {
  const event = name.trim();
  const parsed = parseJsonObject(dataText, '{ "product": "Kettle" }');
  if ("error" in parsed) return { error: parsed.error };
  if (!parsed.data) return event ? { event: { event } } : {};
  return { event: { ...(event ? { event } : {}), data: parsed.data } };
}
