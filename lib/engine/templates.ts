import { filters, Liquid, type LiquidOptions, type Template } from "liquidjs";
import { isMarkup, type Content, type RenderedContent } from "./nodes/fields";
import type { AppRecord, EventRecord, UserRecord } from "./types";

export type TemplateScope = {
  event: Omit<EventRecord, "timestamp"> & { timestamp: string };
  user: UserRecord;
  app: AppRecord;
  unsubscribe_url: string;
};

// {{ unsubscribe_url }} renders as this marker: a message is rendered when it is
// recorded, before it has the id its signed link names, so delivery puts the real link
// in its place (lib/server/channels/outbox.ts). The stored text, and so the message
// log, keep the marker, which reads as the template wrote it.
export const UNSUBSCRIBE_URL_PLACEHOLDER = "{{ unsubscribe_url }}";

// A campaign is not triggered by an event, so its scope has none: {{ event.… }} renders empty.
export type AudienceScope = Omit<TemplateScope, "event">;

export function templateScope(event: EventRecord, user: UserRecord, app: AppRecord): TemplateScope {
  let timestamp: string | undefined;
  return {
    // Read through when a template reads them: a backtest makes a scope for every message
    // it counts but renders only samples, and its events parse their data when first read.
    event: {
      id: event.id,
      event: event.event,
      userId: event.userId,
      get data() {
        return event.data;
      },
      get timestamp() {
        return (timestamp ??= event.timestamp.toISOString());
      },
    },
    user,
    app,
    unsubscribe_url: UNSUBSCRIBE_URL_PLACEHOLDER,
  };
}

/** The scope of a message a campaign sends to a segment member: the member and the app. */
export function audienceScope(user: UserRecord, app: AppRecord): AudienceScope {
  return { user, app, unsubscribe_url: UNSUBSCRIBE_URL_PLACEHOLDER };
}

const OPTIONS: LiquidOptions = {
  // A typo'd filter is a publish error rather than silently dropped text.
  strictFilters: true,
  // A value the event did not carry renders empty; messages still go out.
  strictVariables: false,
  ownPropertyOnly: true,
  // No file system: templates are user input and must not read the server's files.
  templates: {},
  // Rendered text must not depend on the server's time zone.
  timezoneOffset: 0,
  parseLimit: 100_000,
};

function newLiquid(extra: LiquidOptions = {}): Liquid {
  const instance = new Liquid({ ...OPTIONS, ...extra });
  // Partials and layouts make no sense without files; removing the tags turns their use
  // into a parse error the canvas can show, instead of a failure at send time.
  for (const tag of ["include", "render", "layout"]) delete instance.tags[tag];
  return instance;
}

const liquid = newLiquid();

// Markdown and MJML bodies become HTML, so every output ({{ … }}) is HTML-escaped: a
// user's name cannot add markup. It is also set aside as a slot: the body keeps a mark
// in its place and `values` the text. Converting markdown or MJML to HTML costs
// milliseconds (MJML ~10 ms, the plain-text part ~4 ms), too much per recipient inside
// a campaign page's transaction; with marks, every recipient whose {% if %}s and loops
// took the same turns shares one conversion, and the server puts each one's values into
// the converted HTML (lib/server/templates/email-body.ts). The marks are ASCII letters
// and digits, which markdown, MJML and URL encoding leave alone; a URL value gets a
// mark that is itself a URL, so markdown still links it.
let slots: string[] | null = null;

const SLOT_PATTERN = /https:\/\/cueslot(\d+)x\.invalid\/|cueslot(\d+)x/gi;
const URL_VALUE = /^(https?:\/\/|mailto:)\S*$/i;
const slotMark = (index: number, value: string) => (URL_VALUE.test(value) ? `https://cueslot${index}x.invalid/` : `cueslot${index}x`);

const ESCAPED = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#34;": '"', "&#39;": "'" } as const;
const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|#34|#39);/g, (entity) => ESCAPED[entity as keyof typeof ESCAPED]);

// Liquid's own escape filter: its stringification, and it counts toward the memory limit.
const escapeFilter = filters.escape as unknown as (this: unknown, value: unknown) => unknown;

const markupLiquid = newLiquid({
  outputEscape(this: unknown, value: unknown): string {
    const escaped = String(escapeFilter.call(this, value));
    if (slots === null) return escaped;
    slots.push(unescapeHtml(escaped));
    return slotMark(slots.length - 1, slots.at(-1)!);
  },
});

/** Puts each slot's text back in place of its mark, transformed by `put` (e.g. HTML-escaped). */
export function fillSlots(text: string, values: readonly string[], put: (value: string) => string = (v) => v): string {
  return text.replace(SLOT_PATTERN, (mark, url: string | undefined, plain: string | undefined) => {
    const value = values[Number(url ?? plain)];
    return value === undefined ? mark : put(value);
  });
}

