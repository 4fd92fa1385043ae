// One small interface for every delivery provider. A provider sends one message and
// says how it went; the outbox decides about retries, attempts and status.
import type { Channel } from "@/lib/engine/nodes/fields";

export type OutboundMessage = {
  id: string; // also the provider's idempotency key where it has one
  appId: string;
  channel: Channel;
  /** The topic a person can leave (marketing unless the send chose another). */
  topic: string;
  /** The signed link to leave the topic or change preferences (/u/{token}); null when the message has no use for one. */
  unsubscribeUrl: string | null;
  title: string | null;
  subject: string | null;
  body: string;
  /** An email from a markdown or MJML template: its HTML as rendered (tracking is added at delivery); body is its text part. */
  html: string | null;
  url: string | null;
  to: { userId: string; email: string | null; phone: string | null; name: string | null };
  devices: { id: string; platform: string; token: string; subscription: unknown }[];
  meta: { connectorId: string | null; nodeId: string | null; enrollmentId: string | null };
};

export type Delivery =
  | { ok: true; providerMessageId?: string; statusCode?: number; disabledDevices?: string[] }
  | { ok: false; retryable: boolean; error: string; statusCode?: number; retryAfterMs?: number; disabledDevices?: string[] };

export type ProviderContext = {
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  publicUrl: string;
};

export type Provider = {
  send(message: OutboundMessage, ctx: ProviderContext): Promise<Delivery>;
};

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The common HTTP mapping: 2xx ok; 408/429/5xx retry (honouring Retry-After); other 4xx permanent. */
export function httpOutcome(status: number, headers: Headers, body: string, providerMessageId?: string): Delivery {
  if (status >= 200 && status < 300) return { ok: true, statusCode: status, providerMessageId };
  const retryable = RETRYABLE_STATUS.has(status) || status >= 500;
  return { ok: false, retryable, statusCode: status, error: `HTTP ${status}: ${body.slice(0, 300)}`, retryAfterMs: retryAfter(headers.get("retry-after")) };
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export const TIMEOUT_MS = 10_000;

/** Network failures and timeouts are transient: retry. */
export function networkFailure(error: unknown): Delivery {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ok: false, retryable: true, error: message.slice(0, 300) };
}
