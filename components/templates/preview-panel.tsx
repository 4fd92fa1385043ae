"use client";

// Beside the editor: the template as the server renders it for a real user (and an
// optional trigger event), shown the way its channel shows it. Email has a desktop and
// a mobile width and the plain-text part delivery sends with the HTML.
import { useId, useState, type ReactNode } from "react";
import type { TemplatePreview } from "@/lib/client/templates";
import type { Channel } from "@/lib/engine/nodes/fields";
import { UserPicker } from "../connectors/user-picker";
import { Segmented, compactInput } from "../connectors/inspector/fields";
import { ChannelTile } from "../messages/channel-meta";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { Spinner } from "../ui/spinner";
import { EmailFrame } from "./email-frame";

export type PreviewScope = { userId: string; eventName: string; eventData: string };
type EmailView = "desktop" | "mobile" | "text";

const EMAIL_VIEWS: { value: EmailView; label: string }[] = [
  { value: "desktop", label: "Desktop" },
  { value: "mobile", label: "Mobile" },
  { value: "text", label: "Plain text" },
];

function Empty({ children }: { children: ReactNode }) {
  return <span className="text-slate-400 italic">{children}</span>;
}

function EmailPreview({ shown, view }: { shown: TemplatePreview; view: EmailView }) {
  return (
    <div className="space-y-3">
      <div className="rounded-lg bg-white px-4 py-2.5 ring-1 ring-slate-200">
        <p className="text-xs text-slate-500">Subject</p>
        <p className="truncate text-sm font-semibold text-slate-900" data-testid="preview-subject">
          {shown.subject || <Empty>No subject</Empty>}
        </p>
      </div>
      {view === "text" || !shown.html ? (
        <pre className="max-h-[640px] overflow-auto rounded-lg bg-white px-4 py-3 font-sans text-sm leading-6 whitespace-pre-wrap text-slate-700 ring-1 ring-slate-200" data-testid="preview-text">
          {shown.text || <Empty>Write the body to see it here</Empty>}
        </pre>
      ) : (
        <EmailFrame html={shown.html} width={view} />
      )}
    </div>
  );
}

function MessagePreview({ channel, shown, appName }: { channel: Exclude<Channel, "email">; shown: TemplatePreview; appName: string }) {
  const body = shown.text || <Empty>Write the body to see it here</Empty>;
  if (channel === "webhook") {
    return (
      <pre className="overflow-x-auto rounded-lg bg-slate-900 px-3.5 py-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100" data-testid="preview-text">
        {shown.text || "…"}
      </pre>
    );
  }
  if (channel === "sms") {
    return (
      <div className="flex">
        <p className="max-w-[85%] rounded-2xl rounded-bl-md bg-white px-3.5 py-2 text-sm whitespace-pre-line text-slate-900 shadow-xs ring-1 ring-slate-200" data-testid="preview-text">
          {body}
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-2xl bg-white/95 p-3.5 shadow-md ring-1 ring-slate-200">
      <div className="mb-1.5 flex items-center gap-2 text-[11px] font-medium tracking-wide text-slate-500 uppercase">
        <span className="flex size-4 items-center justify-center rounded bg-brand-600 text-[9px] font-bold text-white">{appName.slice(0, 1)}</span>
        {appName} · now
      </div>
      <p className="text-sm font-semibold text-slate-900" data-testid="preview-title">
        {shown.title || <Empty>No title</Empty>}
      </p>
      <p className="mt-0.5 text-sm whitespace-pre-line text-slate-700" data-testid="preview-text">
        {body}
      </p>
    </div>
  );
}

type Props = {
  channel: Channel;
  appName: string;
  preview: { shown: TemplatePreview | null; stale: boolean; error: Error | null; fetching: boolean };
  scope: PreviewScope;
  onScope: (scope: PreviewScope) => void;
  eventError?: string;
};

export function PreviewPanel({ channel, appName, preview, scope, onScope, eventError }: Props) {
  const [view, setView] = useState<EmailView>("desktop");
  const userField = useId();
  const eventField = useId();
  const dataField = useId();
  const { shown, stale, error, fetching } = preview;

  return (
    <Card className="overflow-hidden" data-testid="template-preview">
      <CardHeader
        title="Preview"
        description="Rendered by Cue's server, as a message to this user would be."
        actions={fetching ? <Spinner className="text-slate-400" label="Rendering" /> : <ChannelTile channel={channel} />}
      />
      <div className="grid gap-3 border-b border-slate-100 px-5 py-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor={userField} className="block text-[13px] font-medium text-slate-700">
            Render for
          </label>
          <UserPicker id={userField} value={scope.userId} onChange={(userId) => onScope({ ...scope, userId })} invalid={error?.message.startsWith("No user") || undefined} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={eventField} className="block text-[13px] font-medium text-slate-700">
            Trigger event <span className="font-normal text-slate-400">(optional)</span>
          </label>
          <input id={eventField} className={cx(compactInput, "font-mono")} value={scope.eventName} onChange={(e) => onScope({ ...scope, eventName: e.target.value })} placeholder="PURCHASE" spellCheck={false} />
        </div>
        <div className="space-y-1.5 sm:col-span-2">
          <label htmlFor={dataField} className="block text-[13px] font-medium text-slate-700">
            Event data <span className="font-normal text-slate-400">(JSON, what {"{{ event.data.… }}"} reads)</span>
          </label>
          <textarea
            id={dataField}
            rows={2}
            className={cx(compactInput, "font-mono text-[12px] leading-5")}
            value={scope.eventData}
            onChange={(e) => onScope({ ...scope, eventData: e.target.value })}
            placeholder='{ "product": "Kettle", "amount": 39 }'
            aria-invalid={eventError ? true : undefined}
            spellCheck={false}
          />
          {eventError ? <p className="text-xs text-red-600">{eventError}: rendering without the event</p> : null}
        </div>
      </div>
      <div className="space-y-3 bg-linear-to-b from-slate-50 to-slate-100/70 px-5 py-5">
        {channel === "email" ? <Segmented label="Preview as" value={view} options={EMAIL_VIEWS} onChange={setView} /> : null}
        {error ? <Alert>{error.message}</Alert> : null}
        {stale ? (
          <p className="text-xs font-medium text-amber-700" data-testid="preview-stale">
            The texts do not compile: showing the last preview that did.
          </p>
        ) : null}
        {shown ? (
          <div className={cx("transition-opacity", stale && "pointer-events-none opacity-45 grayscale")} data-testid="preview-content" data-stale={stale || undefined}>
            {channel === "email" ? <EmailPreview shown={shown} view={view} /> : <MessagePreview channel={channel} shown={shown} appName={appName} />}
          </div>
        ) : error ? null : (
          <div className="flex justify-center py-12">
            <Spinner className="text-slate-400" />
          </div>
        )}
      </div>
    </Card>
  );
}
