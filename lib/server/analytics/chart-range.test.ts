import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { MAX_BUCKETS, bucketStarts, eventsChartQuerySchema, fillBuckets, previousRange, repeatedEventNames, resolveRange } from "./chart-range";

const now = new Date("2026-11-26T15:42:10.123Z");
const iso = (d: Date) => d.toISOString();

function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("resolveRange", () => {
  it("defaults to the 30 days before now, by day, widened to whole UTC days", () => {
    const range = resolveRange(eventsChartQuerySchema.parse({}), now);
    expect(range.interval).toBe("day");
    expect(iso(range.from)).toBe("2026-10-27T00:00:00.000Z");
    expect(iso(range.to)).toBe("2026-11-27T00:00:00.000Z");
    expect(bucketStarts(range)).toHaveLength(31);
  });

  it("rounds from down and to up to whole hours", () => {
    const range = resolveRange({ from: "2026-11-26T10:30:00Z", to: "2026-11-26T12:00:00.001Z", interval: "hour" }, now);
    expect(bucketStarts(range).map(iso)).toEqual(["2026-11-26T10:00:00.000Z", "2026-11-26T11:00:00.000Z", "2026-11-26T12:00:00.000Z"]);
  });

  it("takes dates and offsets, read as instants", () => {
    const range = resolveRange({ from: "2026-11-20", to: "2026-11-21T01:00:00+02:00", interval: "day" }, now);
    expect([iso(range.from), iso(range.to)]).toEqual(["2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z"]);
  });

  it("refuses an empty or reversed range, naming from", () => {
    const error = rejection(() => resolveRange({ from: "2026-11-02", to: "2026-11-01", interval: "day" }, now));
    expect(error.code).toBe("invalid_request");
    expect(error.details).toEqual([{ path: "from", message: "from must be before to" }]);
    expect(() => resolveRange({ from: "2026-11-01", to: "2026-11-01", interval: "hour" }, now)).toThrow(ApiError);
  });

  it("refuses more buckets than MAX_BUCKETS, and accepts exactly that many", () => {
    const to = new Date(Date.UTC(2026, 10, 1));
    const edge = new Date(to.getTime() - MAX_BUCKETS * 3_600_000);
    expect(bucketStarts(resolveRange({ from: iso(edge), to: iso(to), interval: "hour" }, now))).toHaveLength(MAX_BUCKETS);
    const error = rejection(() => resolveRange({ from: iso(new Date(edge.getTime() - 1)), to: iso(to), interval: "hour" }, now));
    expect(error.details?.[0]?.path).toBe("interval");
  });
});

describe("the query schema", () => {
  it("rejects bad dates and unknown intervals with field paths", () => {
    const result = eventsChartQuerySchema.safeParse({ from: "yesterday", interval: "week" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["from", "interval"]);
  });

  it("reads repeated and comma-separated event names, once each", () => {
    const search = new URLSearchParams("event=A,B&event=C&event=A&event=%20");
    expect(repeatedEventNames(search)).toEqual(["A", "B", "C"]);
    expect(repeatedEventNames(new URLSearchParams(""))).toEqual([]);
  });

  it("refuses more than 20 names", () => {
    const search = new URLSearchParams(Array.from({ length: 21 }, (_, i) => ["event", `E${i}`]));
    expect(rejection(() => repeatedEventNames(search)).details?.[0]?.path).toBe("event");
  });
});

describe("fillBuckets", () => {
  it("gives every bucket a point, zero where nothing was counted", () => {
    const range = resolveRange({ from: "2026-11-01", to: "2026-11-04", interval: "day" }, now);
    const counts = new Map([[Date.UTC(2026, 10, 2), 7]]);
    expect(fillBuckets(range, counts)).toEqual([
      { t: "2026-11-01T00:00:00.000Z", count: 0 },
      { t: "2026-11-02T00:00:00.000Z", count: 7 },
      { t: "2026-11-03T00:00:00.000Z", count: 0 },
    ]);
  });

  it("the previous period is as long and ends where this one starts", () => {
    const range = resolveRange({ from: "2026-11-08", to: "2026-11-15", interval: "day" }, now);
    const previous = previousRange(range);
    expect([iso(previous.from), iso(previous.to)]).toEqual(["2026-11-01T00:00:00.000Z", "2026-11-08T00:00:00.000Z"]);
  });
});
