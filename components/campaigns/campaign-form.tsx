"use client";

// The "New campaign" form: a segment, a channel, the channel's fields as Liquid
// templates, and when to send; the live preview renders beside it. The API's 400
// details land on the fields they name.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { CHANNEL_FIELDS, campaignKeys, campaignsApi, type CampaignDraft } from "@/lib/client/campaigns";
import { formatNumber } from "@/lib/client/format";
import { MESSAGE_CHANNELS, type MessageChannel } from "@/lib/client/messages";
import { topicOptions, useTopics } from "@/lib/client/use-topics";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Alert } from "../ui/alert";
import { Button, ButtonLink } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { Field, inputClasses } from "../ui/input";
import { TemplatePicker } from "../templates/template-picker";
import { CampaignPreview } from "./campaign-preview";

export type SegmentOption = { id: string; name: string; members: number };

type Fields = {
  segment: string;
  channel: MessageChannel;
  name: string;
  title: string;
  subject: string;
  body: string;
  /** undefined: the texts are written here; "" a template is wanted but not picked yet. */
  template: string | undefined;
  url: string;
  when: "now" | "later";
  at: string;
  /** "" is the default topic, marketing. */
  topic: string;
  ignoreQuietHours: boolean;
  ignoreCaps: boolean;
};

