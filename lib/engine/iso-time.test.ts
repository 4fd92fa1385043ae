import { expect, it } from "vitest";
import { isoTime } from "./iso-time";

it("writes instants as toISOString does: edges of days, months, leap years and the four-digit years", () => {
  const instants = [
    "1970-01-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z", "2000-03-01T00:00:00.000Z", "1900-02-28T12:00:00.005Z", "2100-03-01T00:00:00.050Z",
    "2024-12-31T23:59:59.999Z", "2026-11-26T10:00:00.123Z", "1000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z",
  ];
  for (const iso of instants) expect(isoTime(new Date(iso))).toBe(iso);
  // Outside them, toISOString's own form.
  expect(isoTime(new Date(Date.UTC(10000, 0, 1)))).toBe("+010000-01-01T00:00:00.000Z");
  expect(isoTime(new Date(Date.UTC(999, 11, 31)))).toBe(new Date(Date.UTC(999, 11, 31)).toISOString());
  expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
});

it("agrees with toISOString on random instants across the four-digit years, and again from any Date of the same instant", () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const [first, end] = [Date.UTC(1000, 0, 1), Date.UTC(10000, 0, 1)];
  for (let i = 0; i < 100_000; i++) {
    const date = new Date(Math.floor(first + random() * (end - first)));
    expect(isoTime(date)).toBe(date.toISOString());
    expect(isoTime(new Date(date.getTime()))).toBe(date.toISOString());
  }
});
