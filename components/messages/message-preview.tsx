// The message as its recipient saw it: a notification, an email, a text bubble, or the
// JSON body a webhook receiver got. Content is the rendered text Cue stored, shown as
// text (never as HTML), with links made clickable the way the email provider does.
import { Fragment, type ReactNode } from "react";
import type { MessageRecord } from "@/lib/client/messages";
import { cx } from "../ui/cx";
import { EmailIcon, PushIcon } from "./channel-meta";

const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

/** Only web links become clickable; a template could render any scheme (javascript: included). */
function webUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      <a key={match.index} href={match[0]} target="_blank" rel="noreferrer noopener" className="break-all text-brand-700 underline underline-offset-2">
        {match[0]}
      </a>,
    );
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts.map((part, i) => <Fragment key={i}>{part}</Fragment>)}</>;
}

function Placeholder({ children }: { children: ReactNode }) {
  return <span className="text-slate-400 italic">{children}</span>;
}

function PushPreview({ message, appName }: { message: MessageRecord; appName: string }) {
  return (
    <div className="rounded-xl bg-linear-to-br from-slate-700 via-slate-800 to-slate-900 px-4 py-6 sm:px-8">
      <div className="mx-auto max-w-sm rounded-2xl bg-white/95 p-3.5 shadow-lg ring-1 ring-black/5 backdrop-blur">
        <div className="flex items-center gap-2 text-[11px] font-medium tracking-wide text-slate-500 uppercase">
          <span className="flex size-5 items-center justify-center rounded-md bg-brand-600 text-white">
            <PushIcon className="size-3" />
          </span>
          <span className="truncate">{appName}</span>
          <span className="ml-auto font-normal normal-case">now</span>
        </div>
        <p className="mt-2 text-sm font-semibold text-slate-900">{message.title || <Placeholder>No title</Placeholder>}</p>
        <p className="mt-0.5 text-sm leading-5 whitespace-pre-line text-slate-700">{message.body}</p>
        {message.url ? <p className="mt-1.5 truncate text-xs text-slate-500">Opens {message.url}</p> : null}
      </div>
    </div>
  );
}

function EmailPreview({ message }: { message: MessageRecord }) {
  const paragraphs = message.body.split(/\n{2,}/);
  return (
    <div className="overflow-hidden rounded-xl ring-1 ring-slate-200">
      <div className="space-y-1 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm">
        <div className="flex items-start gap-2">
          <EmailIcon className="mt-0.5 size-4 shrink-0 text-slate-400" />
          <p className="font-semibold text-slate-900" data-testid="preview-subject">
            {message.subject || message.title || <Placeholder>No subject</Placeholder>}
          </p>
        </div>
        <p className="pl-6 text-xs text-slate-500">
          To <span className="font-mono text-slate-600">{message.userId}</span>
        </p>
      </div>
      <div className="space-y-4 bg-white px-5 py-5 text-[15px] leading-6 text-slate-800">
        {paragraphs.map((paragraph, i) => (
          <p key={i} className="whitespace-pre-line">
            <Linkified text={paragraph} />
          </p>
        ))}
        {message.url ? <EmailButton url={message.url} /> : null}
      </div>
    </div>
  );
}

/**
 * The email's "Open" button. The recipient's copy links through Cue's click redirect, so it
 * is a link here too; a target that is not a web address stays inert and is named instead.
 */
function EmailButton({ url }: { url: string }) {
  const target = webUrl(url);
  return (
    <div className="space-y-1.5">
      <a
        href={target ?? "#"}
        target={target ? "_blank" : undefined}
        rel="noreferrer noopener"
        title={url}
        onClick={target ? undefined : (event) => event.preventDefault()}
        className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Open
      </a>
      {target ? null : (
        <p className="text-xs leading-5 break-all text-amber-700">
          The button&apos;s link is not a web address, so it does not open from here: <code className="font-mono">{url}</code>
        </p>
      )}
    </div>
  );
}

function SmsPreview({ message, sentAt }: { message: MessageRecord; sentAt: ReactNode }) {
  return (
    <div className="rounded-xl bg-slate-50 px-4 py-5 ring-1 ring-slate-200 sm:px-6">
      <div className="max-w-[85%]">
        <div className="rounded-2xl rounded-bl-md bg-slate-200/80 px-3.5 py-2.5 text-[15px] leading-5 whitespace-pre-line text-slate-900">
          <Linkified text={message.url ? `${message.body}\n${message.url}` : message.body} />
        </div>
        <p className="mt-1 pl-1 text-[11px] text-slate-400">
          Text message · {sentAt} · {message.body.length} characters
        </p>
      </div>
    </div>
  );
}

/** The body the http provider POSTs; "user" (the profile at send time) is described beside it, not invented. */
export function webhookPayload(message: MessageRecord) {
  return {
    id: message.id,
    userId: message.userId,
    title: message.title,
    subject: message.subject,
    body: message.body,
    url: message.url,
    connectorId: message.connectorId,
    nodeId: message.nodeId,
  };
}

function WebhookPreview({ message }: { message: MessageRecord }) {
  return (
    <div>
      <div className="overflow-hidden rounded-xl bg-slate-900 ring-1 ring-slate-900">
        <div className="flex items-center gap-2 border-b border-white/10 px-4 py-2 font-mono text-xs text-slate-400">
          <span className="rounded bg-emerald-500/15 px-1.5 py-0.5 font-semibold text-emerald-300">POST</span>
          <span className="truncate">{message.url ?? "the channel's webhook URL"}</span>
        </div>
        <pre className="max-h-80 overflow-auto px-4 py-3 font-mono text-xs leading-5 text-slate-100">
          {JSON.stringify(webhookPayload(message), null, 2)}
        </pre>
      </div>
      <p className="mt-2 text-xs leading-5 text-slate-500">
        The body also carries <code className="font-mono text-slate-700">user</code>, the recipient&apos;s profile at send time, and the
        request has an <code className="font-mono text-slate-700">Idempotency-Key</code> header equal to the message id.
      </p>
    </div>
  );
}

export function MessagePreview({ message, appName, sentAt, className }: { message: MessageRecord; appName: string; sentAt: ReactNode; className?: string }) {
  return (
    <div className={cx(className)} data-testid="message-preview">
      {message.channel === "push" ? <PushPreview message={message} appName={appName} /> : null}
      {message.channel === "email" ? <EmailPreview message={message} /> : null}
      {message.channel === "sms" ? <SmsPreview message={message} sentAt={sentAt} /> : null}
      {message.channel === "webhook" ? <WebhookPreview message={message} /> : null}
    </div>
  );
}
