// The time range of an analytics read, as the API takes it: from/to (ISO dates), an
// hour or day interval, and event names (repeated and/or comma-separated). Ranges are
// widened to whole UTC buckets, so every point counts one complete hour or day.
import { z } from "zod";
import { ApiError, zodDetails } from "../api/errors";

export const INTERVALS = ["hour", "day"] as const;
export type Interval = (typeof INTERVALS)[number];

export const BUCKET_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };
/** 100 days of hours: a 90-day hourly chart fits, a year of hours does not. */
export const MAX_BUCKETS = 2400;
/** Series compared at once, and the number shown when no event is named. */
export const MAX_SERIES = 20;
export const DEFAULT_RANGE_DAYS = 30;

const isoDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "must be an ISO-8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z",
  })
  .optional();

const eventList = z
  .string()
  .optional()
  .transform((value) => [...new Set((value ?? "").split(",").map((s) => s.trim()).filter(Boolean))])
  .pipe(
    z
      .array(z.string().max(200, "event names are at most 200 characters"))
      .max(MAX_SERIES, `compare at most ${MAX_SERIES} event names at once`),
  );

export const eventsChartQuerySchema = z.object({
  from: isoDate.meta({ description: "Start (inclusive), rounded down to its bucket; default 30 days before `to`" }),
  to: isoDate.meta({ description: "End (exclusive), rounded up to a whole bucket; default now" }),
  interval: z.enum(INTERVALS, { error: "interval must be hour or day" }).default("day"),
  event: eventList.meta({
    description: `Event names to chart, comma-separated or repeated (up to ${MAX_SERIES}); without it, the ${MAX_SERIES} most frequent in the range`,
  }),
});
export type EventsChartQuery = z.infer<typeof eventsChartQuerySchema>;

export type ChartRange = { from: Date; to: Date; interval: Interval };

const floorTo = (t: number, size: number) => Math.floor(t / size) * size;
const ceilTo = (t: number, size: number) => Math.ceil(t / size) * size;

/** Applies the defaults and widens to whole buckets; 400 when the range is empty or too long. */
export function resolveRange(query: { from?: string; to?: string; interval: Interval }, now: Date): ChartRange {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * BUCKET_MS.day);
  if (from.getTime() >= to.getTime()) {
    throw new ApiError("invalid_request", "The range is empty", [{ path: "from", message: "from must be before to" }]);
  }
  const size = BUCKET_MS[query.interval];
  const range = { from: new Date(floorTo(from.getTime(), size)), to: new Date(ceilTo(to.getTime(), size)), interval: query.interval };
  const buckets = bucketCount(range);
  if (buckets > MAX_BUCKETS) {
    throw new ApiError("invalid_request", "The range has too many points", [
      { path: "interval", message: `${buckets} ${query.interval} buckets; at most ${MAX_BUCKETS} (use interval=day or a shorter range)` },
    ]);
  }
  return range;
}

export function bucketCount(range: ChartRange): number {
  return Math.round((range.to.getTime() - range.from.getTime()) / BUCKET_MS[range.interval]);
}

/** Every bucket start of the range, in order. */
export function bucketStarts(range: ChartRange): Date[] {
  const size = BUCKET_MS[range.interval];
  return Array.from({ length: bucketCount(range) }, (_, i) => new Date(range.from.getTime() + i * size));
}

export type Point = { t: string; count: number };

/** One point per bucket, zero where the counts have none. */
export function fillBuckets(range: ChartRange, counts: Map<number, number>): Point[] {
  return bucketStarts(range).map((t) => ({ t: t.toISOString(), count: counts.get(t.getTime()) ?? 0 }));
}

/** The range of equal length just before this one (for "change vs previous period"). */
export function previousRange(range: ChartRange): ChartRange {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from, interval: range.interval };
}

/**
 * The event names of a query string: `event` may be repeated as well as comma-separated,
 * which the single-valued query object apiRoute parses cannot show.
 */
export function repeatedEventNames(search: URLSearchParams): string[] {
  const parsed = eventList.safeParse(search.getAll("event").join(","));
  if (!parsed.success) throw new ApiError("invalid_request", "The request has invalid fields", zodDetails(parsed.error, ["event"]));
  return parsed.data;
}
