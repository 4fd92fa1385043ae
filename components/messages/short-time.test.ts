import { describe, expect, it } from "vitest";
import { formatShortTime } from "./short-time";

describe("formatShortTime", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  it("shows only the time for today", () => {
    expect(formatShortTime("2026-11-26T09:05:07Z", now, "UTC")).toBe("09:05:07");
  });
  it("adds the day for earlier days this year, and the year before that", () => {
    expect(formatShortTime("2026-03-02T18:30:00Z", now, "UTC")).toBe("2 Mar, 18:30");
    expect(formatShortTime("2025-12-31T23:59:00Z", now, "UTC")).toBe("31 Dec 2025, 23:59");
  });
});
