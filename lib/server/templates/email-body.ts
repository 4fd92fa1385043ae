// Markdown and MJML email bodies to HTML with a plain-text part (API.md "Templates").
// Liquid has run already (lib/engine/templates.ts renderMarkup): outputs are escaped and,
// where they could be, set aside as slots. A body with slots is converted once per
// layout — every recipient whose {% if %}s and loops took the same turns shares it — and
// each recipient's values are put into the HTML (escaped) and the text afterwards. MJML
// takes ~10 ms and the text part ~4 ms per conversion; a campaign page of 500 members
// would otherwise hold its transaction for seconds. A layout whose slots MJML could have
// read (an attribute it computes with, a style in mj-head) or dropped is converted per
// recipient instead, as plain Liquid-then-MJML.
import { convert as htmlToText, type HtmlToTextOptions } from "html-to-text";
import { Marked } from "marked";
import { fillSlots, slotMarks, UNSUBSCRIBE_URL_PLACEHOLDER } from "@/lib/engine/templates";
import type { Channel, MarkupFormat, RenderedContent } from "@/lib/engine/nodes/fields";

export type EmailParts = { html: string; text: string };

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" })[c]!);

// mj-include would read the server's files: templates are user input, so includes are
// ignored here (and refused when a template is saved, template-check.ts).
const MJML_OPTIONS = { validationLevel: "soft", ignoreIncludes: true, keepComments: false } as const;

// MJML takes most of a second to load: only a process that renders MJML pays for it
// (once; the module stays loaded, like any import).
type Mjml2Html = typeof import("mjml");
let mjml: Promise<Mjml2Html> | null = null;

/** MJML to HTML; the validator's complaints are the caller's business (template-check.ts). */
export async function mjmlToHtml(source: string) {
  mjml ??= import("mjml").then((loaded) => ((loaded as unknown as { default?: Mjml2Html }).default ?? loaded) as Mjml2Html);
  const mjml2html = await mjml;
  return mjml2html(source, MJML_OPTIONS);
}

const markdown = new Marked({ gfm: true, breaks: false, async: false });

// A markdown email gets a simple responsive shell: one centred column up to 600 px wide,
// inline styles (which every client keeps) and images that shrink to fit a phone.
const MARKDOWN_SHELL_STYLE =
  "img{max-width:100%;height:auto}a{color:#3b55e6}h1,h2,h3{line-height:1.25;margin:24px 0 12px}p{margin:0 0 16px}" +
  "@media (max-width:620px){.cue-email{padding:16px !important}}";

