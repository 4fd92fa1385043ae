import { describe, expect, it } from "vitest";
import { bucketCount, resolveRange } from "@/lib/server/analytics/chart-range";
import { RANGES, parseRangeKey, rangeWindow, type RangeKey } from "./ranges";

const now = new Date("2026-11-26T15:42:00Z");

describe("overview ranges", () => {
  it.each([
    ["24h", "hour", 24],
    ["7d", "day", 7],
    ["30d", "day", 30],
    ["90d", "day", 90],
  ] as const)("%s has %s points: %i", (key, interval, points) => {
    const range = resolveRange({ ...rangeWindow(key, now), interval }, now);
    expect(bucketCount(range)).toBe(points);
  });

  it("every range can be charted by hour", () => {
    for (const key of Object.keys(RANGES) as RangeKey[]) {
      expect(() => resolveRange({ ...rangeWindow(key, now), interval: "hour" }, now)).not.toThrow();
    }
  });

  it("falls back to 30 days for anything unknown", () => {
    expect(parseRangeKey("7d")).toBe("7d");
    expect(parseRangeKey("1y")).toBe("30d");
    expect(parseRangeKey(["7d"])).toBe("30d");
  });
});
