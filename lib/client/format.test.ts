import { describe, expect, it } from "vitest";
import { formatDateTime, formatRelative, formatValue } from "./format";

describe("formatRelative", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  it.each([
    ["2026-11-26T11:59:50Z", "just now"],
    ["2026-11-26T11:55:00Z", "5 minutes ago"],
    ["2026-11-26T09:00:00Z", "3 hours ago"],
    ["2026-11-25T12:00:00Z", "yesterday"],
    ["2026-11-12T12:00:00Z", "2 weeks ago"],
    ["2026-11-26T12:10:00Z", "in 10 minutes"],
  ])("%s reads as %s", (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});

describe("formatDateTime", () => {
  it("names the zone when rendering in UTC, so server output is never mistaken for local time", () => {
    expect(formatDateTime("2026-11-26T21:03:49Z", "UTC")).toBe("26 Nov 2026, 21:03:49 UTC");
  });
});

describe("formatValue", () => {
  it("shows strings as they are and everything else as JSON", () => {
    expect(formatValue("shipped")).toBe("shipped");
    expect(formatValue(12.5)).toBe("12.5");
    expect(formatValue(false)).toBe("false");
    expect(formatValue(null)).toBe("null");
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
  });
});
