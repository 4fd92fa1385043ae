// How each channel and message status looks wherever messages and channels appear:
// one icon, colour and label per channel, one badge tone per status.
import type { ComponentType, ReactNode } from "react";
import type { DeliveryOutcome, MessageChannel, MessageRecord, MessageStatus } from "@/lib/client/messages";
import { Badge, type BadgeTone } from "../ui/badge";
import { cx } from "../ui/cx";
import type { IconProps } from "../ui/icons";

function Glyph({ children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...props}>
      {children}
    </svg>
  );
}

export const PushIcon = (p: IconProps) => (
  <Glyph {...p}>
    <path d="M6 16.5V11a6 6 0 1 1 12 0v5.5l1.5 2h-15l1.5-2Z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </Glyph>
);

export const EmailIcon = (p: IconProps) => (
  <Glyph {...p}>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="m3.5 6.5 8.5 6 8.5-6" />
  </Glyph>
);

export const SmsIcon = (p: IconProps) => (
  <Glyph {...p}>
    <path d="M20 11.5a7.5 7.5 0 0 1-11.2 6.6L4 19.5l1.3-4.2A7.5 7.5 0 1 1 20 11.5Z" />
    <path d="M8.5 11.5h.01M12 11.5h.01M15.5 11.5h.01" strokeWidth={2.4} />
  </Glyph>
);

export const WebhookIcon = (p: IconProps) => (
  <Glyph {...p}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Glyph>
);

type ChannelMeta = { label: string; noun: string; icon: ComponentType<IconProps>; tile: string };

export const CHANNEL_META: Record<MessageChannel, ChannelMeta> = {
  push: { label: "Push", noun: "push notification", icon: PushIcon, tile: "bg-violet-50 text-violet-600 ring-violet-100" },
  email: { label: "Email", noun: "email", icon: EmailIcon, tile: "bg-sky-50 text-sky-600 ring-sky-100" },
  sms: { label: "SMS", noun: "text message", icon: SmsIcon, tile: "bg-emerald-50 text-emerald-600 ring-emerald-100" },
  webhook: { label: "Webhook", noun: "webhook", icon: WebhookIcon, tile: "bg-amber-50 text-amber-600 ring-amber-100" },
};

/** The channel's icon on its own coloured tile. */
export function ChannelTile({ channel, size = "sm" }: { channel: MessageChannel; size?: "sm" | "lg" }) {
  const meta = CHANNEL_META[channel];
  const Icon = meta.icon;
  return (
    <span
      aria-hidden="true"
      className={cx(
        "inline-flex shrink-0 items-center justify-center ring-1 ring-inset",
        meta.tile,
        size === "sm" ? "size-6 rounded-md" : "size-10 rounded-lg",
      )}
    >
      <Icon className={size === "sm" ? "size-3.5" : "size-5"} />
    </span>
  );
}

export function ChannelLabel({ channel, className }: { channel: MessageChannel; className?: string }) {
  return (
    <span className={cx("inline-flex items-center gap-2 whitespace-nowrap", className)}>
      <ChannelTile channel={channel} />
      <span>{CHANNEL_META[channel]?.label ?? channel}</span>
    </span>
  );
}

const STATUS: Record<MessageStatus, { label: string; tone: BadgeTone; dot: string; hint: string }> = {
  held: { label: "Held", tone: "warning", dot: "bg-amber-500", hint: "Kept back by the delivery policy (quiet hours or a cap) until it may go" },
  queued: { label: "Queued", tone: "brand", dot: "bg-brand-500", hint: "Waiting for its first delivery or for a retry" },
  sent: { label: "Sent", tone: "success", dot: "bg-emerald-500", hint: "The provider accepted the message" },
  failed: { label: "Failed", tone: "danger", dot: "bg-red-500", hint: "The provider refused it, or every retry failed" },
  skipped: { label: "Skipped", tone: "neutral", dot: "bg-slate-400", hint: "Not sent: no address, unsubscribed, or refused by the delivery policy" },
};

export const statusLabel = (status: MessageStatus) => STATUS[status]?.label ?? status;
export const statusHint = (status: MessageStatus) => STATUS[status]?.hint ?? "";

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const meta = STATUS[status] ?? { label: status, tone: "neutral" as const, dot: "bg-slate-400", hint: "" };
  return (
    <Badge tone={meta.tone}>
      <span className={cx("size-1.5 rounded-full", meta.dot)} aria-hidden="true" />
      <span data-testid="message-status">{meta.label}</span>
    </Badge>
  );
}

export const OUTCOME: Record<DeliveryOutcome, { label: string; tone: BadgeTone; dot: string }> = {
  sent: { label: "Delivered to provider", tone: "success", dot: "bg-emerald-500" },
  retry: { label: "Failed, will retry", tone: "warning", dot: "bg-amber-500" },
  failed: { label: "Failed", tone: "danger", dot: "bg-red-500" },
};

/** A one-line name for a message: its subject or title, else its first line. */
export function messageHeadline(message: Pick<MessageRecord, "title" | "subject" | "body" | "channel">): string {
  return message.subject || message.title || message.body.split("\n")[0] || `Untitled ${CHANNEL_META[message.channel]?.noun ?? "message"}`;
}
