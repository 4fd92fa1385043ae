"use client";

// One channel: its current provider at a glance, and when opened, the provider form
// with per-field errors from the API, save, and a test send.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { channelKeys, channelsApi, type ChannelSetting, type ProviderName } from "@/lib/client/channels";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { CheckIcon } from "../ui/icons";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { ProviderFieldInput } from "./provider-field-input";
import { PROVIDER_SPECS } from "./provider-fields";
import { buildConfig, draftFor, draftSignature, errorsFromDetails, formFields, settingSummary, type FieldErrors, type ProviderDraft } from "./provider-form";
import { ProviderPicker } from "./provider-picker";
import { TestSend } from "./test-send";
import { VapidKey } from "./vapid-key";

export const CHANNEL_DESCRIPTIONS: Record<ChannelSetting["channel"], string> = {
  push: "Browser notifications to the devices a user registered.",
  email: "Email to the user's email address.",
  sms: "Text messages to the user's phone number.",
  webhook: "A JSON POST per message, for any system Cue has no provider for.",
};

type Drafts = Partial<Record<ProviderName, ProviderDraft>>;
const initialDrafts = (setting: ChannelSetting): Drafts => ({ [setting.provider]: draftFor(setting.provider, setting.config) });

export function ChannelCard({ setting, defaultRate, defaultOpen = false }: { setting: ChannelSetting; defaultRate: number; defaultOpen?: boolean }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(defaultOpen);
  const [provider, setProvider] = useState<ProviderName>(setting.provider);
  const [drafts, setDrafts] = useState<Drafts>(() => initialDrafts(setting));
  const [errors, setErrors] = useState<{ fields: FieldErrors; general: string[] }>({ fields: {}, general: [] });
  const [savedAt, setSavedAt] = useState<number | null>(null);

  // A new saved setting (after Save, or a refetch) becomes the form's starting point.
  const [baseline, setBaseline] = useState(setting);
  if (baseline !== setting) {
    setBaseline(setting);
    setProvider(setting.provider);
    setDrafts(initialDrafts(setting));
  }

  const draft = drafts[provider] ?? draftFor(provider, null);
  const savedDraft = provider === setting.provider ? draftFor(provider, setting.config) : null;
  const dirty = provider !== setting.provider || (savedDraft !== null && draftSignature(draft) !== draftSignature(savedDraft));
  const meta = CHANNEL_META[setting.channel];
  const spec = PROVIDER_SPECS[setting.provider];

  const save = useMutation({
    mutationFn: ({ config }: { config: Record<string, unknown> }) => channelsApi.save(setting.channel, provider, config),
    onSuccess: (saved) => {
      setErrors({ fields: {}, general: [] });
      setSavedAt(Date.now());
      queryClient.setQueryData<{ channels: ChannelSetting[] }>(channelKeys.all, (old) =>
        old ? { channels: old.channels.map((c) => (c.channel === saved.channel ? saved : c)) } : old,
      );
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.details.length) {
        const mapped = errorsFromDetails(error.details);
        setErrors({ fields: mapped.fields, general: Object.keys(mapped.fields).length ? mapped.general : [error.message, ...mapped.general] });
      } else setErrors({ fields: {}, general: [error.message] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildConfig(provider, draft, provider === setting.provider ? setting.config : null);
    if (Object.keys(built.errors).length) {
      setErrors({ fields: built.errors, general: [] });
      return;
    }
    save.mutate({ config: built.config });
  };

  const changeDraft = (next: ProviderDraft) => {
    setDrafts({ ...drafts, [provider]: next });
    setSavedAt(null);
  };
  const discard = () => {
    setProvider(setting.provider);
    setDrafts(initialDrafts(setting));
    setErrors({ fields: {}, general: [] });
  };

  return (
    <Card className="overflow-hidden" data-testid={`channel-${setting.channel}`}>
      <div className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center">
        <div className="flex min-w-0 flex-1 items-start gap-3.5">
          <ChannelTile channel={setting.channel} size="lg" />
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-[15px] font-semibold text-slate-900">{meta.label}</h2>
              {setting.provider === "log" ? (
                <Badge tone="neutral">
                  <span className="size-1.5 rounded-full bg-slate-400" aria-hidden="true" />
                  <span data-testid="channel-provider">{spec.label}</span>
                </Badge>
              ) : (
                <Badge tone="success">
                  <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden="true" />
                  <span data-testid="channel-provider">{spec.label}</span>
                </Badge>
              )}
            </div>
            <p className="mt-0.5 text-sm text-slate-500">{CHANNEL_DESCRIPTIONS[setting.channel]}</p>
            <p
              className={cx("mt-1 truncate text-xs text-slate-500", setting.provider !== "log" && "font-mono")}
              data-testid="channel-summary"
              title={settingSummary(setting.provider, setting.config)}
            >
              {settingSummary(setting.provider, setting.config)}
            </p>
          </div>
        </div>
        <Button variant={open ? "ghost" : "secondary"} size="sm" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)} className="self-start sm:self-center">
          {open ? "Close" : setting.provider === "log" ? "Set up" : "Edit"}
        </Button>
      </div>

      {open ? (
        <div id={`${id}-body`} className="border-t border-slate-100">
          <form onSubmit={submit} noValidate>
            <div className="space-y-5 px-5 py-5">
              <ProviderPicker
                name={`${id}-provider`}
                providers={setting.providers}
                value={provider}
                saved={setting.provider}
                error={errors.fields.provider}
                onChange={(next) => {
                  setProvider(next);
                  setDrafts((current) => ({ ...current, [next]: current[next] ?? draftFor(next, next === setting.provider ? setting.config : null) }));
                  setErrors({ fields: {}, general: [] });
                }}
              />
              {provider === "log" ? (
                <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm leading-6 text-slate-600 ring-1 ring-slate-200 ring-inset">
                  Every {meta.noun} is recorded on the Messages page as sent, and none reaches anyone. Pick a provider when you are ready to deliver.
                </p>
              ) : (
                <div className="grid grid-cols-1 gap-x-5 gap-y-4 sm:grid-cols-2">
                  {provider === "webpush" ? (
                    <VapidKey
                      publicKey={setting.provider === "webpush" && typeof setting.config.vapidPublicKey === "string" ? setting.config.vapidPublicKey : null}
                      hasPrivateKey={setting.provider === "webpush" && Boolean(setting.config.vapidPrivateKey)}
                    />
                  ) : null}
                  {formFields(provider).map((field) => (
                    <ProviderFieldInput
                      key={field.key}
                      field={field}
                      draft={draft}
                      onChange={changeDraft}
                      error={errors.fields[field.key]}
                      placeholder={field.key === "ratePerSecond" ? `${defaultRate} per second (default)` : undefined}
                    />
                  ))}
                </div>
              )}
              {errors.general.length ? <Alert title="The settings were not saved">{errors.general.join(" ")}</Alert> : null}
            </div>
            <div className="flex flex-col gap-3 border-t border-slate-100 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
              <p className={cx("flex items-center gap-1.5 text-xs", savedAt && !dirty ? "text-emerald-700" : "text-slate-500")} aria-live="polite">
                {savedAt && !dirty ? (
                  <>
                    <CheckIcon className="size-3.5" /> Saved. The next {meta.noun} goes through {PROVIDER_SPECS[setting.provider].label}.
                  </>
                ) : dirty ? (
                  "Unsaved changes"
                ) : (
                  "Changes apply to the next message sent."
                )}
              </p>
              <div className="flex items-center gap-2">
                <Button variant="ghost" size="sm" onClick={discard} disabled={!dirty || save.isPending}>
                  Discard
                </Button>
                <Button type="submit" size="sm" loading={save.isPending} disabled={!dirty}>
                  Save
                </Button>
              </div>
            </div>
          </form>
          <TestSend channel={setting.channel} unsavedChanges={dirty} logOnly={setting.provider === "log"} />
        </div>
      ) : null}
    </Card>
  );
}
