import Link from "next/link";
import { messageFiltersSearch } from "@/lib/client/message-filters";
import type { MessageRecord } from "@/lib/client/messages";
import { ChannelTile, MessageStatusBadge, messageHeadline } from "../messages/channel-meta";
import { ShortTime } from "../messages/short-time";

/** The user's latest messages, each opening in the message log. */
export function UserMessages({ messages, userId }: { messages: MessageRecord[]; userId: string }) {
  if (messages.length === 0) {
    return <p className="px-5 py-4 text-sm text-slate-500">No messages yet. Connectors and campaigns that reach this user show up here.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="user-messages">
      {messages.map((message) => (
        <li key={message.id}>
          <Link
            href={`/messages${messageFiltersSearch({ userId }, message.id)}`}
            className="flex items-center gap-3 px-5 py-2.5 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500"
          >
            <ChannelTile channel={message.channel} />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-slate-800">{messageHeadline(message)}</span>
              <ShortTime value={message.createdAt} className="text-xs text-slate-500" />
            </span>
            <MessageStatusBadge status={message.status} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
