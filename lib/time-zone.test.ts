import { describe, expect, it } from "vitest";
import { canonicalTimeZone, localTime } from "./time-zone";

describe("canonicalTimeZone", () => {
  it.each([
    ["Europe/Lisbon", "Europe/Lisbon"],
    ["europe/lisbon", "Europe/Lisbon"],
    [" America/New_York ", "America/New_York"],
    ["UTC", "UTC"],
  ])("accepts %j as %s", (name, canonical) => {
    expect(canonicalTimeZone(name)).toBe(canonical);
  });

  it.each([["Mars/Olympus"], [""], ["+02:00"], [42], [null], ["Europe/" + "x".repeat(80)]])("refuses %j", (name) => {
    expect(canonicalTimeZone(name)).toBeNull();
  });
});

describe("localTime", () => {
  it("reads the wall clock of the zone, across a daylight-saving change", () => {
    // Lisbon moved from UTC+0 to UTC+1 at 01:00 UTC on 29 March 2026.
    expect(localTime(new Date("2026-03-29T00:30:00Z"), "Europe/Lisbon")).toBe("00:30");
    expect(localTime(new Date("2026-03-29T01:30:00Z"), "Europe/Lisbon")).toBe("02:30");
  });
});
