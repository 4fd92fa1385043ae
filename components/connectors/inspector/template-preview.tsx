"use client";

// The action's templates rendered with lib/engine/templates, against the most recent
// real event of the trigger's name (and that user's profile), or a sample event when
// the app has not logged one yet. Re-renders on every keystroke. A step that names a
// saved template is rendered by the server instead.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { eventsApi } from "@/lib/client/connectors";
import { apiFetch } from "@/lib/client/api";
import { eventKeys, userProfileKey } from "@/lib/client/query-keys";
import { templateKeys, templatesApi } from "@/lib/client/templates";
import type { UserRecord as ClientUser } from "@/lib/client/types";
import { sampleEvent } from "@/lib/engine/preview";
import { renderTemplate, templateScope } from "@/lib/engine/templates";
import type { EventRecord, UserRecord } from "@/lib/engine/types";
import { RelativeTime } from "../../ui/time";
import { EmailFrame } from "../../templates/email-frame";
import type { NodeData } from "../graph-convert";
import { str } from "./fields";

const SAMPLE_USER: UserRecord = { id: "u_sample", email: "ada@example.com", phone: "+15550100", name: "Ada", attributes: { plan: "pro" } };
const FIELDS = ["title", "subject", "body", "url", "segment"] as const;
type Field = (typeof FIELDS)[number];
type Rendered = Partial<Record<Field, { text: string } | { error: string }>>;

