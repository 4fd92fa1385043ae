import { describe, expect, it } from "vitest";
import { advance, type EnrollmentPosition, type StepContext } from "./execute";
import { cancelMatches, pendingCancelsFrom } from "./nodes/cancel";
import { validateGraph, type Graph } from "./graph";
import type { Rule } from "./rule";
import { seedGraphs } from "./seed-graphs";
import { T0, app, at, makeEvent, user } from "./test-records";
import type { EventRecord } from "./types";

function ruleOf(graph: Graph): Rule {
  const result = validateGraph(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.rule;
}

type Spec = { id: string; type: Graph["nodes"][number]["type"]; data: Record<string, unknown> };
function line(...specs: Spec[]): Graph {
  return {
    nodes: specs.map((spec) => ({ ...spec, position: { x: 0, y: 0 } })),
    edges: specs.slice(1).map((spec, i) => ({ id: `e${i}`, source: specs[i]!.id, target: spec.id })),
  };
}
const on = (event: string): Spec => ({ id: "t", type: "trigger", data: { kind: "event", event } });
const wait = (id: string, hours: number): Spec => ({ id, type: "delay", data: { amount: hours, unit: "hours" } });
const push = (id: string, body: string): Spec => ({ id, type: "action", data: { kind: "send", channel: "push", body } });

const cartRule = ruleOf(seedGraphs.cartAbandonment);
const addToCart = makeEvent("cart1", "ADDTOCART", { qty: "2", amount: "120.00", currency: "EUR" });

function context(rule: Rule, overrides: Partial<StepContext> = {}): StepContext {
  return { now: at(1), connectorId: "con1", rule, trigger: addToCart, user, app, laterEvents: [], ...overrides };
}
const fresh = (rule: Rule): EnrollmentPosition => ({ nodeId: rule.entry, dueAt: null });

describe("advance", () => {
  it("acts immediately when the trigger leads to an action", () => {
    const rule = ruleOf(seedGraphs.welcome);
    const result = advance(fresh(rule), context(rule, { trigger: makeEvent("e1", "ONBOARDING_COMPLETE") }));
    expect(result).toEqual({
      outcome: { status: "completed" },
      effects: [{ kind: "send", nodeId: "send", channel: "push", content: { body: "Welcome" }, options: {} }],
      trace: [{ nodeId: "send", at: at(1).toISOString(), what: "acted", detail: "push" }],
    });
  });

  it("waits in a delay due 24 hours after the trigger event's timestamp", () => {
    const result = advance(fresh(cartRule), context(cartRule, { now: at(3) }));
    expect(result.outcome).toEqual({ status: "waiting", nodeId: "delay", dueAt: at(24) });
    expect(result.effects).toEqual([]);
    expect(result.trace).toEqual([{ nodeId: "delay", at: T0.toISOString(), what: "waited", detail: `until ${at(24).toISOString()}` }]);
  });

  it("is cancelled on reaching the delay when the cancelling event has already arrived", () => {
    const purchase = makeEvent("buy1", "PURCHASE", { order_nr: "A1" }, 0.5);
    const result = advance(fresh(cartRule), context(cartRule, { now: at(1), laterEvents: [purchase] }));
    expect(result.outcome).toEqual({ status: "cancelled", nodeId: "cancel", byEventId: "buy1" });
    expect(result.effects).toEqual([]);
  });

  it("keeps waiting, silently, before the due time", () => {
    const result = advance({ nodeId: "delay", dueAt: at(24) }, context(cartRule, { now: at(23) }));
    expect(result).toEqual({ outcome: { status: "waiting", nodeId: "delay", dueAt: at(24) }, effects: [], trace: [] });
  });

  it("resumes after the due time and sends the rendered reminder", () => {
    const result = advance({ nodeId: "delay", dueAt: at(24) }, context(cartRule, { now: at(25) }));
    expect(result.outcome).toEqual({ status: "completed" });
    expect(result.effects).toEqual([
      { kind: "send", nodeId: "send", channel: "push", content: { body: "You left 2 items (120.00 EUR)" }, options: {} },
    ]);
    expect(result.trace.map((entry) => [entry.nodeId, entry.what, entry.at])).toEqual([
      ["delay", "passed", at(24).toISOString()],
      ["cancel", "passed", at(24).toISOString()],
      ["send", "acted", at(25).toISOString()],
    ]);
  });

  it("runs straight through when a new enrollment's delay is already due", () => {
    expect(advance(fresh(cartRule), context(cartRule, { now: at(30) })).outcome).toEqual({ status: "completed" });
  });

  it.each<[string, EventRecord[], string | null]>([
    ["a PURCHASE after the trigger", [makeEvent("p1", "PURCHASE", {}, 5)], "p1"],
    ["a PURCHASE at the trigger's timestamp", [makeEvent("p1", "PURCHASE", {}, 0)], "p1"],
    ["a PURCHASE after the due time", [makeEvent("p1", "PURCHASE", {}, 24.5)], "p1"],
    ["the earliest of several", [makeEvent("p2", "PURCHASE", {}, 9), makeEvent("p1", "PURCHASE", {}, 5)], "p1"],
    ["a PURCHASE before the trigger", [makeEvent("p0", "PURCHASE", {}, -1)], null],
    ["another event", [makeEvent("s1", "SIGNUP", {}, 5)], null],
  ])("cart abandonment: %s → cancelled by %s", (_, laterEvents, byEventId) => {
    const result = advance({ nodeId: "delay", dueAt: at(24) }, context(cartRule, { now: at(25), laterEvents }));
    if (byEventId === null) {
      expect(result.outcome).toEqual({ status: "completed" });
    } else {
      expect(result.outcome).toEqual({ status: "cancelled", nodeId: "cancel", byEventId });
      expect(result.effects).toEqual([]);
    }
  });

  it("keeps the schedule of chained delays when a tick comes late", () => {
    const rule = ruleOf(line(on("ADDTOCART"), wait("d1", 1), wait("d2", 2), push("a", "x")));
    const result = advance({ nodeId: "d1", dueAt: at(1) }, context(rule, { now: at(2) }));
    expect(result.outcome).toEqual({ status: "waiting", nodeId: "d2", dueAt: at(3) });
  });

  it("counts a delay after an action from when the action ran", () => {
    const rule = ruleOf(line(on("ADDTOCART"), push("a1", "x"), wait("d", 2), push("a2", "y")));
    const result = advance(fresh(rule), context(rule, { now: at(5) }));
    expect(result.outcome).toEqual({ status: "waiting", nodeId: "d", dueAt: at(7) });
    expect(result.effects).toHaveLength(1);
  });

  describe("a cancel keyed by order_nr", () => {
    const rule = ruleOf(
      line(
        on("PURCHASE"),
        wait("d", 72),
        { id: "c", type: "cancel", data: { events: ["RETURNED"], where: [{ path: "reason", op: "neq", value: "test" }], sameValueOf: ["order_nr"] } },
        push("a", "How was order {{ event.data.order_nr }}?"),
      ),
    );
    const purchase = makeEvent("p1", "PURCHASE", { order_nr: "A1" });
    it.each<[string, Record<string, unknown>, boolean]>([
      ["the same order", { order_nr: "A1" }, true],
      ["another order", { order_nr: "B2" }, false],
      ["no order number", {}, false],
      ["the same order, excluded by where", { order_nr: "A1", reason: "test" }, false],
    ])("%s", (_, data, cancelled) => {
      const laterEvents = [makeEvent("r1", "RETURNED", data, 10)];
      const result = advance({ nodeId: "d", dueAt: at(72) }, context(rule, { trigger: purchase, now: at(73), laterEvents }));
      expect(result.outcome.status).toBe(cancelled ? "cancelled" : "completed");
      const step = rule.steps.c;
      if (step?.type !== "cancel") throw new Error("expected a cancel step");
      expect(cancelMatches(step, purchase, laterEvents[0]!)).toBe(cancelled);
    });

    it("is never cancelled by the trigger event itself", () => {
      const step = rule.steps.c;
      if (step?.type !== "cancel") throw new Error("expected a cancel step");
      expect(cancelMatches({ ...step, events: ["PURCHASE"] }, purchase, purchase)).toBe(false);
    });
  });

  describe("a condition", () => {
    const branch = (path: string, op: string, value: unknown): Graph => ({
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "PURCHASE" } },
        { id: "c", type: "condition", position: { x: 0, y: 0 }, data: { where: [{ path, op, value }] } },
        { id: "big", type: "action", position: { x: 0, y: 0 }, data: { kind: "send", channel: "push", body: "big" } },
      ],
      edges: [
        { id: "e1", source: "t", target: "c" },
        { id: "e2", source: "c", target: "big", sourceHandle: "yes" },
      ],
    });
    it.each<[string, Graph, Record<string, unknown>, "yes" | "no"]>([
      ["on event data, yes", branch("event.data.amount", "gte", 100), { amount: "120.00" }, "yes"],
      ["on event data, no", branch("event.data.amount", "gte", 100), { amount: "99" }, "no"],
      ["on the event name", branch("event.event", "eq", "PURCHASE"), {}, "yes"],
      ["on a user attribute, yes", branch("user.attributes.plan", "eq", "pro"), {}, "yes"],
      ["on a user attribute, no", branch("user.attributes.plan", "in", ["free"]), {}, "no"],
      ["on the user's phone", branch("user.phone", "exists", undefined), {}, "no"],
    ])("%s", (_, graph, data, expected) => {
      const rule = ruleOf(graph);
      const result = advance(fresh(rule), context(rule, { trigger: makeEvent("p1", "PURCHASE", data) }));
      expect(result.trace[0]).toMatchObject({ nodeId: "c", what: expected });
      expect(result.effects).toHaveLength(expected === "yes" ? 1 : 0);
      expect(result.outcome).toEqual({ status: "completed" });
    });
  });

  it("renders missing template values as empty", () => {
    const result = advance(fresh(cartRule), context(cartRule, { trigger: makeEvent("c2", "ADDTOCART", { qty: 3 }), now: at(30) }));
    expect(result.effects).toEqual([{ kind: "send", nodeId: "send", channel: "push", content: { body: "You left 3 items ( )" }, options: {} }]);
  });

  it("renders the segment name but leaves sendToSegment content for the server to render per member", () => {
    const rule = ruleOf(seedGraphs.backInStockRestocked);
    const trigger = makeEvent("r1", "PRODUCT_RESTOCKED", { product: "Red shoes" });
    expect(advance(fresh(rule), context(rule, { trigger })).effects).toEqual([
      {
        kind: "sendToSegment",
        nodeId: "send",
        segment: "Waitlist Red shoes",
        channel: "push",
        content: { body: "{{ event.data.product }} is back in stock" },
        options: {},
      },
    ]);
  });

  it.each([
    [{ product: "Red shoes  " }, [{ kind: "addToSegment", nodeId: "segment", segment: "Waitlist Red shoes" }]],
    [{}, [{ kind: "addToSegment", nodeId: "segment", segment: "Waitlist" }]],
  ])("adds to the rendered, trimmed segment for %j", (data, effects) => {
    const rule = ruleOf(seedGraphs.backInStockWaitlist);
    expect(advance(fresh(rule), context(rule, { trigger: makeEvent("n1", "NOTIFY_ME", data) })).effects).toEqual(effects);
  });

  it("skips a segment action whose name renders empty", () => {
    const rule = ruleOf(line(on("NOTIFY_ME"), { id: "s", type: "action", data: { kind: "removeFromSegment", segment: "{{ event.data.list }}" } }));
    const result = advance(fresh(rule), context(rule, { trigger: makeEvent("n1", "NOTIFY_ME") }));
    expect(result.effects).toEqual([]);
    expect(result.trace[0]).toMatchObject({ what: "acted", detail: expect.stringMatching(/skipped/) });
  });

  it("completes at once when the trigger leads nowhere", () => {
    const rule = ruleOf(line(on("X")));
    expect(advance(fresh(rule), context(rule))).toEqual({ outcome: { status: "completed" }, effects: [], trace: [] });
  });

  it("refuses a position the rule does not have", () => {
    expect(() => advance({ nodeId: "ghost", dueAt: null }, context(cartRule))).toThrow(/no step ghost/);
  });
});

