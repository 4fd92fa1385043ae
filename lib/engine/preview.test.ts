import { describe, expect, it } from "vitest";
import { matchesFilters } from "./filters";
import { OPERATORS } from "./operators";
import { eventDataPaths, sampleEvent, sampleEventData } from "./preview";
import { renderTemplate, templateScope } from "./templates";

describe("eventDataPaths", () => {
  it.each<[string, string[]]>([
    ["You left {{ event.data.qty }} items ({{ event.data.amount }} {{ event.data.currency }})", ["qty", "amount", "currency"]],
    ["Order {{ event.data.order.nr | upcase }}", ["order.nr"]],
    ["{{ event.data.qty }} and {{ event.data.qty }} again", ["qty"]],
    ["Hello {{ user.name }}", []],
  ])("%s reads %j", (template, paths) => {
    expect(eventDataPaths(template)).toEqual(paths);
  });
});

describe("sampleEventData", () => {
  it("fills every field a template reads with a visible placeholder", () => {
    const data = sampleEventData({ kind: "event", event: "ADDTOCART" }, ["You left {{ event.data.qty }} items of {{ event.data.item.name }}"]);
    expect(data).toEqual({ qty: "[qty]", item: { name: "[item.name]" } });
  });

  it.each(OPERATORS.filter((op) => op !== "notExists"))("satisfies a trigger filter with %s", (op) => {
    const value = op === "in" || op === "nin" ? ["a", "b"] : op === "exists" ? undefined : 100;
    const where = [{ path: "order.amount", op, value }];
    const data = sampleEventData({ kind: "event", event: "PURCHASE", where }, []);
    expect(matchesFilters(where, data)).toBe(true);
  });

  it("leaves a notExists field out and names the same-value field", () => {
    const data = sampleEventData(
      { kind: "event", event: "VIEWPRODUCT", where: [{ path: "coupon", op: "notExists" }], occurrences: { atLeast: 2, sameValueOf: "product" } },
      [],
    );
    expect(data).toEqual({ product: "[product]" });
  });

  it("never writes through prototype keys and tolerates half-filled drafts", () => {
    const data = sampleEventData({ where: [{ path: "__proto__.polluted", op: "eq", value: 1 }, { op: "eq" }, null] }, ["{{ event.data.constructor.x }}"]);
    expect(data).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("sampleEvent", () => {
  it("renders a template into readable text", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const template = "You left {{ event.data.qty }} items";
    const event = sampleEvent({ kind: "event", event: "ADDTOCART" }, [template], now);
    expect(event).toMatchObject({ event: "ADDTOCART", timestamp: now });
    const scope = templateScope(event, { id: "u", email: null, phone: null, name: null, attributes: {} }, { id: "a", name: "Shop" });
    expect(renderTemplate(template, scope)).toBe("You left [qty] items");
  });

  it("names the event EVENT until the trigger has one", () => {
    expect(sampleEvent({}, [], new Date(0)).event).toBe("EVENT");
  });
});
