// action: sends the user a message, adds or removes them from a segment, sends to a
// segment's members, or updates the user's attributes. Text fields are Liquid templates
// over event, user and app.
import { z } from "zod";
import type { Effect } from "../execute";
import { isoTime } from "../iso-time";
import { channelWord, messageHeadline, type MessageLike } from "../journey-format";
import type { JourneyMessage, JourneyStep } from "../journey";
import { laterContent, renderContent, renderTemplate, templateError, type TemplateScope } from "../templates";
import { SINGLE_OUTPUT, type CompileContext, type DescribeContext, type StepDefinition, type Walk } from "./definition";
import {
  CHANNELS, contentSchema, isMarkup, nextId, nonBlank, optionalText, sendOptionFields, sendOptions, sendOptionsSchema, stepId, type Content, type TemplateContent,
} from "./fields";
import { MISSING, asData, shorten, text, type Data } from "./words";

const channel = z.enum(CHANNELS, { error: "Choose push, email, sms or webhook" });

// A send either writes its own texts or names a saved template ("template": its id), whose
// texts publish copies into the compiled step (lib/engine/compile.ts). The inspector
// saves a cleared choice as "", which means "write my own".
const messageFields = {
  channel,
  template: optionalText(100).meta({ description: "A saved template's id: its title, subject, body and format are sent instead of this node's own; copied when the connector is published" }),
  title: optionalText(500),
  subject: optionalText(500),
  body: optionalText(20_000),
  url: optionalText(2000),
  ...sendOptionFields,
};

const usesTemplate = (data: unknown): boolean => {
  const template = (data as { template?: unknown } | null)?.template;
  return typeof template === "string" && template.trim() !== "";
};

const segmentName = nonBlank("Name the segment", 200);

const MAX_ATTRIBUTES = 50;

// Any JSON value; written out flat (not z.json()) so the OpenAPI document needs no recursive reference.
const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

// String values are Liquid templates; any other JSON value is set as it is; null removes.
const attributeChanges = z
  .record(z.string(), attributeValue, { error: "List the attributes to set, as { name: value }" })
  .superRefine((attributes, ctx) => {
    const names = Object.keys(attributes);
    if (names.length === 0) ctx.addIssue({ code: "custom", message: "Set at least one attribute" });
    if (names.length > MAX_ATTRIBUTES) ctx.addIssue({ code: "custom", message: `At most ${MAX_ATTRIBUTES} attributes` });
    for (const [name, value] of Object.entries(attributes)) {
      if (name.trim() === "") ctx.addIssue({ code: "custom", path: [name], message: "Name the attribute" });
      if (name.length > 200) ctx.addIssue({ code: "custom", path: [name], message: "Attribute names are at most 200 characters" });
      const error = typeof value === "string" ? templateError(value) : null;
      if (error) ctx.addIssue({ code: "custom", path: [name], message: `This template does not parse: ${error}` });
    }
  });

// Email is the one channel where a message without a subject is not deliverable; a
// template's own subject is required when the template is saved.
function requireEmailSubject(data: { channel: string; subject?: string; template?: string }, ctx: z.RefinementCtx) {
  if (data.channel === "email" && !usesTemplate(data) && !data.subject?.trim()) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "An email needs a subject" });
  }
}

// Checked even while other fields are wrong (when), so the canvas lists every missing field at once.
function sendSchema<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .refine((data: unknown) => usesTemplate(data) || nonBlank("", 20_000).safeParse((data as { body?: unknown } | null)?.body).success, {
      path: ["body"],
      message: "Write the message",
      when: () => true,
    })
    .superRefine(requireEmailSubject as (data: unknown, ctx: z.RefinementCtx) => void);
}

const actionDataSchema = z.discriminatedUnion(
  "kind",
  [
    sendSchema({ kind: z.literal("send"), ...messageFields }),
    z.object({ kind: z.enum(["addToSegment", "removeFromSegment"]), segment: segmentName }),
    sendSchema({ kind: z.literal("sendToSegment"), segment: segmentName, ...messageFields }),
    z.object({ kind: z.literal("setAttributes"), attributes: attributeChanges }),
  ],
  { error: "Choose what this action does" },
);
export type ActionData = z.infer<typeof actionDataSchema>;

const actionSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("send"), channel: z.enum(CHANNELS), content: contentSchema, options: sendOptionsSchema.optional() }),
  z.object({ kind: z.enum(["addToSegment", "removeFromSegment"]), segment: z.string() }),
  z.object({ kind: z.literal("sendToSegment"), segment: z.string(), channel: z.enum(CHANNELS), content: contentSchema, options: sendOptionsSchema.optional() }),
  z.object({ kind: z.literal("setAttributes"), attributes: z.record(z.string(), attributeValue) }),
]);
export type ActionSpec = z.infer<typeof actionSpecSchema>;

const actionStepSchema = z.object({ type: z.literal("action"), id: stepId, action: actionSpecSchema, next: nextId });
export type ActionStep = z.infer<typeof actionStepSchema>;

type MessageData = { template?: string; title?: string; subject?: string; body?: string; url?: string };