describe("pendingCancelsFrom", () => {
  const rule = ruleOf(
    line(
      on("ONBOARDING_COMPLETE"),
      wait("d1", 1),
      { id: "c1", type: "cancel", data: { events: ["SIGNUP"] } },
      wait("d2", 1),
      { id: "c2", type: "cancel", data: { events: ["UNSUBSCRIBE"] } },
      push("a", "x"),
      { id: "c3", type: "cancel", data: { events: ["LATE"] } },
    ),
  );
  it.each([
    ["d1", ["c1", "c2"]],
    ["d2", ["c2"]],
    ["a", []],
    ["ghost", []],
  ])("from %s → %j", (nodeId, expected) => {
    expect(pendingCancelsFrom(rule, nodeId).map((step) => step.id)).toEqual(expected);
  });

  it("finds the cart abandonment's PURCHASE cancel from its delay", () => {
    expect(pendingCancelsFrom(cartRule, "delay").map((step) => step.events)).toEqual([["PURCHASE"]]);
    expect(cartRule.cancelEvents).toEqual(["PURCHASE"]);
  });

  it("lists every cancel event in the rule", () => {
    expect(rule.cancelEvents).toEqual(["LATE", "SIGNUP", "UNSUBSCRIBE"]);
  });
});


describe("setAttributes", () => {
  const setCart = (attributes: Record<string, unknown>): Spec => ({ id: "s", type: "action", data: { kind: "setAttributes", attributes } });
  const vipCheck: Spec = { id: "c", type: "condition", data: { where: [{ path: "user.attributes.last_cart_amount", op: "gte", value: 100 }] } };

  it("renders string values, keeps other JSON as it is, and removes on null; later steps see the new profile", () => {
    const rule = ruleOf(line(on("ADDTOCART"), setCart({ last_cart_amount: "{{ event.data.amount }}", vip: true, old: null }), vipCheck));
    const withOld = { ...user, attributes: { ...user.attributes, old: "x" } };
    const result = advance(fresh(rule), context(rule, { user: withOld }));
    expect(result.effects).toEqual([{ kind: "setAttributes", nodeId: "s", attributes: { last_cart_amount: "120.00", vip: true, old: null } }]);
    expect(result.trace.map((entry) => [entry.nodeId, entry.what, entry.detail])).toEqual([
      ["s", "acted", 'set last_cart_amount to "120.00", vip to true; removed old'],
      ["c", "yes", undefined],
    ]);
  });

  it("renders a message later with the profile as its step saw it, whether or not an earlier step changed it", () => {
    const setPlan = (id: string, plan: string): Spec => ({ id, type: "action", data: { kind: "setAttributes", attributes: { plan } } });
    const body = (rule: Rule, renderLater: boolean) => {
      const send = advance(fresh(rule), context(rule, { renderLater })).effects.find((e) => e.kind === "send");
      return send?.kind === "send" ? send.content.body : null;
    };
    const changed = ruleOf(line(on("ADDTOCART"), setPlan("s1", "gold"), push("p", "{{ user.attributes.plan }} {{ user.name }}"), setPlan("s2", "silver")));
    expect(body(changed, true)).toBe("gold Ann");
    expect(body(changed, false)).toBe("gold Ann");
    const unchanged = ruleOf(line(on("ADDTOCART"), push("p", "[{{ user.attributes.plan }}] {{ event.data.qty }}"), setPlan("s2", "silver")));
    expect(body(unchanged, true)).toBe("[pro] 2");
    expect(body(unchanged, false)).toBe("[pro] 2");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["no attribute", {}, "Set at least one attribute"],
    ["a template that does not parse", { a: "{{ event.data.x | nope }}" }, "This template does not parse"],
    ["an empty name", { "": 1 }, "Name the attribute"],
  ])("refuses %s at publish", (_, attributes, message) => {
    const result = validateGraph(line(on("ADDTOCART"), setCart(attributes)));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.problems)).toContain(message);
  });
});
