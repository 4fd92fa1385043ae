// The wait node on the engine's clock: yes as soon as the awaited event is stored inside
// the window, no when the window ends, keyed by sameValueOf, and woken walks keep the
// window they started.
import { describe, expect, it } from "vitest";
import { advance, type EnrollmentPosition } from "../execute";
import { validateGraph, type Graph } from "../graph";
import type { Rule } from "../rule";
import { HOUR, T0, app, at, makeEvent, user } from "../test-records";
import type { EventRecord } from "../types";

function waitRule(data: Record<string, unknown>): Rule {
  const graph: Graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "ADDTOCART" } },
      { id: "w", type: "wait", position: { x: 0, y: 1 }, data: { event: "PURCHASE", within: { amount: 24, unit: "hours" }, ...data } },
      { id: "thanks", type: "action", position: { x: 0, y: 2 }, data: { kind: "send", channel: "push", body: "Thanks" } },
      { id: "remind", type: "action", position: { x: 1, y: 2 }, data: { kind: "send", channel: "push", body: "Still thinking?" } },
    ],
    edges: [
      { id: "e1", source: "t", target: "w", sourceHandle: null },
      { id: "e2", source: "w", target: "thanks", sourceHandle: "yes" },
      { id: "e3", source: "w", target: "remind", sourceHandle: "no" },
    ],
  };
  const result = validateGraph(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.rule;
}

const cart = makeEvent("cart", "ADDTOCART", { order_nr: "A1" });
const bought = (hours: number, data: Record<string, unknown> = { order_nr: "A1" }, id = `buy${hours}`) => makeEvent(id, "PURCHASE", data, hours);

function run(rule: Rule, now: Date, laterEvents: EventRecord[], position: EnrollmentPosition = { nodeId: rule.entry, dueAt: null }) {
  const result = advance(position, { now, connectorId: "con1", rule, trigger: cart, user, app, laterEvents });
  return { outcome: result.outcome, sent: result.effects.map((e) => (e.kind === "send" ? e.content.body : e.kind)), trace: result.trace };
}

describe("wait", () => {
  const rule = waitRule({});

  it.each<[string, number, EventRecord[], { status: string; sent?: string[]; dueAt?: Date }]>([
    ["waits while the window is open and nothing came", 3, [], { status: "waiting", dueAt: at(24) }],
    ["goes yes when the event came inside the window", 3, [bought(2)], { status: "completed", sent: ["Thanks"] }],
    ["goes yes for an event exactly at the window's end", 30, [bought(24)], { status: "completed", sent: ["Thanks"] }],
    ["goes no for an event just after the window's end", 30, [makeEvent("late", "PURCHASE", { order_nr: "A1" }, 24 + 1 / 3_600_000)], { status: "completed", sent: ["Still thinking?"] }],
    ["goes no exactly when the window ends", 24, [], { status: "completed", sent: ["Still thinking?"] }],
    ["still waits a millisecond before the window ends", 24 - 1 / HOUR, [], { status: "waiting", dueAt: at(24) }],
    ["ignores an event from before the walk reached it", 3, [bought(-1)], { status: "waiting", dueAt: at(24) }],
  ])("%s", (_, hoursNow, later, expected) => {
    const result = run(rule, at(hoursNow), later);
    expect(result.outcome.status).toBe(expected.status);
    if (expected.sent) expect(result.sent).toEqual(expected.sent);
    if (expected.dueAt) expect(result.outcome).toMatchObject({ dueAt: expected.dueAt });
  });

  it("keyed by sameValueOf, ignores other orders and takes the same one", () => {
    const keyed = waitRule({ sameValueOf: ["order_nr"] });
    expect(run(keyed, at(3), [bought(1, { order_nr: "B2" })]).outcome.status).toBe("waiting");
    expect(run(keyed, at(3), [bought(1, { order_nr: "B2" }), bought(2, { order_nr: "A1" })]).sent).toEqual(["Thanks"]);
    expect(run(keyed, at(3), [bought(1, {})]).outcome.status).toBe("waiting");
  });

  it("applies its filters to the awaited event", () => {
    const big = waitRule({ where: [{ path: "amount", op: "gte", value: 100 }] });
    expect(run(big, at(3), [bought(1, { amount: "20" })]).outcome.status).toBe("waiting");
    expect(run(big, at(3), [bought(1, { amount: "120.00" })]).sent).toEqual(["Thanks"]);
  });

  it("resumed after being woken early keeps the window it started, from its trace", () => {
    // Woken at 5 h (dueAt moved to now) by a purchase at 4 h; the window began at T0.
    const woken = run(rule, at(5), [bought(4)], { nodeId: "w", dueAt: at(5), since: T0 });
    expect(woken.sent).toEqual(["Thanks"]);
    expect(woken.trace[0]).toEqual({ nodeId: "w", at: at(4).toISOString(), what: "yes", detail: `PURCHASE at ${at(4).toISOString()}` });
    // Woken by an event that does not qualify: back to waiting until the window's end.
    expect(run(rule, at(5), [bought(4, { order_nr: "A1" }, "x")].map((e) => ({ ...e, event: "OTHER" })), { nodeId: "w", dueAt: at(5), since: T0 }).outcome).toEqual({
      status: "waiting",
      nodeId: "w",
      dueAt: at(24),
    });
  });

  it("times out from a stored due time when the trace does not say when it began", () => {
    expect(run(rule, at(25), [], { nodeId: "w", dueAt: at(24) }).sent).toEqual(["Still thinking?"]);
  });
});