// The inspector saves cleared optional inputs as "", which means "not set". A template's
// texts replace the node's own; the node's url (a push's link) still applies. Without the
// template at hand (the canvas checks without them) the node's own texts stand in.
function content(data: MessageData, context: CompileContext): Content {
  const template = usesTemplate(data) ? context.template(data.template!.trim()) : undefined;
  const texts: { title?: string | null; subject?: string | null; body?: string } = template ?? data;
  const result: Content = { body: texts.body ?? "" };
  if (texts.title?.trim()) result.title = texts.title;
  if (texts.subject?.trim()) result.subject = texts.subject;
  if (data.url?.trim()) result.url = data.url;
  if (template && isMarkup(template.format)) result.format = template.format;
  return result;
}

/** Why a send cannot use the template it names: unknown, or made for another channel; null when it can. */
export function templateMismatch(data: { channel?: unknown; template?: unknown }, template: TemplateContent | undefined): string | null {
  if (!template) return `No template ${String(data.template)}: it was deleted, or never existed in this application`;
  if (template.channel !== data.channel) return `The template "${template.name}" is for ${template.channel}; this step sends ${String(data.channel)}`;
  return null;
}

// Only set options are kept, so a rule compiled without them is what it was before send options existed.
function withOptions(data: Parameters<typeof sendOptions>[0]) {
  const options = sendOptions(data);
  return options ? { options } : {};
}

function compileAction(data: ActionData, context: CompileContext): ActionSpec {
  switch (data.kind) {
    case "send":
      return { kind: "send", channel: data.channel, content: content(data, context), ...withOptions(data) };
    case "addToSegment":
    case "removeFromSegment":
      return { kind: data.kind, segment: data.segment };
    case "sendToSegment":
      return { kind: "sendToSegment", segment: data.segment, channel: data.channel, content: content(data, context), ...withOptions(data) };
    case "setAttributes":
      return { kind: "setAttributes", attributes: data.attributes };
  }
}

/** The attributes after a setAttributes step's rendered changes: merged in, null removes. */
export function withAttributes(attributes: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...attributes, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === null) delete merged[name];
  return merged;
}

const shown = (value: unknown) => shorten(JSON.stringify(value) ?? "null");

function setAttributes(step: ActionStep, attributes: Record<string, unknown>, scope: TemplateScope) {
  const rendered = Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, typeof value === "string" ? renderTemplate(value, scope) : value]),
  );
  // Later steps of this walk (a condition on user.attributes, a message) see the new values.
  scope.user = { ...scope.user, attributes: withAttributes(scope.user.attributes, rendered) };
  // Named in alphabetical order: a stored rule's JSON does not keep the order they were drawn in.
  const names = Object.keys(rendered).sort();
  const set = names.filter((name) => rendered[name] !== null).map((name) => [name, rendered[name]] as const);
  const removed = names.filter((name) => rendered[name] === null);
  const detail = [
    set.length > 0 ? `set ${set.map(([name, value]) => `${name} to ${shown(value)}`).join(", ")}` : null,
    removed.length > 0 ? `removed ${removed.join(", ")}` : null,
  ].filter(Boolean).join("; ");
  return { effect: { kind: "setAttributes" as const, nodeId: step.id, attributes: rendered }, detail };
}

function act(step: ActionStep, walk: Walk): { effect: Effect | null; detail: string } {
  const { action } = step;
  switch (action.kind) {
    case "setAttributes":
      return setAttributes(step, action.attributes, walk.scope);
    case "send":
      return {
        effect: {
          kind: "send", nodeId: step.id, channel: action.channel, options: action.options ?? {},
          content: walk.ctx.renderLater ? laterContent(action.content, walk.laterScope()) : renderContent(action.content, walk.scope),
        },
        detail: action.channel,
      };
    case "addToSegment":
    case "removeFromSegment":
    case "sendToSegment": {
      const segment = renderTemplate(action.segment, walk.scope).trim();
      // A name that renders empty (the event lacked the value) names no segment.
      if (segment === "") return { effect: null, detail: "skipped: the segment name rendered empty" };
      if (action.kind === "sendToSegment") {
        return {
          effect: { kind: "sendToSegment", nodeId: step.id, segment, channel: action.channel, content: action.content, options: action.options ?? {} },
          detail: `${action.channel} to segment ${segment}`,
        };
      }
      const verb = action.kind === "addToSegment" ? "added to" : "removed from";
      return { effect: { kind: action.kind, nodeId: step.id, segment }, detail: `${verb} segment ${segment}` };
    }
  }
}

const CHANNEL_LABELS: Record<string, string> = { push: "Push", email: "Email", sms: "SMS", webhook: "Webhook" };

// Email is recognised by its subject; other channels by title, then body; a send that
// uses a template and writes nothing of its own, by the template (its name where known).
function headline(data: Data, context: DescribeContext): string {
  const own = data.channel === "email" ? text(data.subject) ?? text(data.body) : text(data.title) ?? text(data.body);
  const template = usesTemplate(data) ? text(data.template) : undefined;
  const candidate = own ?? (template ? `template ${(context.templateName?.(template.trim()) ?? template)}` : undefined);
  return candidate ? shorten(candidate) : MISSING;
}

