// Which providers serve which channel, what each one's config looks like, and which
// config fields are secrets (encrypted at rest, masked on read).
import { z } from "zod";
import type { Channel } from "@/lib/engine/nodes/fields";
import type { Provider } from "./provider";
import { httpProvider } from "./providers/http";
import { logProvider } from "./providers/log";
import { smtpProvider } from "./providers/smtp";
import { twilioProvider } from "./providers/twilio";
import { webpushProvider } from "./providers/webpush";

const rate = { ratePerSecond: z.number().positive().max(10_000).optional() };
const host = z.string().trim().min(1).max(253);

export const providerSpecs = {
  log: { label: "Log only", provider: logProvider, secrets: [] as string[], schema: z.object({ ...rate }) },
  smtp: {
    label: "SMTP",
    provider: smtpProvider,
    secrets: ["pass"],
    schema: z.object({
      host,
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().optional(),
      user: z.string().max(320).optional(),
      pass: z.string().max(1000).optional(),
      from: z.string().trim().min(3).max(320),
      ...rate,
    }),
  },
  twilio: {
    label: "Twilio",
    provider: twilioProvider,
    secrets: ["authToken"],
    schema: z.object({
      accountSid: z.string().trim().min(1).max(100),
      authToken: z.string().min(1).max(200),
      from: z.string().trim().min(1).max(50),
      baseUrl: z.url().max(500).optional(),
      ...rate,
    }),
  },
  webpush: {
    label: "Web Push (VAPID)",
    provider: webpushProvider,
    secrets: ["vapidPrivateKey"],
    schema: z.object({
      subject: z.string().trim().regex(/^(mailto:|https:\/\/)/, "Use a mailto: address or an https:// URL").max(500),
      vapidPublicKey: z.string().max(200).optional(),
      vapidPrivateKey: z.string().max(200).optional(),
      ...rate,
    }),
  },
  http: {
    label: "Webhook (HTTP POST)",
    provider: httpProvider,
    // Headers usually carry an Authorization token, so they are kept secret as a whole.
    secrets: ["headers"],
    schema: z.object({ url: z.url().max(2000), headers: z.record(z.string().min(1).max(200), z.string().max(2000)).optional(), ...rate }),
  },
} as const;

export type ProviderName = keyof typeof providerSpecs;

export const channelProviders: Record<Channel, ProviderName[]> = {
  email: ["log", "smtp"],
  sms: ["log", "twilio"],
  push: ["log", "webpush"],
  webhook: ["log", "http"],
};

// Defaults that protect providers and budgets; a channel's ratePerSecond overrides.
export const defaultRatePerSecond: Record<Channel, number> = { email: 20, sms: 10, push: 200, webhook: 50 };

export function providerFor(name: string): Provider {
  return (providerSpecs[name as ProviderName] ?? providerSpecs.log).provider;
}
