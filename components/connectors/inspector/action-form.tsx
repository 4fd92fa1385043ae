"use client";

import { useState } from "react";
import { CHANNELS, type Channel } from "@/lib/engine/nodes/fields";
import { TestSend } from "../../channels/test-send";
import { cx } from "../../ui/cx";
import type { NodeData } from "../graph-convert";
import { Field, Section, Segmented, Select, compactInput, str, withField, type FieldErrors } from "./fields";
import { AttributeRows } from "./attribute-rows";
import { SendOptionsSection } from "./send-options-section";
import { TemplatePreview } from "./template-preview";
import { TemplatePicker } from "../../templates/template-picker";

const KINDS = [
  { value: "send", label: "Send a message to the user" },
  { value: "sendToSegment", label: "Send a message to a segment" },
  { value: "addToSegment", label: "Add the user to a segment" },
  { value: "removeFromSegment", label: "Remove the user from a segment" },
  { value: "setAttributes", label: "Update the user's attributes" },
] as const;

const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = { push: "Push", email: "Email", sms: "SMS", webhook: "Webhook" };

// The template fields each channel uses; switching channel keeps only these.
const CHANNEL_FIELDS: Record<string, ReadonlyArray<"title" | "subject" | "body" | "url">> = {
  push: ["title", "body", "url"],
  email: ["subject", "body"],
  sms: ["body"],
  webhook: ["url", "body"],
};

const FIELD_COPY = {
  title: { label: "Title", hint: "Optional. Shown in bold above the message.", rows: 1 },
  subject: { label: "Subject", hint: undefined, rows: 1 },
  body: { label: "Message", hint: undefined, rows: 4 },
  url: { label: "Link", hint: "Optional. Opened when the user taps the notification.", rows: 1 },
} as const;

