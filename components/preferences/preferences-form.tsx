import type { Preferences } from "@/lib/server/delivery/unsubscribe";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { CheckIcon } from "../ui/icons";
import { savedSummary } from "./saved-summary";
import { CheckboxSwitch } from "./checkbox-switch";

const HINTS: Record<string, string> = {
  marketing: "News, offers and product updates",
  transactional: "Receipts and account notices, always sent",
};

/**
 * Every topic and the email channel as switches in a plain form that posts to the link
 * itself (app/u/[token]/route.ts), which saves and comes back here with ?saved=1.
 */
export function PreferencesForm({ action, preferences, saved }: { action: string; preferences: Preferences; saved: boolean }) {
  const { appName, maskedEmail, topic, topics, email } = preferences;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Email preferences</h1>
      <p className="mt-1.5 text-sm leading-6 text-slate-500">
        Choose the emails {appName} sends {maskedEmail ? (
          <>
            to <span className="font-medium whitespace-nowrap text-slate-700">{maskedEmail}</span>
          </>
        ) : (
          "you"
        )}.
      </p>

      {saved ? (
        <div role="status" data-testid="preferences-saved" className="mt-5 flex gap-2.5 rounded-lg bg-emerald-50 px-3.5 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200 ring-inset">
          <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
          <div className="space-y-0.5">
            <p className="font-medium">Your preferences are saved</p>
            <p className="leading-5">{savedSummary(preferences)}</p>
          </div>
        </div>
      ) : null}

      <form method="post" action={action} className="mt-6">
        <input type="hidden" name="intent" value="save" />
        <fieldset>
          <legend className="text-xs font-medium tracking-wide text-slate-500 uppercase">Topics</legend>
          <ul className="mt-1 divide-y divide-slate-100">
            {topics.map((t) => {
              const id = `topic-${t.key}`;
              const hint = HINTS[t.key];
              return (
                <li key={t.key} className="flex items-center justify-between gap-4 py-3.5">
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <label htmlFor={id} className="text-sm font-medium text-slate-900">
                        {t.name}
                      </label>
                      {t.key === topic ? <Badge tone="brand">This email</Badge> : null}
                    </div>
                    {hint ? (
                      <p id={`${id}-hint`} className="mt-0.5 text-xs leading-5 text-slate-500">
                        {hint}
                      </p>
                    ) : null}
                  </div>
                  {/* Transactional cannot be left: shown on, never posted. */}
                  {t.locked ? (
                    <CheckboxSwitch id={id} defaultChecked disabled describedBy={hint ? `${id}-hint` : undefined} />
                  ) : (
                    <>
                      <input type="hidden" name="shown" value={t.key} />
                      <CheckboxSwitch id={id} name="topic" value={t.key} defaultChecked={t.subscribed} describedBy={hint ? `${id}-hint` : undefined} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>

        <div className="mt-3 flex items-center justify-between gap-4 rounded-xl bg-slate-50 px-4 py-3.5 ring-1 ring-slate-200 ring-inset">
          <div className="min-w-0">
            <label htmlFor="channel-email" className="text-sm font-medium text-slate-900">
              All emails from {appName}
            </label>
            <p id="channel-email-hint" className="mt-0.5 text-xs leading-5 text-slate-500">
              Off stops every email, receipts and account notices included.
            </p>
          </div>
          <CheckboxSwitch id="channel-email" name="channel" value="email" defaultChecked={email} describedBy="channel-email-hint" />
        </div>

        <Button type="submit" className="mt-6 w-full">
          Save preferences
        </Button>
      </form>
    </>
  );
}
