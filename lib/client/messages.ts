// The message log as GET /api/v1/messages and GET /api/v1/messages/{id} return it,
// with the query keys the Messages screens cache it under.
import { apiFetch, withQuery } from "./api";

export const MESSAGE_CHANNELS = ["push", "email", "sms", "webhook"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_STATUSES = ["queued", "sent", "failed", "skipped"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export type MessageRecord = {
  id: string;
  userId: string;
  channel: MessageChannel;
  status: MessageStatus;
  title: string | null;
  subject: string | null;
  body: string;
  url: string | null;
  connectorId: string | null;
  nodeId: string | null;
  enrollmentId: string | null;
  campaignId: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
};
export type MessagesPage = { messages: MessageRecord[]; nextCursor: string | null };

export type DeliveryOutcome = "sent" | "retry" | "failed";
export type DeliveryAttempt = {
  at: string;
  outcome: DeliveryOutcome;
  statusCode: number | null;
  providerMessageId: string | null;
  error: string | null;
};

export type MessageLifecycleEvent = {
  id: string;
  event: string;
  data: Record<string, unknown>;
  timestamp: string;
};

export type MessageDetail = MessageRecord & {
  attempts: number;
  providerMessageId: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  deliveries: DeliveryAttempt[];
  events: MessageLifecycleEvent[];
};

/** The filters the log can be narrowed by; each is one query parameter of the API and of the page. */
export type MessageFilters = {
  channel?: MessageChannel;
  status?: MessageStatus;
  connectorId?: string;
  campaignId?: string;
  userId?: string;
};

export const MESSAGES_PAGE_SIZE = 50;

export const messageKeys = {
  all: ["messages"] as const,
  list: (filters: MessageFilters) => ["messages", "list", filters] as const,
  detail: (id: string) => ["messages", "detail", id] as const,
};

export const messagesApi = {
  list: (filters: MessageFilters, cursor: string | null, signal?: AbortSignal) =>
    apiFetch<MessagesPage>(withQuery("/api/v1/messages", { ...filters, limit: MESSAGES_PAGE_SIZE, cursor }), { signal }),
  get: (id: string, signal?: AbortSignal) => apiFetch<MessageDetail>(`/api/v1/messages/${encodeURIComponent(id)}`, { signal }),
};

export function messageHref(id: string): string {
  return `/messages/${encodeURIComponent(id)}`;
}