function PolicyCheck({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-start gap-2.5">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
      <span>
        <span className="block text-sm text-slate-700">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

/**
 * The message the API gets: only the fields the channel has, empty optional ones left
 * out; with a template, its id instead of the texts (the link or URL still applies).
 */
function toMessage(f: Fields): Omit<CampaignDraft, "name" | "sendAt"> {
  const has = CHANNEL_FIELDS[f.channel];
  const url = has.url && f.url.trim() ? { url: f.url.trim() } : {};
  if (f.template !== undefined) return { segment: f.segment, channel: f.channel, template: f.template, ...url };
  return {
    segment: f.segment,
    channel: f.channel,
    body: f.body,
    ...(has.title && f.title ? { title: f.title } : {}),
    ...(has.subject ? { subject: f.subject } : {}),
    ...url,
  };
}

function toDraft(f: Fields): CampaignDraft {
  return {
    ...toMessage(f),
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(f.when === "later" && f.at ? { sendAt: new Date(f.at).toISOString() } : {}),
    ...(f.topic ? { topic: f.topic } : {}),
    ...(f.ignoreQuietHours ? { ignoreQuietHours: true } : {}),
    ...(f.ignoreCaps ? { ignoreCaps: true } : {}),
  };
}

export function CampaignForm({ segments, initialSegment, appName }: { segments: SegmentOption[]; initialSegment?: string; appName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [f, setF] = useState<Fields>({
    segment: segments.some((s) => s.id === initialSegment) ? initialSegment! : "",
    channel: "push",
    name: "",
    title: "",
    subject: "",
    body: "",
    template: undefined,
    url: "",
    when: "now",
    at: "",
    topic: "",
    ignoreQuietHours: false,
    ignoreCaps: false,
  });
  const topics = useTopics();
  // One per visit of the form (getRandomValues also works on plain-http deployments,
  // where crypto.randomUUID does not exist).
  const [idempotencyKey] = useState(() => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(""));
  const set = <K extends keyof Fields>(key: K) => (value: Fields[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const has = CHANNEL_FIELDS[f.channel];
  const selected = segments.find((s) => s.id === f.segment);

  const create = useMutation({
    mutationFn: () => {
      if (f.when === "later" && !f.at) throw new ApiRequestError("Pick a date and time", 400, "invalid_request", [{ path: "sendAt", message: "Pick a date and time" }]);
      return campaignsApi.create(toDraft(f), idempotencyKey);
    },
    onSuccess: (campaign) => {
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      router.push(`/campaigns/${campaign.id}`);
    },
  });
  const details = create.error instanceof ApiRequestError ? create.error.details : [];
  const errorAt = (path: string) => details.filter((d) => d.path === path).map((d) => d.message).join(" · ") || undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <form onSubmit={submit} noValidate aria-label="New campaign">
        <Card>
          <CardHeader title="Audience and channel" />
          <div className="space-y-5 px-5 py-5">
            <Field id="campaign-segment" label="Segment" error={errorAt("segment")} hint={selected ? `${formatNumber(selected.members)} members will get this message` : undefined}>
              <select id="campaign-segment" className={inputClasses} value={f.segment} onChange={(e) => set("segment")(e.target.value)} aria-invalid={Boolean(errorAt("segment")) || undefined}>
                <option value="">Choose a segment…</option>
                {segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({formatNumber(s.members)} {s.members === 1 ? "member" : "members"})
                  </option>
                ))}
              </select>
            </Field>

            <fieldset className="space-y-1.5">
              <legend className="mb-1.5 block text-sm font-medium text-slate-700">Channel</legend>
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-2 2xl:grid-cols-4">
                {MESSAGE_CHANNELS.map((channel) => (
                  <label
                    key={channel}
                    className={cx(
                      // The radio itself is visually hidden, so the card shows its keyboard focus.
                      "flex cursor-pointer items-center gap-2.5 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                      f.channel === channel ? "bg-brand-50 font-medium text-brand-800 ring-2 ring-brand-500" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                    )}
                  >
                    <input
                      type="radio"
                      name="channel"
                      value={channel}
                      checked={f.channel === channel}
                      // A template belongs to one channel: another channel needs another pick.
                      onChange={() => setF((prev) => ({ ...prev, channel, template: prev.template === undefined ? undefined : "" }))}
                      className="sr-only"
                    />
                    <ChannelTile channel={channel} />
                    {CHANNEL_META[channel].label}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>

          <CardHeader title="Message" description={<>Liquid templates over the member and the app, e.g. {"{{ user.name }}"} or {"{{ user.attributes.city }}"}.</>} className="border-t" />
          <div className="space-y-5 px-5 py-5">
            <TemplatePicker
              channel={f.channel}
              template={f.template}
              onChange={set("template")}
              copiedWhen="the campaign is created"
              // Without a template the API asks for a body, which is hidden here.
              errors={f.template === undefined ? undefined : [errorAt("template") ?? (errorAt("body") ? "Choose a template" : undefined)].filter((e) => e !== undefined)}
            />
            {f.template === undefined ? (
              <>
                {has.title ? (
                  <Field id="campaign-title" label="Title" error={errorAt("title")}>
                    <input id="campaign-title" className={inputClasses} value={f.title} onChange={(e) => set("title")(e.target.value)} placeholder="Back in stock" />
                  </Field>
                ) : null}
                {has.subject ? (
                  <Field id="campaign-subject" label="Subject" error={errorAt("subject")}>
                    <input id="campaign-subject" className={inputClasses} value={f.subject} onChange={(e) => set("subject")(e.target.value)} placeholder="{{ user.name }}, it's back" />
                  </Field>
                ) : null}
                <Field id="campaign-body" label={f.channel === "webhook" ? "Payload" : "Message"} error={errorAt("body")}>
                  <textarea
                    id="campaign-body"
                    rows={5}
                    className={cx(inputClasses, "font-[inherit] leading-6", f.channel === "webhook" && "font-mono text-[13px]")}
                    value={f.body}
                    onChange={(e) => set("body")(e.target.value)}
                    placeholder={f.channel === "webhook" ? '{ "user": "{{ user.id }}" }' : "Hi {{ user.name | default: 'there' }}, …"}
                    aria-invalid={Boolean(errorAt("body")) || undefined}
                  />
                </Field>
              </>
            ) : null}
            {has.url ? (
              <Field
                id="campaign-url"
                label={has.url === "link" ? "Link (optional)" : "Endpoint URL (optional)"}
                error={errorAt("url")}
                hint={has.url === "link" ? "Opened when the notification is tapped." : "Overrides the URL set for the webhook channel."}
              >
                <input id="campaign-url" className={cx(inputClasses, "font-mono text-[13px]")} value={f.url} onChange={(e) => set("url")(e.target.value)} placeholder="https://" />
              </Field>
            ) : null}
          </div>

          <CardHeader title="Delivery" className="border-t" />
          <div className="space-y-5 px-5 py-5">
            <Field id="campaign-name" label="Campaign name (optional)" error={errorAt("name")} hint="Shown in the campaigns list; defaults to the segment's name.">
              <input id="campaign-name" className={inputClasses} value={f.name} onChange={(e) => set("name")(e.target.value)} placeholder={selected?.name ?? "Spring sale"} />
            </Field>
            <fieldset>
              <legend className="mb-2 block text-sm font-medium text-slate-700">When</legend>
              <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
                {(["now", "later"] as const).map((when) => (
                  <label key={when} className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-700">
                    <input type="radio" name="when" value={when} checked={f.when === when} onChange={() => set("when")(when)} className="size-4 accent-brand-600" />
                    {when === "now" ? "Send now" : "Schedule for"}
                  </label>
                ))}
                <input
                  type="datetime-local"
                  aria-label="Send at"
                  className={cx(inputClasses, "w-full sm:w-auto sm:min-w-52 sm:flex-1")}
                  value={f.at}
                  onChange={(e) => setF((prev) => ({ ...prev, at: e.target.value, when: "later" }))}
                  aria-invalid={Boolean(errorAt("sendAt")) || undefined}
                />
              </div>
              {errorAt("sendAt") ? <p className="mt-1.5 text-xs text-red-600">{errorAt("sendAt")}</p> : <p className="mt-1.5 text-xs text-slate-500">In your time zone. A time in the past sends now.</p>}
            </fieldset>
            <Field
              id="campaign-topic"
              label="Topic"
              error={errorAt("topic")}
              hint={
                <>
                  Members who left this topic are skipped.{" "}
                  <Link href="/settings/topics" className="font-medium text-brand-600 hover:text-brand-700">
                    Manage topics
                  </Link>
                </>
              }
            >
              <select id="campaign-topic" className={inputClasses} value={f.topic} onChange={(e) => set("topic")(e.target.value)} aria-invalid={Boolean(errorAt("topic")) || undefined}>
                {topicOptions(topics.data?.topics ?? [], f.topic).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset className="space-y-2.5">
              <legend className="mb-1.5 block text-sm font-medium text-slate-700">Delivery policy</legend>
              <PolicyCheck
                label="Send during quiet hours"
                hint="Members inside the policy's quiet hours get it now instead of when they end."
                checked={f.ignoreQuietHours}
                onChange={set("ignoreQuietHours")}
              />
              <PolicyCheck
                label="Ignore frequency caps"
                hint="Members at a cap get it anyway; it still counts towards their caps."
                checked={f.ignoreCaps}
                onChange={set("ignoreCaps")}
              />
            </fieldset>
            {create.error && details.length === 0 ? <Alert>{create.error.message}</Alert> : null}
          </div>
          <div className="flex items-center justify-end gap-2 border-t border-slate-100 bg-slate-50/60 px-5 py-3.5">
            <ButtonLink href="/campaigns" variant="ghost">
              Cancel
            </ButtonLink>
            <Button type="submit" loading={create.isPending}>
              {f.when === "now" ? "Send now" : "Schedule campaign"}
            </Button>
          </div>
        </Card>
      </form>
      <div className="lg:sticky lg:top-6">
        <CampaignPreview draft={f.segment ? toMessage(f) : null} appName={appName} />
      </div>
    </div>
  );
}