/** Every slot mark in a text: where it starts and the slot it stands for (the server checks that a conversion kept them). */
export function slotMarks(text: string): { at: number; slot: number }[] {
  return [...text.matchAll(SLOT_PATTERN)].map((m) => ({ at: m.index, slot: Number(m[1] ?? m[2]) }));
}

// Bounds a single render so a template such as {% for i in (1..99999999) %} cannot
// stall a tick.
const RENDER_LIMITS = { templateLimit: 10_000, memoryLimit: 10_000_000 };

// The same few templates render for every enrollment, so parsing once pays off. The
// caches are bounded and least-recently-used first out (one per instance: the escaping
// one parses outputs with its escape filter attached).
const MAX_CACHED = 1000;
const parsedBy = new Map<Liquid, Map<string, Template[]>>([
  [liquid, new Map()],
  [markupLiquid, new Map()],
]);

function parse(src: string, instance: Liquid = liquid): Template[] {
  const parsed = parsedBy.get(instance)!;
  const hit = parsed.get(src);
  if (hit) {
    parsed.delete(src);
    parsed.set(src, hit);
    return hit;
  }
  const templates = instance.parse(src);
  parsed.set(src, templates);
  if (parsed.size > MAX_CACHED) {
    const oldest = parsed.keys().next();
    if (!oldest.done) parsed.delete(oldest.value);
  }
  return templates;
}

export function templateCacheSize(): number {
  return Math.max(...[...parsedBy.values()].map((cache) => cache.size));
}

export function templateError(src: string): string | null {
  try {
    parse(src);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Where a template does not parse: the line (1-based) and Liquid's message without its position, or null. */
export function templateErrorAt(src: string): { line: number; message: string } | null {
  try {
    parse(src);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
    const line = token?.getPosition?.()[0] ?? Number(/line:(\d+)/.exec(message)?.[1] ?? 1);
    return { line, message: message.replace(/, line:\d+, col:\d+$/, "").split("\n")[0]! };
  }
}

// Throws when the template does not parse (compile rejects those) or exceeds the
// render limits; the caller decides how an enrollment fails.
export function renderTemplate(src: string, scope: TemplateScope | AudienceScope): string {
  return String(liquid.renderSync(parse(src), scope, RENDER_LIMITS));
}

/**
 * A markdown or MJML body through Liquid, outputs HTML-escaped. `values` holds each
 * output's text, its mark standing in `body`; absent when the outputs are written into
 * the body as they are — a template that captures output into a variable (the mark
 * would be captured, not the text) or that contains a mark's letters itself.
 */
export function renderMarkup(src: string, scope: TemplateScope | AudienceScope): { body: string; values?: string[] } {
  const marked = keepsValues(src);
  const templates = parse(src, markupLiquid);
  slots = marked ? [] : null;
  try {
    const body = String(markupLiquid.renderSync(templates, scope, RENDER_LIMITS));
    return slots ? { body, values: slots } : { body };
  } finally {
    slots = null;
  }
}

const keepsValues = (src: string) => !/capture|cueslot/i.test(src);

/**
 * renderContent's result, rendered when a field is first read: a backtest counts every
 * message and shows only a few, and rendering is most of its work; `scope` is asked for
 * only then too. A class, so a million messages carry no closures each; its fields are
 * getters on the prototype (nothing spreads or serialises a backtest's message content:
 * samples are read field by field). A render limit throws on that first read.
 */
class LaterContent implements RenderedContent {
  #rendered: RenderedContent | undefined;

  constructor(
    private readonly content: Content,
    private readonly scope: () => TemplateScope | AudienceScope,
  ) {}

  private rendered(): RenderedContent {
    return (this.#rendered ??= renderContent(this.content, this.scope()));
  }
  get body() {
    return this.rendered().body;
  }
  get title() {
    return this.rendered().title;
  }
  get subject() {
    return this.rendered().subject;
  }
  get url() {
    return this.rendered().url;
  }
  get format() {
    return this.rendered().format;
  }
  get values() {
    return this.rendered().values;
  }
}

export function laterContent(content: Content, scope: () => TemplateScope | AudienceScope): RenderedContent {
  return new LaterContent(content, scope);
}

export function renderContent(content: Content, scope: TemplateScope | AudienceScope): RenderedContent {
  const rendered: RenderedContent = isMarkup(content.format)
    ? { ...renderMarkup(content.body, scope), format: content.format }
    : { body: renderTemplate(content.body, scope) };
  if (content.title !== undefined) rendered.title = renderTemplate(content.title, scope);
  if (content.subject !== undefined) rendered.subject = renderTemplate(content.subject, scope);
  if (content.url !== undefined) rendered.url = renderTemplate(content.url, scope);
  return rendered;
}
