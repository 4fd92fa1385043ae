import { describe, expect, it } from "vitest";
import { COUNT_MODES, countMode, withCounts, type CountMode } from "./rule-draft";

describe("countMode", () => {
  it.each([
    [{}, "atLeast", 1],
    [{ atLeast: 3 }, "atLeast", 3],
    [{ atMost: 0 }, "never", 0],
    [{ atLeast: 0, atMost: 0 }, "never", 0],
    [{ atMost: 2 }, "atMost", 2],
    [{ atLeast: 2, atMost: 2 }, "exactly", 2],
    [{ atLeast: "x" }, "atLeast", 1],
  ])("%j shows as %s %d", (condition, mode, times) => {
    expect(countMode(condition)).toEqual({ mode, times });
  });
});

describe("withCounts", () => {
  it.each([
    ["atLeast", 2, { atLeast: 2 }],
    ["atMost", 4, { atMost: 4 }],
    ["exactly", 3, { atLeast: 3, atMost: 3 }],
    ["never", 7, { atMost: 0 }],
  ] as [CountMode, number, object][])("%s %d sets %j and keeps the other fields", (mode, times, counts) => {
    const condition = { kind: "event", event: "PURCHASE", atLeast: 9, atMost: 9, withinDays: 30 };
    expect(withCounts(condition, mode, times)).toEqual({ kind: "event", event: "PURCHASE", withinDays: 30, ...counts });
  });

  it.each(COUNT_MODES.filter((m) => m !== "never"))("round-trips %s through countMode", (mode) => {
    expect(countMode(withCounts({}, mode, 5))).toEqual({ mode, times: 5 });
  });
});
