import { expect, it } from "vitest";
import { isoTime } from "./iso-time";

it("writes each instant as toISOString does, the same instant again from any Date", () => {
  const a = new Date("2026-11-26T10:00:00.123Z");
  expect(isoTime(a)).toBe("2026-11-26T10:00:00.123Z");
  expect(isoTime(new Date(a.getTime()))).toBe("2026-11-26T10:00:00.123Z");
  expect(isoTime(new Date(a.getTime() + 1))).toBe("2026-11-26T10:00:00.124Z");
  expect(isoTime(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
  expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
});
