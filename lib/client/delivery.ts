// Topics, a user's subscriptions and the delivery policy as the /api/v1 endpoints of
// API.md "Respectful delivery" answer them, with the query keys the screens cache them
// under. The shapes are the OpenAPI schemas' own (type-only imports: no zod in the bundle).
import type { z } from "zod";
import type { DeliveryPolicy } from "@/lib/delivery/policy";
import type { subscriptionsSchema, topicListSchema, topicSchema } from "@/lib/openapi/delivery-responses";
import { apiFetch } from "./api";

export type Topic = z.infer<typeof topicSchema>;
export type TopicDefault = Topic["default"];
export type TopicList = z.infer<typeof topicListSchema>;
export type Subscriptions = z.infer<typeof subscriptionsSchema>;
export type SubscriptionChannel = keyof Subscriptions["channels"];
export type SubscriptionsChange = { topics?: Record<string, boolean>; channels?: Partial<Subscriptions["channels"]> };
export type { DeliveryPolicy };

export const SUBSCRIPTION_CHANNELS: readonly SubscriptionChannel[] = ["email", "sms", "push"];
/** The topic a send without one belongs to (API.md "Send options"). */
export const DEFAULT_TOPIC_KEY = "marketing";
/** Nobody can leave it: receipts, password resets. */
export const TRANSACTIONAL_TOPIC_KEY = "transactional";

export const deliveryKeys = {
  topics: ["delivery", "topics"] as const,
  policy: ["delivery", "policy"] as const,
  subscriptions: (userId: string) => ["delivery", "subscriptions", userId] as const,
};

const subscriptionsPath = (userId: string) => `/api/v1/users/${encodeURIComponent(userId)}/subscriptions`;

export const deliveryApi = {
  topics: (signal?: AbortSignal) => apiFetch<TopicList>("/api/v1/topics", { signal }),
  createTopic: (topic: { key: string; name: string; default: TopicDefault }) => apiFetch<Topic>("/api/v1/topics", { body: topic }),
  policy: (signal?: AbortSignal) => apiFetch<DeliveryPolicy>("/api/v1/delivery-policy", { signal }),
  savePolicy: (policy: DeliveryPolicy) => apiFetch<DeliveryPolicy>("/api/v1/delivery-policy", { method: "PUT", body: policy }),
  subscriptions: (userId: string, signal?: AbortSignal) => apiFetch<Subscriptions>(subscriptionsPath(userId), { signal }),
  changeSubscriptions: (userId: string, change: SubscriptionsChange) => apiFetch<Subscriptions>(subscriptionsPath(userId), { method: "PUT", body: change }),
};

/** "weekly-deals" from "Weekly deals!": what the new-topic form proposes as the key. */
export function topicKeyFrom(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^[^a-z0-9]+|-+$/g, "")
    .slice(0, 64);
}
