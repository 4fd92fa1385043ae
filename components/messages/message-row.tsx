import Link from "next/link";
import type { MouseEvent } from "react";
import { userHref } from "@/lib/client/paging";
import type { MessageRecord } from "@/lib/client/messages";
import { cx } from "../ui/cx";
import { RelativeTime } from "../ui/time";
import { CHANNEL_META, ChannelLabel, ChannelTile, MessageStatusBadge } from "./channel-meta";
import { findConnector, type ConnectorName } from "./connector-names";
import { MessageReason } from "./message-reason";
import { ShortTime } from "./short-time";

function Preview({ message }: { message: MessageRecord }) {
  const heading = message.channel === "email" ? message.subject || message.title : message.title || message.subject;
  return (
    <span className="block min-w-0">
      {heading ? <span className="block truncate font-medium text-slate-900">{heading}</span> : null}
      <span className={cx("block truncate", heading ? "text-[13px] text-slate-500" : "text-slate-800")}>{message.body || "\u00a0"}</span>
    </span>
  );
}

export function MessageRow({
  message,
  connectors,
  href,
  selected,
  onOpen,
}: {
  message: MessageRecord;
  connectors: ConnectorName[];
  href: string;
  selected: boolean;
  onOpen: (message: MessageRecord) => void;
}) {
  const connector = findConnector(connectors, message.connectorId);
  const open = (event: MouseEvent) => {
    // A modified click (new tab, new window) keeps the browser's behaviour.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(message);
  };

  return (
    <tr
      className={cx("group relative cursor-pointer hover:bg-slate-50/80", selected && "bg-brand-50/50")}
      data-testid="message-row"
      onClick={(event) => {
        if (!(event.target as HTMLElement).closest("a")) onOpen(message);
      }}
    >
      <td className="hidden py-3 pr-3 pl-5 align-top text-sm whitespace-nowrap text-slate-600 md:table-cell">
        <RelativeTime value={message.createdAt} className="block font-medium text-slate-700" />
        <ShortTime value={message.createdAt} className="block text-xs text-slate-400 tabular-nums" />
      </td>
      <td className="hidden px-3 py-3 align-top md:table-cell">
        <Link
          href={userHref(message.userId)}
          className="relative z-10 block truncate font-mono text-[13px] text-slate-700 hover:text-brand-700 hover:underline"
          title={message.userId}
        >
          {message.userId}
        </Link>
      </td>
      <td className="hidden px-3 py-3 align-top text-sm text-slate-700 md:table-cell">
        <ChannelLabel channel={message.channel} />
      </td>
      <td className="py-3 pr-3 pl-5 align-top text-sm md:pl-3">
        {/* Small screens fold channel, user and time into this cell. */}
        <span className="mb-1.5 flex min-w-0 items-center gap-2 text-xs text-slate-500 md:hidden">
          <ChannelTile channel={message.channel} />
          <span className="sr-only">{CHANNEL_META[message.channel]?.label}</span>
          <span className="truncate font-mono">{message.userId}</span>
          <span aria-hidden="true">·</span>
          <RelativeTime value={message.createdAt} className="shrink-0" />
        </span>
        <a href={href} onClick={open} className="block min-w-0 rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500" data-testid="message-open">
          <Preview message={message} />
        </a>
        <MessageReason message={message} className="mt-1" />
      </td>
      <td className="hidden px-3 py-3 align-top text-sm text-slate-600 xl:table-cell">
        {connector ? (
          <span className="block truncate" title={connector.name}>
            {connector.name}
            {connector.deleted ? <span className="text-slate-400"> (deleted)</span> : null}
          </span>
        ) : message.connectorId ? (
          <span className="block truncate font-mono text-xs text-slate-500">{message.connectorId}</span>
        ) : message.campaignId ? (
          <span className="block truncate">Campaign</span>
        ) : (
          <span className="text-slate-400">Test send</span>
        )}
      </td>
      <td className="py-3 pr-5 pl-3 align-top">
        <MessageStatusBadge status={message.status} />
      </td>
    </tr>
  );
}
