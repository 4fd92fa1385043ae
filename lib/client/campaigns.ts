// Campaigns as the /api/v1/campaigns endpoints return them, with the query keys the
// Campaigns screens cache them under.
import type { z } from "zod";
import type { campaignSchema } from "@/lib/openapi/campaign-responses";
import { apiFetch, withQuery } from "./api";
import type { MessageChannel } from "./messages";

// The shapes are the OpenAPI schemas' own (a type-only import), so the screens cannot drift from the API.
export type Campaign = z.infer<typeof campaignSchema>;
export type CampaignStatus = Campaign["status"];
export type CampaignProgress = Campaign["progress"];

export type CampaignDraft = {
  segment: string;
  channel: MessageChannel;
  name?: string;
  title?: string;
  subject?: string;
  /** Absent when a template gives the texts. */
  body?: string;
  /** A saved template's id, whose texts are sent instead of title, subject and body. */
  template?: string;
  url?: string;
  sendAt?: string;
  /** A topic key; absent means marketing (API.md "Send options"). */
  topic?: string;
  ignoreQuietHours?: boolean;
  ignoreCaps?: boolean;
};

export type CampaignPreview = {
  segment: { id: string; name: string; members: number };
  member: { userId: string; name: string | null; email: string | null; phone: string | null } | null;
  content: { title?: string; subject?: string; body?: string; url?: string; html?: string };
  unreachable: string | null;
  problems: { path: string; message: string }[];
};

export const campaignKeys = {
  all: ["campaigns"] as const,
  list: ["campaigns", "list"] as const,
  detail: (id: string) => ["campaigns", "detail", id] as const,
  preview: (draft: Omit<CampaignDraft, "name" | "sendAt">) => ["campaigns", "preview", draft] as const,
};

export const campaignsApi = {
  list: (signal?: AbortSignal) => apiFetch<{ campaigns: Campaign[]; nextCursor: string | null }>(withQuery("/api/v1/campaigns", { limit: 100 }), { signal }),
  get: (id: string, signal?: AbortSignal) => apiFetch<Campaign>(`/api/v1/campaigns/${encodeURIComponent(id)}`, { signal }),
  // The form's key: a double submit or a retry after a lost answer creates one campaign.
  create: (draft: CampaignDraft, idempotencyKey: string) =>
    apiFetch<Campaign>("/api/v1/campaigns", { body: draft, headers: { "idempotency-key": idempotencyKey } }),
  cancel: (id: string) => apiFetch<Campaign>(`/api/v1/campaigns/${encodeURIComponent(id)}/cancel`, { method: "POST" }),
  preview: (draft: Omit<CampaignDraft, "name" | "sendAt">, signal?: AbortSignal) =>
    apiFetch<CampaignPreview>("/api/v1/campaigns/preview", { body: draft, signal }),
};

/** Whether the campaign is still moving: the screens poll while it is. */
export function isLive(c: Pick<Campaign, "status" | "progress">): boolean {
  return c.status === "scheduled" || c.status === "sending" || c.progress.queued > 0;
}

/** Which fields a channel's message has. */
export const CHANNEL_FIELDS: Record<MessageChannel, { title: boolean; subject: boolean; url: "link" | "endpoint" | null }> = {
  push: { title: true, subject: false, url: "link" },
  email: { title: false, subject: true, url: null },
  sms: { title: false, subject: false, url: null },
  webhook: { title: false, subject: false, url: "endpoint" },
};
