// Per application and channel send rate: a token bucket per process. Messages over the
// rate are not failed, only postponed to when a token will be free.
type Bucket = { tokens: number; updated: number };

const holder = globalThis as unknown as { __cueBuckets?: Map<string, Bucket> };
const buckets = (holder.__cueBuckets ??= new Map());

/** 0 when a send may go now (and takes the token), else the ms to wait. */
export function takeToken(key: string, ratePerSecond: number, nowMs: number): number {
  const burst = Math.max(1, ratePerSecond);
  const bucket = buckets.get(key) ?? { tokens: burst, updated: nowMs };
  bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.updated) / 1000) * ratePerSecond);
  bucket.updated = nowMs;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil(((1 - bucket.tokens) / ratePerSecond) * 1000);
}
