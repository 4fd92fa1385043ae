// The message log as GET /api/v1/messages and GET /api/v1/messages/{id} return it,
// with the query keys the Messages screens cache it under. A message's shape is the
// OpenAPI schema's own (a type-only import), so a new field or status reaches every screen.
import type { z } from "zod";
import type { messageSchema } from "@/lib/openapi/responses";
import { apiFetch, withQuery } from "./api";

export type MessageRecord = z.infer<typeof messageSchema>;
export type MessageChannel = MessageRecord["channel"];
export type MessageStatus = MessageRecord["status"];

export const MESSAGE_CHANNELS = ["push", "email", "sms", "webhook"] as const satisfies readonly MessageChannel[];
// In the order a message moves through them; the filter lists them so.
export const MESSAGE_STATUSES = ["held", "queued", "sent", "failed", "skipped"] as const satisfies readonly MessageStatus[];
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
