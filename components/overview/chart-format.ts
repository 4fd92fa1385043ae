// Labels for the overview's charts and numbers, in UTC (the buckets are UTC hours and days).
import type { Interval } from "@/lib/server/analytics/chart-range";

const dayLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const hourLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const fullLabel = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** Axis tick: "26 Nov" for days, "14:00" for hours (with the day at midnight). */
export function tickLabel(iso: string, interval: Interval): string {
  const date = new Date(iso);
  if (interval === "day" || date.getUTCHours() === 0) return dayLabel.format(date);
  return hourLabel.format(date);
}

const BUCKET_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };

/**
 * Tooltip heading: "Thu 26 Nov" or "Thu 26 Nov, 14:00 UTC"; the bucket still running
 * says "so far", so its lower count does not read as a drop.
 */
export function bucketLabel(iso: string, interval: Interval, now: Date = new Date()): string {
  const date = new Date(iso);
  const label = interval === "day" ? fullLabel.format(date) : `${fullLabel.format(date)}, ${hourLabel.format(date)} UTC`;
  return date.getTime() + BUCKET_MS[interval] > now.getTime() ? `${label} · so far` : label;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** 1234 → "1.2K", for axes and big numbers where width matters. */
export function compactNumber(value: number): string {
  return compact.format(value);
}

/** 0.1234 → "+12.3%", -0.5 → "−50%", 24 → "25×"; null (nothing before) → null. */
export function changeLabel(change: number | null): string | null {
  if (change === null) return null;
  // Past +900% a percentage is hard to read; say how many times as many.
  if (change >= 9) return `${compact.format(Math.round(change + 1))}×`;
  const pct = Math.abs(change * 100);
  const digits = pct < 10 && pct % 1 !== 0 ? 1 : 0;
  const sign = change > 0 ? "+" : change < 0 ? "−" : "";
  return `${sign}${pct.toFixed(digits)}%`;
}

export function percent(rate: number | null): string {
  if (rate === null) return "—";
  const pct = rate * 100;
  return `${pct < 10 && pct % 1 !== 0 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/** A distinct, colour-blind friendly colour per series index. */
export const SERIES_COLORS = ["#3b55e6", "#f59e0b", "#10b981", "#ec4899", "#06b6d4", "#8b5cf6", "#ef4444", "#84cc16", "#64748b", "#f97316"];
export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;
