// The message.* events this message caused on its user's timeline: sent, failed,
// opened, clicked, replied. Connectors can trigger on them, so they are shown as events.
import type { MessageDetail } from "@/lib/client/messages";
import { DateTime } from "../ui/time";
import { EventData } from "../users/event-data";
import { EventName } from "../users/event-name";

const EVENT_DOT: Record<string, string> = {
  "message.sent": "bg-emerald-500",
  "message.failed": "bg-red-500",
  "message.opened": "bg-sky-500",
  "message.clicked": "bg-brand-500",
  "message.replied": "bg-violet-500",
};

function withoutMessageId(data: Record<string, unknown>): Record<string, unknown> {
  // Every one of these events carries this message's id; repeating it adds nothing here.
  const { messageId: _messageId, ...rest } = data ?? {};
  return rest;
}

export function LifecycleEvents({ message }: { message: MessageDetail }) {
  if (message.events.length === 0) {
    return (
      <p className="px-5 py-4 text-sm leading-6 text-slate-500">
        {message.status === "queued"
          ? "None yet. message.sent or message.failed is recorded when delivery settles."
          : message.status === "skipped"
            ? "None: a skipped message was never handed to a provider."
            : "None recorded for this message."}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100" aria-label="Lifecycle events" data-testid="lifecycle-events">
      {message.events.map((event) => {
        const data = withoutMessageId(event.data);
        return (
          <li key={event.id} className="space-y-2 px-5 py-3">
            <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
              <span className="inline-flex items-center gap-2">
                <span aria-hidden="true" className={`size-2 rounded-full ${EVENT_DOT[event.event] ?? "bg-slate-300"}`} />
                <EventName name={event.event} dot={false} />
              </span>
              <DateTime value={event.timestamp} className="text-xs text-slate-500 tabular-nums" />
            </div>
            {Object.keys(data).length > 0 ? <EventData data={data} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
