"use client";

// A message a dry run would have sent, as the message log shows one: the channel, to
// whom and when, the subject or title, and the rendered text (as text, never HTML).
import Link from "next/link";
import type { ReactNode } from "react";
import type { MessageChannel } from "@/lib/client/messages";
import { userHref } from "@/lib/client/paging";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { cx } from "../ui/cx";

type Rendered = { channel: MessageChannel; title: string | null; subject: string | null; body: string; url?: string | null; userId?: string };

export function RenderedMessage({ message, when, className }: { message: Rendered; when: ReactNode; className?: string }) {
  const heading = message.channel === "email" ? message.subject || message.title : message.title || message.subject;
  return (
    <article className={cx("rounded-lg bg-white px-3 py-2.5 ring-1 ring-slate-200", className)} data-testid="rendered-message" data-channel={message.channel}>
      <header className="flex items-center gap-2 text-xs text-slate-500">
        <ChannelTile channel={message.channel} />
        <span className="font-medium text-slate-700">{CHANNEL_META[message.channel]?.label ?? message.channel}</span>
        {message.userId ? (
          <>
            <span aria-hidden="true" className="text-slate-300">·</span>
            <Link href={userHref(message.userId)} className="min-w-0 truncate font-mono text-[12px] text-slate-600 hover:text-brand-700 hover:underline" title={message.userId}>
              {message.userId}
            </Link>
          </>
        ) : null}
        <span className="ml-auto shrink-0 tabular-nums">{when}</span>
      </header>
      <div className="mt-2 pl-8 text-[13px] leading-5">
        {heading ? <p className="font-semibold text-slate-900">{heading}</p> : null}
        <p className="line-clamp-4 whitespace-pre-line text-slate-700" data-testid="rendered-message-body">
          {message.body}
        </p>
        {message.url ? <p className="mt-1 truncate text-xs text-slate-500">Opens {message.url}</p> : null}
      </div>
    </article>
  );
}