function pick(data: NodeData, keys: readonly string[]): NodeData {
  return Object.fromEntries(keys.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
}

// A send's delivery options, kept when the action or its channel changes.
const SEND_OPTION_KEYS = ["topic", "ignoreQuietHours", "ignoreCaps"];

function switchKind(data: NodeData, kind: string): NodeData {
  const messageKeys = ["channel", "template", ...(CHANNEL_FIELDS[str(data.channel)] ?? ["body"]), ...SEND_OPTION_KEYS];
  if (kind === "send") return { kind, channel: "push", body: "", ...pick(data, messageKeys) };
  if (kind === "sendToSegment") return { kind, segment: "", channel: "push", body: "", ...pick(data, ["segment", ...messageKeys]) };
  if (kind === "setAttributes") return { kind, attributes: { "": "" } };
  return { kind, segment: "", ...pick(data, ["segment"]) };
}

function switchChannel(data: NodeData, channel: string): NodeData {
  const kept = pick(data, ["kind", "segment", ...(CHANNEL_FIELDS[channel] ?? []), ...SEND_OPTION_KEYS]);
  // A template is made for one channel: on another, the step needs another pick.
  if (data.template !== undefined) return { ...withTemplate(kept, ""), channel };
  return { ...kept, channel, body: str(data.body) };
}

/**
 * The step with a template's texts (its id; "" until one is picked) or, with undefined,
 * its own: the API takes `template` instead of title, subject and body, so those go.
 */
function withTemplate(data: NodeData, template: string | undefined, aside: NodeData = {}): NodeData {
  if (template === undefined) {
    const { template: _template, ...own } = data;
    // The texts written before the template was picked come back (those of the step's channel).
    const restored = pick(aside, CHANNEL_FIELDS[str(data.channel)] ?? ["body"]);
    return { ...own, ...restored, body: str(restored.body ?? data.body) };
  }
  const { title: _title, subject: _subject, body: _body, ...rest } = data;
  return { ...rest, template };
}

type Props = { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors; trigger: NodeData | undefined; appName: string };

export function ActionForm({ data, onChange, errors, trigger, appName }: Props) {
  const kind = str(data.kind);
  const sends = kind === "send" || kind === "sendToSegment";
  const usesSegment = kind === "sendToSegment" || kind === "addToSegment" || kind === "removeFromSegment";
  const channel = str(data.channel);
  const usesTemplate = data.template !== undefined;
  // The step's own texts, put aside while it uses a template, so switching back finds them.
  const [aside, setAside] = useState<NodeData>({});

  return (
    <>
      <Section title="Do this">
        <Field label="Action" errors={errors.get("data.kind")}>
          {(id) => (
            <Select id={id} value={kind} onChange={(event) => onChange(switchKind(data, event.target.value))}>
              {kind === "" ? <option value="">Choose…</option> : null}
              {KINDS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {usesSegment ? (
          <Field label="Segment" errors={errors.get("data.segment")} hint="A template: Waitlist {{ event.data.product }} makes one segment per product. Created if missing.">
            {(id) => (
              <input id={id} type="text" value={str(data.segment)} onChange={(event) => onChange(withField(data, "segment", event.target.value))} className={compactInput} aria-invalid={errors.has("data.segment") || undefined} />
            )}
          </Field>
        ) : null}
        {sends ? (
          <div className="space-y-1.5">
            <span className="block text-[13px] font-medium text-slate-700">Channel</span>
            <Segmented label="Channel" value={channel} options={CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }))} onChange={(next) => onChange(switchChannel(data, next))} />
          </div>
        ) : null}
      </Section>

      {sends ? (
        <Section title="Message" description="Liquid templates: {{ event.data.qty }}, {{ user.name }}, {{ user.attributes.city }}, {{ app.name }}.">
          {(CHANNELS as readonly string[]).includes(channel) ? (
            <TemplatePicker
              channel={channel as Channel}
              template={usesTemplate ? str(data.template) : undefined}
              onChange={(template) => {
                if (!usesTemplate) setAside(pick(data, ["title", "subject", "body"]));
                onChange(withTemplate(data, template, aside));
              }}
              copiedWhen="the connector is published"
              // Without a template the step needs a body, which is hidden here.
              errors={usesTemplate ? [...(errors.get("data.template") ?? []), ...(errors.has("data.body") ? ["Choose a template"] : [])] : undefined}
              compact
            />
          ) : null}
          {(CHANNEL_FIELDS[channel] ?? ["body"]).filter((field) => !usesTemplate || field === "url").map((field) => {
            const copy =
              channel === "webhook" && field === "url"
                ? { label: "URL", hint: "Optional. Overrides the URL set for the webhook channel in settings.", rows: 1 }
                : channel === "webhook" && field === "body"
                  ? { ...FIELD_COPY.body, label: "Body" }
                  : FIELD_COPY[field];
            const fieldErrors = errors.get(`data.${field}`);
            const common = {
              value: str(data[field]),
              onChange: (event: { target: { value: string } }) =>
                onChange(field === "body" ? { ...data, body: event.target.value } : withField(data, field, event.target.value)),
              "aria-invalid": fieldErrors ? true : undefined,
              className: cx(compactInput, "font-mono text-[13px] leading-5"),
            };
            return (
              <Field key={field} label={copy.label} errors={fieldErrors} hint={copy.hint}>
                {(id) => (copy.rows > 1 ? <textarea id={id} rows={channel === "email" ? 6 : copy.rows} {...common} /> : <input id={id} type="text" {...common} />)}
              </Field>
            );
          })}
        </Section>
      ) : null}

      {sends ? <SendOptionsSection data={data} onChange={onChange} errors={errors} /> : null}

      {kind === "setAttributes" ? (
        <Section title="Attributes" description="Merged into the user's profile. Values are Liquid templates: {{ event.data.amount }}. Later steps see the new values.">
          <AttributeRows value={data.attributes} onChange={(attributes) => onChange({ ...data, attributes })} errors={errors} />
        </Section>
      ) : null}

      {kind !== "" && kind !== "setAttributes" ? (
        <Section title="Preview">
          <TemplatePreview data={data} trigger={trigger} appName={appName} />
        </Section>
      ) : null}

      {(CHANNELS as readonly string[]).includes(channel) && (kind === "send" || kind === "sendToSegment") ? (
        // Checks the channel's provider end to end with Cue's test text, to a user you pick.
        <TestSend channel={channel as Channel} unsavedChanges={false} logOnly={false} />
      ) : null}
    </>
  );
}
