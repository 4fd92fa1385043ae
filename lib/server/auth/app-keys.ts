// Applications by key, as authentication reads them on every API request. Kept for a few
// seconds in memory so a stream of ingest requests does not pay a query each: a rotated
// secret stops working at once in the process that rotated it, and within CACHE_MS in
// the others (the trade-off every API gateway's key cache makes). Unknown keys are not
// cached, so an app created by another process is seen on its first request.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type KeyedApp = { id: string; name: string; secretHash: string; masterSecretHash: string };

const CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

// On globalThis: Next.js may load this module once per route bundle, and a rotation in
// one route must clear what the others hold.
const holder = globalThis as unknown as { __cueAppKeys?: Map<string, { app: KeyedApp; until: number }> };
const cache = (holder.__cueAppKeys ??= new Map());

export async function appByKey(prisma: PrismaClient, key: string, now = Date.now()): Promise<KeyedApp | null> {
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.app;
  const app = await prisma.app.findUnique({ where: { key }, select: { id: true, name: true, secretHash: true, masterSecretHash: true } });
  if (!app) {
    cache.delete(key);
    return null;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { app, until: now + CACHE_MS });
  return app;
}

/** After credentials change: the next request reads them from the database. */
export function forgetAppKeys(): void {
  cache.clear();
}
