import { describe, expect, it } from "vitest";
import type { EventTrigger, InactivityTrigger } from "./rule";
import type { Reentry } from "./nodes/fields";
import { at, makeEvent } from "./test-records";
import { crossesOccurrences, inactivityCutoff, occurrenceHistoryQuery, reentryAllows, triggerMatches } from "./triggers";

function eventTrigger(overrides: Partial<EventTrigger> = {}): EventTrigger {
  return { nodeId: "t", kind: "event", event: "PURCHASE", where: [], occurrences: null, reentry: "ifNotActive", ...overrides };
}
const dormant: InactivityTrigger = { nodeId: "t", kind: "inactivity", event: "app.open", days: 30 };

describe("triggerMatches", () => {
  const threshold = eventTrigger({ where: [{ path: "amount", op: "gte", value: 100 }] });
  it.each([
    ["the event name", eventTrigger(), makeEvent("e", "PURCHASE"), true],
    ["another event name", eventTrigger(), makeEvent("e", "SIGNUP"), false],
    ["where that holds on a string amount", threshold, makeEvent("e", "PURCHASE", { amount: "120.00" }), true],
    ["where at the boundary", threshold, makeEvent("e", "PURCHASE", { amount: 100 }), true],
    ["where that fails", threshold, makeEvent("e", "PURCHASE", { amount: "99.99" }), false],
    ["where on a missing value", threshold, makeEvent("e", "PURCHASE"), false],
    ["an inactivity trigger", dormant, makeEvent("e", "app.open"), false],
  ])("%s", (_, trigger, event, expected) => {
    expect(triggerMatches(trigger, event)).toBe(expected);
  });
});

describe("occurrences", () => {
  const scarcity = eventTrigger({ event: "VIEWPRODUCT", occurrences: { atLeast: 2, sameValueOf: "product", withinHours: null } });
  const windowed = eventTrigger({ event: "VIEWPRODUCT", occurrences: { atLeast: 2, sameValueOf: null, withinHours: 24 } });
  const view = (id: string, product: string | undefined, hours: number) =>
    makeEvent(id, "VIEWPRODUCT", product === undefined ? {} : { product }, hours);

  it("asks for the history the count needs", () => {
    expect(occurrenceHistoryQuery(eventTrigger(), view("e", "A", 0))).toBeNull();
    expect(occurrenceHistoryQuery(scarcity, view("e", "A", 0))).toEqual({ event: "VIEWPRODUCT", since: null });
    expect(occurrenceHistoryQuery(windowed, view("e", "A", 30))).toEqual({ event: "VIEWPRODUCT", since: at(6) });
  });

  it("fires exactly once, at the crossing", () => {
    const views = [view("v1", "A", 0), view("v2", "A", 1), view("v3", "A", 2)];
    const fired = views.map((event, i) => crossesOccurrences(scarcity, event, views.slice(0, i + 1)));
    expect(fired).toEqual([false, true, false]);
  });

  it("gives the same answer whether or not the history holds the event itself", () => {
    const history = [view("v1", "A", 0)];
    expect(crossesOccurrences(scarcity, view("v2", "A", 1), history)).toBe(true);
    expect(crossesOccurrences(scarcity, view("v2", "A", 1), [...history, view("v2", "A", 1)])).toBe(true);
  });

  it.each([
    ["another product's views do not count", [view("v1", "B", 0)], view("v2", "A", 1), false],
    ["the same product counts", [view("v1", "B", 0), view("v2", "A", 1)], view("v3", "A", 2), true],
    ["numeric-looking values compare as numbers", [makeEvent("v1", "VIEWPRODUCT", { product: 7 })], view("v2", "7", 1), true],
    ["views missing the value never count", [view("v1", undefined, 0)], view("v2", "A", 1), false],
    ["an event missing the value never fires", [view("v1", "A", 0)], view("v2", undefined, 1), false],
    ["later views do not count", [view("v3", "A", 5)], view("v2", "A", 1), false],
    ["other event names do not count", [makeEvent("x", "ADDTOCART", { product: "A" })], view("v2", "A", 1), false],
  ])("%s", (_, history, event, expected) => {
    expect(crossesOccurrences(scarcity, event, history)).toBe(expected);
  });

  // The event is at hour 30 with a 24-hour window, so the window opens after hour 6.
  it.each([
    ["inside the window", 20, true],
    ["just inside the window", 6.01, true],
    ["exactly at the window start (excluded)", 6, false],
    ["older than the window", 2, false],
  ])("a previous view %s", (_, previousAt, expected) => {
    expect(crossesOccurrences(windowed, view("v2", "A", 30), [view("v1", "A", previousAt)])).toBe(expected);
  });

  it("counts within the window only", () => {
    const event = view("v3", "A", 30);
    expect(crossesOccurrences(windowed, event, [view("v1", "A", 1), view("v2", "A", 20)])).toBe(true);
    expect(crossesOccurrences(windowed, event, [view("v1", "A", 1)])).toBe(false);
  });

  it("has exactly one crossing among events with the same timestamp, in any arrival order", () => {
    const a = view("a", "A", 1);
    const b = view("b", "A", 1);
    const history = [view("v0", "A", 0), a, b];
    expect([crossesOccurrences(scarcity, a, history), crossesOccurrences(scarcity, b, history)]).toEqual([true, false]);
  });

  it("counts only views that pass where", () => {
    const filtered = eventTrigger({
      event: "VIEWPRODUCT",
      where: [{ path: "price", op: "gte", value: 50 }],
      occurrences: { atLeast: 2, sameValueOf: null, withinHours: null },
    });
    const cheap = makeEvent("v1", "VIEWPRODUCT", { price: 10 }, 0);
    const dear = makeEvent("v2", "VIEWPRODUCT", { price: 60 }, 1);
    expect(crossesOccurrences(filtered, makeEvent("v3", "VIEWPRODUCT", { price: 70 }, 2), [cheap])).toBe(false);
    expect(crossesOccurrences(filtered, makeEvent("v3", "VIEWPRODUCT", { price: 70 }, 2), [cheap, dear])).toBe(true);
  });

  it("always crosses without occurrences", () => {
    expect(crossesOccurrences(eventTrigger(), makeEvent("e", "PURCHASE"), [])).toBe(true);
  });
});

describe("reentryAllows", () => {
  it.each<[Reentry, boolean, boolean, boolean]>([
    ["always", false, false, true],
    ["always", true, true, true],
    ["ifNotActive", false, false, true],
    ["ifNotActive", false, true, true],
    ["ifNotActive", true, true, false],
    ["once", false, false, true],
    ["once", false, true, false],
    ["once", true, true, false],
  ])("%s with active=%s any=%s → %s", (reentry, hasActive, hasAny, expected) => {
    expect(reentryAllows(reentry, { hasActive, hasAny })).toBe(expected);
  });
});

describe("inactivityCutoff", () => {
  it("is now minus the trigger's days", () => {
    expect(inactivityCutoff(dormant, new Date("2026-12-31T00:00:00Z"))).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
});