function render(src: string, scope: ReturnType<typeof templateScope>): { text: string } | { error: string } {
  try {
    return { text: renderTemplate(src, scope) };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}

function usePreviewSource(trigger: NodeData | undefined, templates: string[]) {
  const eventName = trigger && trigger.kind !== "inactivity" ? str(trigger.event).trim() : "";
  const [now] = useState(() => new Date());
  const latest = useQuery({
    queryKey: eventKeys.latest(eventName),
    queryFn: ({ signal }) => eventsApi.latest(eventName, signal),
    enabled: eventName !== "",
    staleTime: 60_000,
  });
  const real = eventName ? latest.data ?? null : null;
  const profile = useQuery({
    queryKey: userProfileKey(real?.userId ?? ""),
    queryFn: ({ signal }) => apiFetch<ClientUser>(`/api/v1/users/${encodeURIComponent(real!.userId)}`, { signal }),
    enabled: real !== null,
    staleTime: 60_000,
  });
  const event: EventRecord = real
    ? { id: real.id, event: real.event, userId: real.userId, data: real.data, timestamp: new Date(real.timestamp) }
    : sampleEvent(trigger ?? {}, templates, now);
  const user: UserRecord = profile.data
    ? { id: profile.data.userId, email: profile.data.email, phone: profile.data.phone, name: profile.data.name, attributes: profile.data.attributes }
    : real
      ? { ...SAMPLE_USER, id: real.userId }
      : SAMPLE_USER;
  return { event, user, real, knownUser: profile.data !== undefined };
}

// A step that names a saved template: rendered by the server, as delivery will (an MJML
// or markdown email with its HTML), for the same event and user as the step's own texts.
function useSavedTemplate(templateId: string, event: EventRecord, userId: string | null) {
  const scope = { ...(userId ? { userId } : {}), event: { event: event.event, data: event.data, timestamp: event.timestamp.toISOString() } };
  return useQuery({
    queryKey: templateKeys.render(templateId, scope),
    queryFn: ({ signal }) => templatesApi.render(templateId, scope, signal),
    enabled: templateId !== "",
    staleTime: 10_000,
    retry: false,
  });
}

function Line({ value, className, placeholder }: { value: Rendered[Field]; className?: string; placeholder?: string }) {
  if (!value) return placeholder ? <p className="text-slate-400 italic">{placeholder}</p> : null;
  if ("error" in value) return <p className="text-xs text-red-600">Does not render: {value.error}</p>;
  return <p className={className}>{value.text || <span className="text-slate-400 italic">(empty)</span>}</p>;
}

export function TemplatePreview({ data, trigger, appName }: { data: NodeData; trigger: NodeData | undefined; appName: string }) {
  const templates = FIELDS.map((field) => data[field]).filter((value): value is string => typeof value === "string");
  const { event, user, real, knownUser } = usePreviewSource(trigger, templates);
  const templateId = str(data.template).trim();
  const saved = useSavedTemplate(templateId, event, knownUser ? user.id : null);
  // Parsed templates are cached by the engine, so rendering on every keystroke is cheap.
  const scope = templateScope(event, user, { id: "app", name: appName });
  const rendered: Rendered = {};
  for (const field of FIELDS) {
    const src = data[field];
    if (typeof src === "string" && src !== "") rendered[field] = render(src, scope);
  }
  if (templateId && saved.error) rendered.body = { error: saved.error.message };
  if (templateId && saved.data) {
    const { title, subject, text } = saved.data;
    Object.assign(rendered, { body: { text } }, title !== undefined ? { title: { text: title } } : {}, subject !== undefined ? { subject: { text: subject } } : {});
  }
  const html = templateId ? saved.data?.html : undefined;

  const channel = str(data.channel);
  const segmentOnly = data.kind === "addToSegment" || data.kind === "removeFromSegment";

  return (
    <div className="space-y-2" data-testid="template-preview">
      {data.kind === "sendToSegment" || segmentOnly ? (
        <div className="rounded-lg bg-white px-3 py-2 text-sm ring-1 ring-slate-200">
          <span className="text-slate-500">{data.kind === "removeFromSegment" ? "Removes from" : data.kind === "addToSegment" ? "Adds to" : "Sends to"} segment </span>
          <Line value={rendered.segment} className="inline font-medium text-slate-900" placeholder="…" />
        </div>
      ) : null}
      {segmentOnly ? null : channel === "email" ? (
        <div className="overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
          <div className="space-y-0.5 border-b border-slate-100 bg-slate-50 px-3 py-2 text-xs text-slate-500">
            <p>
              From <span className="text-slate-700">{appName}</span> to <span className="text-slate-700">{user.email ?? "the user"}</span>
            </p>
            <Line value={rendered.subject} className="text-sm font-semibold text-slate-900" placeholder="No subject yet" />
          </div>
          {html ? (
            <div className="bg-slate-100 p-2">
              <EmailFrame html={html} width="desktop" />
            </div>
          ) : (
            <div className="px-3 py-2.5 whitespace-pre-wrap text-slate-700">
              <Line value={rendered.body} placeholder="Write the message to see it here" />
            </div>
          )}
        </div>
      ) : channel === "sms" ? (
        <div className="rounded-2xl bg-slate-100 p-3">
          <div className="max-w-[85%] rounded-2xl rounded-bl-md bg-white px-3 py-2 text-sm whitespace-pre-wrap text-slate-800 shadow-xs">
            <Line value={rendered.body} placeholder="Write the message to see it here" />
          </div>
        </div>
      ) : channel === "webhook" ? (
        <div className="rounded-lg bg-slate-900 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100">
          {rendered.url ? <Line value={rendered.url} className="mb-1 text-sky-300" /> : null}
          <Line value={rendered.body} placeholder="Write the body to see it here" />
        </div>
      ) : (
        <div className="rounded-2xl bg-linear-to-br from-slate-200 to-slate-100 p-3">
          <div className="rounded-xl bg-white/95 p-3 shadow-sm ring-1 ring-slate-900/5">
            <div className="flex items-center gap-2 text-[11px] text-slate-500">
              <span className="flex size-5 items-center justify-center rounded-md bg-brand-600 text-[10px] font-bold text-white uppercase">{appName.slice(0, 1)}</span>
              <span className="font-medium tracking-wide uppercase">{appName}</span>
              <span className="ml-auto">now</span>
            </div>
            <div className="mt-1.5 space-y-0.5 text-sm whitespace-pre-wrap">
              <Line value={rendered.title} className="font-semibold text-slate-900" />
              <Line value={rendered.body} className="text-slate-700" placeholder="Write the message to see it here" />
            </div>
          </div>
        </div>
      )}
      <p className="text-xs leading-5 text-slate-500" data-testid="preview-source">
        {real ? (
          <>
            Rendered with the latest <span className="font-mono">{real.event}</span> from <span className="font-mono">{real.userId}</span>,{" "}
            <RelativeTime value={real.timestamp} />.
          </>
        ) : (
          <>
            Rendered with a sample {trigger && str(trigger.event).trim() ? <span className="font-mono">{event.event}</span> : null} event; fields in
            [brackets] fill in from real events.
          </>
        )}
      </p>
    </div>
  );
}
