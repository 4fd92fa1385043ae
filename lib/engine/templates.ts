import { Liquid, type Template } from "liquidjs";
import type { Content } from "./nodes/fields";
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
  return {
    event: { id: event.id, event: event.event, userId: event.userId, data: event.data, timestamp: event.timestamp.toISOString() },
    user,
    app,
    unsubscribe_url: UNSUBSCRIBE_URL_PLACEHOLDER,
  };
}

/** The scope of a message a campaign sends to a segment member: the member and the app. */
export function audienceScope(user: UserRecord, app: AppRecord): AudienceScope {
  return { user, app, unsubscribe_url: UNSUBSCRIBE_URL_PLACEHOLDER };
}

const liquid = new Liquid({
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
});
// Partials and layouts make no sense without files; removing the tags turns their use
// into a parse error the canvas can show, instead of a failure at send time.
for (const tag of ["include", "render", "layout"]) delete liquid.tags[tag];

// Bounds a single render so a template such as {% for i in (1..99999999) %} cannot
// stall a tick.
const RENDER_LIMITS = { templateLimit: 10_000, memoryLimit: 10_000_000 };

// The same few templates render for every enrollment, so parsing once pays off. The
// cache is bounded and least-recently-used first out.
const MAX_CACHED = 1000;
const parsed = new Map<string, Template[]>();

function parse(src: string): Template[] {
  const hit = parsed.get(src);
  if (hit) {
    parsed.delete(src);
    parsed.set(src, hit);
    return hit;
  }
  const templates = liquid.parse(src);
  parsed.set(src, templates);
  if (parsed.size > MAX_CACHED) {
    const oldest = parsed.keys().next();
    if (!oldest.done) parsed.delete(oldest.value);
  }
  return templates;
}

export function templateCacheSize(): number {
  return parsed.size;
}

export function templateError(src: string): string | null {
  try {
    parse(src);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// Throws when the template does not parse (compile rejects those) or exceeds the
// render limits; the caller decides how an enrollment fails.
export function renderTemplate(src: string, scope: TemplateScope | AudienceScope): string {
  return String(liquid.renderSync(parse(src), scope, RENDER_LIMITS));
}

export function renderContent(content: Content, scope: TemplateScope | AudienceScope): Content {
  const rendered: Content = { body: renderTemplate(content.body, scope) };
  if (content.title !== undefined) rendered.title = renderTemplate(content.title, scope);
  if (content.subject !== undefined) rendered.subject = renderTemplate(content.subject, scope);
  if (content.url !== undefined) rendered.url = renderTemplate(content.url, scope);
  return rendered;
}
