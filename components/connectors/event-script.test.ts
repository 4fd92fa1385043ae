import { describe, expect, it } from "vitest";
import { newRow, scriptEvents } from "./event-script";

describe("scriptEvents", () => {
  it("turns the rows into the simulate request's events: data parsed, a gap from the second row on", () => {
    const rows = [{ ...newRow("ADDTOCART"), data: '{ "qty": 2, "currency": "EUR" }' }, newRow("PURCHASE", { amount: "2", unit: "hours" })];
    expect(scriptEvents(rows)).toEqual({
      ok: true,
      events: [
        { event: "ADDTOCART", data: { qty: 2, currency: "EUR" } },
        { event: "PURCHASE", after: { amount: 2, unit: "hours" } },
      ],
    });
  });

  it("names what to fix on each row", () => {
    const rows = [{ ...newRow(" "), data: "{ qty: 2 }" }, { ...newRow("PURCHASE", { amount: "1.5", unit: "days" }), data: "[1]" }];
    const result = scriptEvents(rows);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.get(rows[0]!.key)).toEqual({ event: "Name the event", data: "Not valid JSON yet" });
    expect(result.errors.get(rows[1]!.key)).toEqual({ data: 'Write an object, like { "qty": 2 }', amount: "A whole number, 0 or more" });
  });

  it("ignores the first row's gap: the first event starts the clock", () => {
    expect(scriptEvents([newRow("SIGNUP", { amount: "", unit: "days" })])).toEqual({ ok: true, events: [{ event: "SIGNUP" }] });
  });
});
