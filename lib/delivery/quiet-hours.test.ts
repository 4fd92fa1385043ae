import { describe, expect, it } from "vitest";
import { clockIn, quietUntil } from "./quiet-hours";

const night = { start: "21:00", end: "08:00" };

describe("quietUntil", () => {
  it("is null outside the window and the window's end inside it, on the person's clock", () => {
    // 12:00 UTC is 12:00 in Lisbon (winter): outside.
    expect(quietUntil(new Date("2026-01-15T12:00:00Z"), "Europe/Lisbon", night)).toBeNull();
    // 22:30 in Lisbon: quiet until 08:00 the next morning.
    expect(quietUntil(new Date("2026-01-15T22:30:00Z"), "Europe/Lisbon", night)).toEqual(new Date("2026-01-16T08:00:00Z"));
    // 03:00 in Lisbon: quiet until 08:00 the same morning.
    expect(quietUntil(new Date("2026-01-16T03:00:00Z"), "Europe/Lisbon", night)).toEqual(new Date("2026-01-16T08:00:00Z"));
  });

  it("reads the start as inside and the end as outside ([start, end))", () => {
    expect(quietUntil(new Date("2026-01-15T21:00:00Z"), "UTC", night)).toEqual(new Date("2026-01-16T08:00:00Z"));
    expect(quietUntil(new Date("2026-01-16T08:00:00Z"), "UTC", night)).toBeNull();
  });

  it("uses the user's zone: 21:30 UTC is 06:30 in Tokyo (quiet) and 16:30 in New York (not)", () => {
    expect(quietUntil(new Date("2026-01-15T21:30:00Z"), "Asia/Tokyo", night)).toEqual(new Date("2026-01-15T23:00:00Z"));
    expect(quietUntil(new Date("2026-01-15T21:30:00Z"), "America/New_York", night)).toBeNull();
  });

  it("handles a window that does not wrap midnight", () => {
    const lunch = { start: "12:00", end: "14:00" };
    expect(quietUntil(new Date("2026-01-15T13:00:00Z"), "UTC", lunch)).toEqual(new Date("2026-01-15T14:00:00Z"));
    expect(quietUntil(new Date("2026-01-15T23:00:00Z"), "UTC", lunch)).toBeNull();
  });

  it("ends at 08:00 local across the spring-forward night (Lisbon, 29 March 2026: 01:00 → 02:00)", () => {
    // 22:00 WET on the 28th; the clocks go forward overnight, so 08:00 on the 29th is 07:00 UTC, not 08:00.
    expect(quietUntil(new Date("2026-03-28T22:00:00Z"), "Europe/Lisbon", night)).toEqual(new Date("2026-03-29T07:00:00Z"));
  });

  it("ends at 08:00 local across the fall-back night (New York, 1 November 2026: 02:00 → 01:00)", () => {
    // 22:00 EDT on 31 October is 02:00 UTC; 08:00 EST on 1 November is 13:00 UTC (a 10-hour window, not 11).
    expect(quietUntil(new Date("2026-11-01T02:00:00Z"), "America/New_York", night)).toEqual(new Date("2026-11-01T13:00:00Z"));
  });
});

describe("clockIn", () => {
  it("writes a moment on the person's clock with the zone", () => {
    expect(clockIn(new Date("2026-03-29T07:00:00Z"), "Europe/Lisbon")).toBe("08:00 Europe/Lisbon");
    expect(clockIn(new Date("2026-03-29T07:00:00Z"), "Europe/Lisbon", new Date("2026-03-29T01:00:00Z"))).toBe("08:00 Europe/Lisbon");
    expect(clockIn(new Date("2026-03-29T07:00:00Z"), "Europe/Lisbon", new Date("2026-03-28T12:00:00Z"))).toBe("Mar 29, 08:00 Europe/Lisbon");
  });
});
