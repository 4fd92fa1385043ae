// Why a message is held or did not go out, as one line under it in the log: the
// delivery gate's reason (quiet hours, a cap, unsubscribed), else the provider's error,
// and for a held one when it goes.
import type { MessageRecord } from "@/lib/client/messages";
import { cx } from "../ui/cx";
import { ClockIcon } from "../ui/icons";
import { RelativeTime } from "../ui/time";

// Red for a failure, amber for a message still waiting, quieter for a skip.
const TONE: Record<MessageRecord["status"], string> = {
  failed: "text-red-600",
  held: "text-amber-700",
  queued: "text-amber-700",
  skipped: "text-slate-500",
  sent: "text-slate-500",
};

/** The reason in words, or null for a message that went (or goes) out as planned. */
export function messageReason(message: Pick<MessageRecord, "status" | "reason" | "error">): string | null {
  if (message.status === "sent") return null;
  return message.reason ?? message.error ?? null;
}

export function MessageReason({ message, className }: { message: Pick<MessageRecord, "status" | "reason" | "error" | "sendAt">; className?: string }) {
  const reason = messageReason(message);
  const held = message.status === "held";
  if (!reason && !(held && message.sendAt)) return null;
  return (
    <span className={cx("flex min-w-0 items-center gap-1.5 text-xs", TONE[message.status], className)} data-testid="message-reason">
      {held ? <ClockIcon className="size-3.5 shrink-0" aria-hidden="true" /> : null}
      {reason ? (
        <span className="min-w-0 truncate" title={reason}>
          {reason}
        </span>
      ) : null}
      {/* Never cut off: when it goes matters more than the end of the reason. */}
      {held && message.sendAt ? (
        <span className="shrink-0 whitespace-nowrap">
          {reason ? "· " : null}sends <RelativeTime value={message.sendAt} />
        </span>
      ) : null}
    </span>
  );
}