export function markdownToHtml(source: string): string {
  const content = markdown.parse(source) as string;
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<style>${MARKDOWN_SHELL_STYLE}</style></head>` +
    `<body style="margin:0;padding:0;background:#ffffff">` +
    `<div class="cue-email" style="max-width:600px;margin:0 auto;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">` +
    `${content}</div></body></html>`
  );
}

const TEXT_OPTIONS: HtmlToTextOptions = {
  // Mail clients wrap; hard breaks at 80 columns would split links and values.
  wordwrap: false,
  selectors: [
    { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    { selector: "img", format: "skip" },
    // MJML's preview text (the inbox's one-line teaser) is hidden in the HTML.
    { selector: "div[style*='display:none']", format: "skip" },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
};

export function plainText(html: string): string {
  return htmlToText(html, TEXT_OPTIONS).trim();
}

/** Attributes of MJML components whose value MJML writes out as given; any other (padding, width, color…) it may compute with. */
const VERBATIM_ATTRIBUTES = new Set(["href", "src", "alt", "title", "name", "rel", "target"]);

const inside = (before: string, tag: string) => before.lastIndexOf(`<${tag}`) > before.lastIndexOf(`</${tag}`);

// Whether MJML passes every slot mark through untouched: marks in text and in verbatim
// attributes, or anywhere in plain HTML (inside mj-text / mj-raw), but not in another
// attribute of an mj-* component, nor in mj-head beyond the title and preview text.
function slotsPassThroughMjml(source: string): boolean {
  for (const { at } of slotMarks(source)) {
    const before = source.slice(0, at);
    const tagStart = before.lastIndexOf("<");
    if (tagStart > before.lastIndexOf(">")) {
      const tag = before.slice(tagStart);
      if (!/^<mj(ml|-)/i.test(tag)) continue;
      const attribute = /([\w:-]+)\s*=\s*["']?[^"'=]*$/.exec(tag)?.[1]?.toLowerCase();
      if (!attribute || !VERBATIM_ATTRIBUTES.has(attribute)) return false;
    } else if (inside(before, "mj-head") && !inside(before, "mj-title") && !inside(before, "mj-preview")) {
      return false;
    }
  }
  return true;
}

type Layout = { html: string; text: string; keepsSlots: boolean };

// {{ unsubscribe_url }} is left as written for delivery to fill in (outbox.ts), but markdown
// takes no spaces in a link: it goes through conversion as a URL and comes back.
const UNSUBSCRIBE_STAND_IN = "https://unsubscribe.cue.invalid/";

async function convertLayout(format: MarkupFormat, source: string, slotted: boolean): Promise<Layout> {
  const input = source.replaceAll(UNSUBSCRIBE_URL_PLACEHOLDER, UNSUBSCRIBE_STAND_IN);
  const converted = format === "mjml" ? (await mjmlToHtml(input)).html : markdownToHtml(input);
  const html = converted.replaceAll(UNSUBSCRIBE_STAND_IN, UNSUBSCRIBE_URL_PLACEHOLDER);
  let keepsSlots = false;
  if (slotted) {
    const wanted = new Set(slotMarks(source).map((m) => m.slot));
    const kept = new Set(slotMarks(html).map((m) => m.slot));
    keepsSlots = [...wanted].every((slot) => kept.has(slot)) && (format !== "mjml" || slotsPassThroughMjml(source));
  }
  return { html, text: plainText(html), keepsSlots };
}

// Least recently used out first; one promise per layout, so concurrent sends of a new
// layout convert it once. A layout is tens of kilobytes at most.
const MAX_LAYOUTS = 200;
const layouts = new Map<string, Promise<Layout>>();

function layout(format: MarkupFormat, source: string, slotted: boolean): Promise<Layout> {
  const key = `${format}\u0000${slotted ? "s" : "d"}\u0000${source}`;
  const hit = layouts.get(key);
  if (hit) {
    layouts.delete(key);
    layouts.set(key, hit);
    return hit;
  }
  const converted = convertLayout(format, source, slotted);
  layouts.set(key, converted);
  converted.catch(() => layouts.delete(key));
  if (layouts.size > MAX_LAYOUTS) layouts.delete(layouts.keys().next().value!);
  return converted;
}

export function layoutCacheSize(): number {
  return layouts.size;
}

/**
 * The HTML and text parts of a markdown or MJML body that Liquid rendered. Throws when
 * MJML cannot read the body at all (no <mjml> root); the caller fails that message.
 */
export async function emailParts(rendered: { format: MarkupFormat; body: string; values?: string[] }): Promise<EmailParts> {
  const { format, body, values } = rendered;
  if (values) {
    const shared = await layout(format, body, true);
    if (shared.keepsSlots) return { html: fillSlots(shared.html, values, escapeHtml), text: fillSlots(shared.text, values) };
  }
  const direct = await layout(format, values ? fillSlots(body, values, escapeHtml) : body, false);
  return { html: direct.html, text: direct.text };
}

/**
 * An email from a markdown or MJML template as the message stores it: its HTML, and
 * the plain-text part as the body (the log shows it; SMTP sends it beside the HTML).
 * Other messages are their body. An error: the email could not be converted.
 */
export async function messageParts(channel: Channel, content: RenderedContent): Promise<EmailParts | { error: string } | null> {
  if (channel !== "email" || !content.format) return null;
  try {
    return await emailParts({ format: content.format, body: content.body, values: content.values });
  } catch (error) {
    return { error: `The email could not be rendered: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}` };
  }
}
