// The overview's range picker: each choice is a window ending now and the chart's
// default interval. Shared by the server page and the client charts so both ask the
// API for the same buckets.
import type { Interval } from "@/lib/server/analytics/chart-range";

export const RANGES = {
  "24h": { label: "24 hours", short: "24 h", hours: 24, interval: "hour" },
  "7d": { label: "7 days", short: "7 d", hours: 7 * 24, interval: "day" },
  "30d": { label: "30 days", short: "30 d", hours: 30 * 24, interval: "day" },
  "90d": { label: "90 days", short: "90 d", hours: 90 * 24, interval: "day" },
} as const satisfies Record<string, { label: string; short: string; hours: number; interval: Interval }>;

export type RangeKey = keyof typeof RANGES;
export const DEFAULT_RANGE: RangeKey = "30d";

export function parseRangeKey(value: unknown): RangeKey {
  return typeof value === "string" && value in RANGES ? (value as RangeKey) : DEFAULT_RANGE;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The window of a choice as ISO strings: 24 h is the last 24 whole hours up to now, the
 * others the last N UTC days including today (so "7 days" is seven daily points).
 */
export function rangeWindow(key: RangeKey, now: Date): { from: string; to: string } {
  const range = RANGES[key];
  const from =
    range.interval === "hour"
      ? Math.floor(now.getTime() / HOUR) * HOUR - (range.hours - 1) * HOUR
      : Math.floor(now.getTime() / DAY) * DAY - (range.hours / 24 - 1) * DAY;
  return { from: new Date(from).toISOString(), to: now.toISOString() };
}
