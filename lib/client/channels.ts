// Channel providers as GET/PUT /api/v1/channels return them, and the test send.
import { apiFetch } from "./api";
import type { MessageChannel, MessageDetail } from "./messages";

export type ProviderName = "log" | "smtp" | "twilio" | "webpush" | "http";

/** One channel's settings. Secrets come back as MASK (http headers as { name: MASK }). */
export type ChannelSetting = {
  channel: MessageChannel;
  provider: ProviderName;
  providers: ProviderName[];
  config: Record<string, unknown>;
};

/** What the API shows instead of a stored secret; sending it back keeps the stored value. */
export const SECRET_MASK = "••••••••";

export const channelKeys = {
  all: ["channels"] as const,
};

const base = (channel: MessageChannel) => `/api/v1/channels/${channel}`;

export const channelsApi = {
  list: (signal?: AbortSignal) => apiFetch<{ channels: ChannelSetting[] }>("/api/v1/channels", { signal }),
  save: (channel: MessageChannel, provider: ProviderName, config: Record<string, unknown>) =>
    apiFetch<ChannelSetting>(base(channel), { method: "PUT", body: { provider, config } }),
  test: (channel: MessageChannel, userId: string) => apiFetch<MessageDetail>(`${base(channel)}/test`, { body: { userId } }),
};
