// Requests per application key, per process: one client's runaway loop slows only itself,
// not every other application on the server. A token bucket: CUE_API_RATE_LIMIT requests
// per second (0 turns the limit off), bursts up to CUE_API_RATE_BURST (one second's worth
// unless set).
import { ApiError } from "./errors";

export const DEFAULT_RATE_LIMIT = 2000;

type Bucket = { tokens: number; at: number };
// One bucket per application that has called (so bounded by the number of apps), kept
// on globalThis: Next.js bundles route handlers separately, and all must share it.
const holder = globalThis as unknown as { __cueApiBuckets?: Map<string, Bucket> };
const buckets = (holder.__cueApiBuckets ??= new Map());

// A typo must not silently switch the limit off, so unreadable values mean the default.
function setting(raw: string | undefined, fallback: number): number {
  const value = raw?.trim() ? Number(raw) : fallback;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Spends one request of the application's budget, or throws 429 rate_limited with Retry-After. */
export function takeRequestToken(appId: string, nowMs = performance.now()): void {
  const rate = setting(process.env.CUE_API_RATE_LIMIT, DEFAULT_RATE_LIMIT);
  if (rate === 0) return;
  const burst = Math.max(1, setting(process.env.CUE_API_RATE_BURST, rate));
  const bucket = buckets.get(appId) ?? { tokens: burst, at: nowMs };
  bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * rate);
  bucket.at = nowMs;
  buckets.set(appId, bucket);
  if (bucket.tokens < 1) {
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    throw new ApiError("rate_limited", `Too many requests for this application key; retry in ${seconds} s`, undefined, {
      "Retry-After": String(seconds),
    });
  }
  bucket.tokens -= 1;
}
