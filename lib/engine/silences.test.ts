import { describe, expect, it } from "vitest";
import { Silences } from "./silences";

const DAY = 86_400_000;
const from = new Date("2026-03-01T00:00:00Z");
const at = (days: number) => new Date(from.getTime() + days * DAY);
const trigger = { nodeId: "trigger", kind: "inactivity" as const, event: "app.open", days: 30 };

describe("Silences", () => {
  it("begins a silence 30 days and a millisecond after the last open, once, and not when the user opens again first", () => {
    const silences = new Silences(trigger, from);
    silences.seen("a", at(1));
    silences.seen("b", at(2));
    silences.seen("b", at(20)); // b opened again: its silence moves on
    expect(silences.take(new Date(at(31).getTime()))).toEqual([]);
    expect(silences.beginningBy(new Date(at(31).getTime() + 1))).toEqual(["a"]);
    expect(silences.take(new Date(at(31).getTime() + 1))).toEqual([{ userId: "a", last: at(1), at: new Date(at(31).getTime() + 1) }]);
    expect(silences.take(at(49))).toEqual([]);
    expect(silences.take(at(51)).map((s) => s.userId)).toEqual(["b"]);
    expect(silences.take(at(400))).toEqual([]);
  });

  it("enters a silence that began before the window at its start", () => {
    const silences = new Silences(trigger, from);
    silences.seen("old", at(-45));
    silences.seen("recent", at(-10));
    expect(silences.take(from)).toEqual([{ userId: "old", last: at(-45), at: from }]);
    expect(silences.take(at(20))).toEqual([]);
    expect(silences.take(at(21)).map((s) => s.userId)).toEqual(["recent"]);
    expect(silences.beginsBy(at(0), at(30))).toBe(false);
    expect(silences.beginsBy(at(0), new Date(at(30).getTime() + 1))).toBe(true);
  });
});
