// Per-application channel settings: GET shows every channel with secrets masked, PUT
// validates the provider's config, keeps secrets sent back masked (or left out)
// unchanged, encrypts the rest, and generates VAPID keys for Web Push when absent.
import { z } from "zod";
import { CHANNELS, type Channel } from "@/lib/engine/nodes/fields";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError } from "../api/errors";
import { zodDetails } from "../api/errors";
import { generateVapidKeys } from "./providers/webpush";
import { channelProviders, providerSpecs, type ProviderName } from "./registry";
import { open, seal } from "./secret-box";

export const MASK = "••••••••";

export const channelSchema = z.enum(CHANNELS);
export const channelPutSchema = z.object({ provider: z.string().min(1).max(50), config: z.record(z.string(), z.unknown()).default({}) });

export type LoadedChannel = { provider: ProviderName; config: Record<string, unknown>; secrets: Record<string, string> };

function masked(provider: ProviderName, config: Record<string, unknown>, secrets: Record<string, string>) {
  const shown: Record<string, unknown> = { ...config };
  for (const key of providerSpecs[provider].secrets) {
    if (!(key in secrets)) continue;
    shown[key] = key === "headers" ? Object.fromEntries(Object.keys(JSON.parse(secrets[key]!) as object).map((h) => [h, MASK])) : MASK;
  }
  return shown;
}

export async function loadChannel(prisma: PrismaClient | Prisma.TransactionClient, appId: string, channel: Channel): Promise<LoadedChannel> {
  const row = await prisma.channelConfig.findUnique({ where: { appId_channel: { appId, channel } } });
  if (!row || !(row.provider in providerSpecs)) return { provider: "log", config: {}, secrets: {} };
  return { provider: row.provider as ProviderName, config: row.config as Record<string, unknown>, secrets: row.secretBox ? open(row.secretBox) : {} };
}

export async function listChannels(prisma: PrismaClient, appId: string) {
  const channels = await Promise.all(
    CHANNELS.map(async (channel) => {
      const { provider, config, secrets } = await loadChannel(prisma, appId, channel);
      return { channel, provider, providers: channelProviders[channel], config: masked(provider, config, secrets) };
    }),
  );
  return { channels };
}

export async function putChannel(prisma: PrismaClient, appId: string, channel: Channel, input: z.infer<typeof channelPutSchema>, now: Date) {
  const allowed = channelProviders[channel];
  if (!allowed.includes(input.provider as ProviderName)) {
    throw new ApiError("invalid_request", `The ${channel} channel takes one of: ${allowed.join(", ")}`, [{ path: "provider", message: `Use one of ${allowed.join(", ")}` }]);
  }
  const provider = input.provider as ProviderName;
  const spec = providerSpecs[provider];
  const existing = await loadChannel(prisma, appId, channel);

  // A secret sent back as the mask, or left out, keeps its stored value.
  const incoming: Record<string, unknown> = { ...input.config };
  for (const key of spec.secrets) {
    const kept = existing.provider === provider ? existing.secrets[key] : undefined;
    const value = incoming[key];
    // `headers: {}` clears them; headers whose values all came back masked keep theirs.
    const isMasked = value === MASK || (key === "headers" && value && typeof value === "object" && Object.keys(value).length > 0 && Object.values(value).every((v) => v === MASK));
    if ((value === undefined || isMasked) && kept !== undefined) incoming[key] = key === "headers" ? JSON.parse(kept) : kept;
  }
  if (provider === "webpush") {
    // The key pair stays as it is unless a new pair is given: browsers subscribed with it.
    const stored = existing.provider === "webpush" && existing.config.vapidPublicKey && existing.secrets.vapidPrivateKey
      ? { publicKey: String(existing.config.vapidPublicKey), privateKey: existing.secrets.vapidPrivateKey }
      : null;
    const givenPair = incoming.vapidPublicKey && incoming.vapidPrivateKey && incoming.vapidPrivateKey !== stored?.privateKey;
    if (!givenPair) {
      const keys = stored ?? generateVapidKeys();
      incoming.vapidPublicKey = keys.publicKey;
      incoming.vapidPrivateKey = keys.privateKey;
    }
  }
  const parsed = spec.schema.safeParse(incoming);
  if (!parsed.success) throw new ApiError("invalid_request", `The ${spec.label} settings have invalid fields`, zodDetails(parsed.error, ["config"]));

  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value === undefined) continue;
    if ((spec.secrets as readonly string[]).includes(key)) secrets[key] = typeof value === "string" ? value : JSON.stringify(value);
    else config[key] = value;
  }
  const secretBox = Object.keys(secrets).length ? seal(secrets) : null;
  await prisma.channelConfig.upsert({
    where: { appId_channel: { appId, channel } },
    create: { appId, channel, provider, config: config as Prisma.InputJsonValue, secretBox, updatedAt: now },
    update: { provider, config: config as Prisma.InputJsonValue, secretBox, updatedAt: now },
  });
  return { channel, provider, providers: allowed, config: masked(provider, config, secrets) };
}
