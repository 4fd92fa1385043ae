"use client";

// The editor's left card: the template's name, channel, the channel's own fields (an
// email's format and subject, a push's title) and the body in the code editor, with
// the server's problems under the field they name.
import type { ReactNode } from "react";
import { TEMPLATE_CHANNEL_FIELDS, type LineProblem, type TemplateDraft } from "@/lib/client/template-draft";
import { CHANNELS, type Format } from "@/lib/engine/nodes/fields";
import { STARTER_MARKDOWN, STARTER_MJML } from "@/lib/templates/starter";
import { Segmented } from "../connectors/inspector/fields";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { Field, inputClasses } from "../ui/input";
import { CodeEditor } from "./code-editor";

const FORMAT_OPTIONS: { value: Format; label: string }[] = [
  { value: "text", label: "Text" },
  { value: "markdown", label: "Markdown" },
  { value: "mjml", label: "MJML" },
];

const FORMAT_HINTS: Record<Format, string> = {
  text: "Sent as written, as the email's only part.",
  markdown: "Rendered to a simple responsive HTML email, with a plain-text part.",
  mjml: "A responsive layout language for email: rendered to HTML that holds up in every client, with a plain-text part.",
};

// A starter fills a body only while it is empty or still another starter, never over what was written.
function starterFor(format: Format, body: string): string {
  const untouched = body.trim() === "" || body === STARTER_MJML || body === STARTER_MARKDOWN;
  if (!untouched) return body;
  return format === "mjml" ? STARTER_MJML : format === "markdown" ? STARTER_MARKDOWN : "";
}

type Props = {
  draft: TemplateDraft;
  onChange: (draft: TemplateDraft) => void;
  errorAt: (path: string) => string | undefined;
  bodyProblems: LineProblem[];
};

export function TemplateFields({ draft, onChange, errorAt, bodyProblems }: Props) {
  const has = TEMPLATE_CHANNEL_FIELDS[draft.channel];
  const set = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => onChange({ ...draft, [key]: value });
  const format = has.formats.includes(draft.format) ? draft.format : "text";

  return (
    <Card>
      <CardHeader title="Template" description={<>Liquid everywhere: {"{{ user.name }}"}, {"{{ event.data.product }}"}, {"{{ app.name }}"}.</>} />
      <div className="space-y-5 px-5 py-5">
        <Field id="template-name" label="Name" error={errorAt("name")} hint="Unique in this app; the pickers in connectors and campaigns show it.">
          <input id="template-name" className={inputClasses} value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="Order confirmation" maxLength={200} aria-invalid={Boolean(errorAt("name")) || undefined} />
        </Field>

        <fieldset>
          <legend className="mb-1.5 block text-sm font-medium text-slate-700">Channel</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {CHANNELS.map((channel) => (
              <label
                key={channel}
                className={cx(
                  "flex min-w-0 cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-sm ring-1 ring-inset transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                  draft.channel === channel ? "bg-brand-50 font-medium text-brand-800 ring-2 ring-brand-500" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                )}
              >
                <input type="radio" name="template-channel" value={channel} checked={draft.channel === channel} onChange={() => set("channel", channel)} className="sr-only" />
                <ChannelTile channel={channel} />
                {CHANNEL_META[channel].label}
              </label>
            ))}
          </div>
          {errorAt("channel") ? <p className="mt-1.5 text-xs text-red-600">{errorAt("channel")}</p> : null}
        </fieldset>

        {has.formats.length > 1 ? (
          <Field label="Format" error={errorAt("format")} hint={FORMAT_HINTS[format]}>
            <Segmented label="Format" value={format} options={FORMAT_OPTIONS} onChange={(next) => onChange({ ...draft, format: next, body: starterFor(next, draft.body) })} />
          </Field>
        ) : null}
        {has.subject ? (
          <Field id="template-subject" label="Subject" error={errorAt("subject")}>
            <input id="template-subject" className={inputClasses} value={draft.subject} onChange={(e) => set("subject", e.target.value)} placeholder="Order {{ event.data.order_nr }} confirmed" aria-invalid={Boolean(errorAt("subject")) || undefined} />
          </Field>
        ) : null}
        {has.title ? (
          <Field id="template-title" label="Title (optional)" error={errorAt("title")} hint="Shown in bold above the message.">
            <input id="template-title" className={inputClasses} value={draft.title} onChange={(e) => set("title", e.target.value)} placeholder="Back in stock" aria-invalid={Boolean(errorAt("title")) || undefined} />
          </Field>
        ) : null}

        <div className="space-y-1.5">
          <label htmlFor="template-body" className="block text-sm font-medium text-slate-700">
            {draft.channel === "webhook" ? "Payload" : format === "mjml" ? "Body (MJML)" : format === "markdown" ? "Body (markdown)" : "Body"}
          </label>
          <CodeEditor id="template-body" label="Body" value={draft.body} onChange={(body) => set("body", body)} format={format} problems={bodyProblems} invalid={bodyProblems.length > 0} />
          {bodyProblems.length ? (
            <ul className="space-y-1 rounded-lg bg-red-50 px-3.5 py-2.5 text-xs leading-5 text-red-800 ring-1 ring-red-200 ring-inset" data-testid="body-problems" role="alert">
              {bodyProblems.map((problem, index) => (
                <li key={index}>
                  {problem.line !== null ? <span className="font-semibold">Line {problem.line}: </span> : null}
                  {problem.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-500">Checked as you type: a line that does not compile is marked here, and the template cannot be saved until it does.</p>
          )}
        </div>
      </div>
    </Card>
  );
}
