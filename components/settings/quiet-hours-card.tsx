"use client";

// Quiet hours: on or off, the window in each person's local time, the channels it
// covers and what happens to a message due inside it, with the rule in words below.
import { useId } from "react";
import { CHANNELS, type Channel } from "@/lib/engine/nodes/fields";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { inputClasses } from "../ui/input";
import { Switch } from "../ui/switch";
import { ChoiceCards } from "./choice-cards";
import { RuleWords } from "./rule-words";
import { errorUnder, quietHoursWords, type PolicyDraft, type PolicyErrors } from "./policy-draft";

const MODES = [
  { value: "hold", label: "Hold until they end", hint: "Held, then sent when quiet hours end in the person's time zone." },
  { value: "drop", label: "Drop", hint: "Skipped, with quiet hours as the reason. Never sent later." },
] as const;

const HALF_HOURS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`);

function FieldError({ message }: { message?: string }) {
  return message ? (
    <p className="text-xs text-red-600" data-testid="field-error">
      {message}
    </p>
  ) : null;
}

export function QuietHoursCard({ draft, errors, onChange }: { draft: PolicyDraft; errors: PolicyErrors; onChange: (patch: Partial<PolicyDraft>) => void }) {
  const id = useId();
  const toggleChannel = (channel: Channel, on: boolean) =>
    onChange({ channels: CHANNELS.filter((c) => (c === channel ? on : draft.channels.includes(c))) });

  return (
    <Card data-testid="quiet-hours">
      <CardHeader
        title="Quiet hours"
        description="A window each night, in each person's own time, when chosen channels stay silent."
        actions={
          <label className="flex items-center gap-2.5 text-sm text-slate-600">
            {draft.quietOn ? "On" : "Off"}
            <Switch checked={draft.quietOn} onCheckedChange={(quietOn) => onChange({ quietOn })} aria-label="Quiet hours" />
          </label>
        }
      />
      {draft.quietOn ? (
        <div className="space-y-5 px-5 py-5">
          {/* 24-hour text with suggestions every half hour: the same clock the rule in words and every reason use. */}
          <datalist id={`${id}-clock`}>
            {HALF_HOURS.map((time) => (
              <option key={time} value={time} />
            ))}
          </datalist>
          <div className="flex flex-wrap items-start gap-4">
            <div className="w-32 space-y-1.5">
              <label htmlFor={`${id}-start`} className="block text-sm font-medium text-slate-700">
                From
              </label>
              <input
                id={`${id}-start`}
                list={`${id}-clock`}
                inputMode="numeric"
                autoComplete="off"
                maxLength={5}
                placeholder="21:00"
                className={cx(inputClasses, "tabular-nums")}
                value={draft.start}
                onChange={(event) => onChange({ start: event.target.value.trim() })}
                aria-invalid={Boolean(errors["quietHours.start"]) || undefined}
              />
            </div>
            <div className="w-32 space-y-1.5">
              <label htmlFor={`${id}-end`} className="block text-sm font-medium text-slate-700">
                Until
              </label>
              <input
                id={`${id}-end`}
                list={`${id}-clock`}
                inputMode="numeric"
                autoComplete="off"
                maxLength={5}
                placeholder="08:00"
                className={cx(inputClasses, "tabular-nums")}
                value={draft.end}
                onChange={(event) => onChange({ end: event.target.value.trim() })}
                aria-invalid={Boolean(errors["quietHours.end"]) || undefined}
              />
            </div>
          </div>

          {errors["quietHours.start"] || errors["quietHours.end"] ? (
            <div className="-mt-3 space-y-1">
              <FieldError message={errors["quietHours.start"] && `From: ${errors["quietHours.start"]}`} />
              <FieldError message={errors["quietHours.end"] && `Until: ${errors["quietHours.end"]}`} />
            </div>
          ) : null}

          <fieldset>
            <legend className="mb-1.5 block text-sm font-medium text-slate-700">Channels</legend>
            <div className="flex flex-wrap gap-2">
              {CHANNELS.map((channel) => {
                const on = draft.channels.includes(channel);
                return (
                  <label
                    key={channel}
                    className={cx(
                      "flex cursor-pointer items-center gap-2 rounded-lg py-1.5 pr-3 pl-2 text-sm ring-1 ring-inset transition-colors",
                      "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                      on ? "bg-brand-50/70 font-medium text-brand-800 ring-brand-300" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                    )}
                  >
                    <input type="checkbox" checked={on} onChange={(event) => toggleChannel(channel, event.target.checked)} className="size-4 accent-brand-600" />
                    <ChannelTile channel={channel} />
                    {CHANNEL_META[channel].label}
                  </label>
                );
              })}
            </div>
            <div className="mt-1.5">
              <FieldError message={errorUnder(errors, "quietHours.channels")} />
            </div>
          </fieldset>

          <fieldset>
            <legend className="mb-1.5 block text-sm font-medium text-slate-700">A message due in quiet hours</legend>
            <ChoiceCards name={`${id}-mode`} value={draft.mode} options={MODES} onChange={(mode) => onChange({ mode })} columns={2} />
            <FieldError message={errors["quietHours.mode"]} />
          </fieldset>
        </div>
      ) : null}
      <RuleWords testId="quiet-hours-words" muted={!draft.quietOn} className={draft.quietOn ? "border-t border-slate-100" : undefined}>
        {quietHoursWords(draft)}
      </RuleWords>
    </Card>
  );
}
