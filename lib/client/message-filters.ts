// The Messages page keeps its filters in the query string, so a filtered log can be
// shared as a link and survives a reload. Unknown or malformed values are dropped.
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, type MessageChannel, type MessageFilters, type MessageStatus } from "./messages";

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: SearchParamsLike, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 200) : undefined;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function parseMessageFilters(params: SearchParamsLike): MessageFilters {
  const filters: MessageFilters = {};
  const channel = oneOf<MessageChannel>(MESSAGE_CHANNELS, read(params, "channel"));
  const status = oneOf<MessageStatus>(MESSAGE_STATUSES, read(params, "status"));
  const connectorId = read(params, "connector");
  const campaignId = read(params, "campaign");
  const userId = read(params, "user");
  if (channel) filters.channel = channel;
  if (status) filters.status = status;
  if (connectorId) filters.connectorId = connectorId;
  if (campaignId) filters.campaignId = campaignId;
  if (userId) filters.userId = userId;
  return filters;
}

/** "?channel=email&user=u_1" (or "" for no filters); `message` opens that message's panel. */
export function messageFiltersSearch(filters: MessageFilters, message?: string | null): string {
  const params = new URLSearchParams();
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.status) params.set("status", filters.status);
  if (filters.connectorId) params.set("connector", filters.connectorId);
  if (filters.campaignId) params.set("campaign", filters.campaignId);
  if (filters.userId) params.set("user", filters.userId);
  if (message) params.set("message", message);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function countActiveFilters(filters: MessageFilters): number {
  return [filters.channel, filters.status, filters.connectorId, filters.campaignId, filters.userId].filter(Boolean).length;
}