function describeAction(data: Data, context: DescribeContext = {}): string {
  const channel = typeof data.channel === "string" && Object.hasOwn(CHANNEL_LABELS, data.channel) ? CHANNEL_LABELS[data.channel] : undefined;
  const segment = text(data.segment) ?? MISSING;
  switch (data.kind) {
    case "send":
      return `${channel ?? "Send"}: ${headline(data, context)}`;
    case "addToSegment":
      return `Add to segment ${segment}`;
    case "removeFromSegment":
      return `Remove from segment ${segment}`;
    case "sendToSegment":
      return `Send to segment ${segment}${channel ? ` by ${channel.toLowerCase()}` : ""}: ${headline(data, context)}`;
    case "setAttributes": {
      const names = Object.keys(asData(data.attributes));
      return names.length > 0 ? shorten(`Set ${names.join(", ")}`) : `Set attributes ${MISSING}`;
    }
    default:
      return `Action ${MISSING}`;
  }
}

type Base = Pick<JourneyStep, "at" | "nodeId">;

function sendStep(base: Base, message: JourneyMessage | undefined, channel: string): JourneyStep {
  const word = channelWord(channel);
  if (!message) return { ...base, messageId: null, kind: "acted", text: `Ran the ${word} step; no message was recorded` };
  const what = `${word} '${messageHeadline(message as MessageLike)}'`;
  const withId = { ...base, messageId: message.id };
  switch (message.status) {
    case "sent":
      return { ...withId, kind: "sent", text: `Sent ${what}` };
    case "skipped": {
      const reason = message.reason ?? message.error;
      return { ...withId, kind: "skipped", text: `Skipped ${what}${reason ? `: ${reason}` : ""}` };
    }
    // The reason says until when and why: "Held for quiet hours until 08:00 Europe/Lisbon".
    case "held":
      return { ...withId, kind: "held", text: message.reason ? `${what[0]!.toUpperCase()}${what.slice(1)}: ${message.reason}` : `Held ${what}` };
    case "failed":
      return { ...withId, kind: "failed", text: `Could not send ${what}${message.error ? `: ${message.error}` : ""}` };
    default:
      return { ...withId, kind: "queued", text: `Queued ${what} for delivery` };
  }
}

const SKIPPED_VERB = { addToSegment: "adding to a segment", removeFromSegment: "removing from a segment", sendToSegment: "sending to a segment" };

export const actionNode: StepDefinition<ActionData, ActionStep> = {
  label: "Action",
  description: "Send a message or change a segment",
  initialData: () => ({ kind: "send", channel: "push", body: "" }),
  data: actionDataSchema,
  outputs: () => SINGLE_OUTPUT,
  describe: describeAction,
  // A message's fate for sends; a segment change or an attribute update only passes.
  counts: (data) => (data.kind === "send" || data.kind === "sendToSegment" ? ["sent", "held", "skipped", "failed"] : ["passed"]),
  templateFields: ["title", "subject", "body", "url", "segment"],
  templateProblems(data, context) {
    if ((data.kind !== "send" && data.kind !== "sendToSegment") || !usesTemplate(data)) return [];
    const problem = templateMismatch(data, context.template(String(data.template).trim()));
    return problem ? [{ field: "template", message: problem }] : [];
  },
  step: actionStepSchema,
  compile: (id, data, next, context) => ({ type: "action", id, action: compileAction(data, context), next: next(null) }),
  targets: (step) => [step.next],
  run(step, walk) {
    const { ctx } = walk;
    const { effect, detail } = act(step, walk);
    // An action happens when it runs: later delays count from now, not from event time.
    return { next: step.next, effect, clock: ctx.now, trace: { nodeId: step.id, at: isoTime(ctx.now), what: "acted", detail } };
  },
  tell(entry, step, { input }) {
    if (entry.what !== "acted") return [];
    const base = { at: entry.at, nodeId: entry.nodeId };
    const { action } = step;
    if (action.kind === "send") return [sendStep(base, input.messages.find((m) => m.nodeId === entry.nodeId), action.channel)];
    if (action.kind === "setAttributes") {
      return [{ ...base, messageId: null, kind: "acted", text: entry.detail ? `Updated the profile: ${entry.detail}` : "Updated the profile" }];
    }
    const skipped = entry.detail?.startsWith("skipped: ") ? entry.detail.slice("skipped: ".length) : null;
    if (skipped) return [{ ...base, messageId: null, kind: "skipped", text: `Skipped ${SKIPPED_VERB[action.kind]}: ${skipped}` }];
    if (action.kind === "sendToSegment") {
      const segment = entry.detail?.replace(/^\S+ to segment /, "") ?? action.segment;
      return [{ ...base, messageId: null, kind: "sent", text: `Sent ${channelWord(action.channel)} to the members of segment ${segment}` }];
    }
    if (entry.detail) return [{ ...base, messageId: null, kind: "segment", text: entry.detail.charAt(0).toUpperCase() + entry.detail.slice(1) }];
    return [{ ...base, messageId: null, kind: "acted", text: "Ran an action" }];
  },
};
