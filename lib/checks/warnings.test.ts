import { describe, expect, it } from "vitest";
import type { LifecycleName } from "@/lib/server/channels/lifecycle";
import type { Forecast } from "./check-result";
import { on, ruleOf, send, step } from "./test-rules";
import { CUE_RECORDED_EVENTS, checkWarnings, listenedEvents, type WarningInput } from "./warnings";

const quiet: Forecast = { messagesPerDay: 0, byChannel: {}, notes: [] };
const input = (extra: Partial<WarningInput> = {}): WarningInput => ({ logged: new Map(), live: [], users: 1000, forecast: quiet, ...extra });

const cart = ruleOf(
  [on("ADD_TO_CART"), step("d", "delay", { amount: 1, unit: "days" }), step("c", "cancel", { events: ["PURCHASE", "ORDER"] }), send("s")],
  [["t", "d"], ["d", "c"], ["c", "s"]],
);

describe("unseen_event", () => {
  it("names a trigger event not logged lately and suggests the logged spelling", () => {
    const warnings = checkWarnings(cart, input({ logged: new Map([["ADDTOCART", 40], ["PURCHASE", 3], ["ORDER", 1]]) }));
    expect(warnings).toEqual([
      {
        code: "unseen_event",
        nodeId: "t",
        message: "ADD_TO_CART has not been logged in the last 30 days. Did you mean ADDTOCART?",
        suggestions: ["ADDTOCART"],
      },
    ]);
  });

  it("checks cancel and wait events too, and says what an unseen one means when nothing is close", () => {
    const rule = ruleOf(
      [on("SIGNUP"), step("w", "wait", { event: "FIRST_ORDER", within: { amount: 1, unit: "days" } }), send("s")],
      [["t", "w"], ["w", "s", "no"]],
    );
    expect(checkWarnings(rule, input({ logged: new Map([["SIGNUP", 2]]) }))).toEqual([
      {
        code: "unseen_event",
        nodeId: "w",
        message: "FIRST_ORDER has not been logged in the last 30 days. Until the app logs it, every wait here ends on no.",
      },
    ]);
    const cancels = checkWarnings(cart, input({ logged: new Map([["ADD_TO_CART", 2]]) }));
    expect(cancels.map((w) => [w.nodeId, w.message])).toEqual([
      ["c", "PURCHASE has not been logged in the last 30 days. Until the app logs it, nothing cancels here."],
      ["c", "ORDER has not been logged in the last 30 days. Until the app logs it, nothing cancels here."],
    ]);
  });

  it("never flags the names Cue records itself, but suggests them for a misspelling", () => {
    const opened = ruleOf([on("message.opened"), send("s")], [["t", "s"]]);
    expect(checkWarnings(opened, input())).toEqual([]);
    const misspelt = ruleOf([on("message.open"), send("s")], [["t", "s"]]);
    expect(checkWarnings(misspelt, input())[0]).toMatchObject({ suggestions: ["message.opened"] });
  });

  it("flags an inactivity trigger on app.open when the app never logs it (the SDK's name, not Cue's)", () => {
    const dormant = ruleOf([{ id: "t", type: "trigger", data: { kind: "inactivity", event: "app.open", days: 30 } }, send("s")], [["t", "s"]]);
    expect(checkWarnings(dormant, input())[0]?.message).toBe(
      "app.open has not been logged in the last 30 days. Inactivity counts from each user's last app.open, so no one would enter.",
    );
    expect(checkWarnings(dormant, input({ logged: new Map([["app.open", 1]]) }))).toEqual([]);
  });

  it("lists every lifecycle name Cue records as its own", () => {
    const lifecycle: Record<LifecycleName, true> = { "message.sent": true, "message.failed": true, "message.opened": true, "message.clicked": true, "message.replied": true };
    for (const name of [...Object.keys(lifecycle), "user.subscribed", "user.unsubscribed"]) expect(CUE_RECORDED_EVENTS).toContain(name);
    expect(listenedEvents(cart).map((e) => `${e.role}:${e.event}`)).toEqual(["trigger:ADD_TO_CART", "cancel:PURCHASE", "cancel:ORDER"]);
  });
});

describe("overlap", () => {
  const logged = new Map([["PURCHASE", 10]]);
  const draft = ruleOf([on("PURCHASE"), send("a"), send("b", "email")], [["t", "a"], ["a", "b"]]);

  it("names a live connector on the same event that sends on a shared channel", () => {
    const live = [
      { id: "con_1", name: "Order confirmation", rule: ruleOf([on("PURCHASE"), send("s", "email")], [["t", "s"]]) },
      { id: "con_2", name: "SMS receipts", rule: ruleOf([on("PURCHASE"), send("s", "sms")], [["t", "s"]]) },
      { id: "con_3", name: "Cart", rule: ruleOf([on("ADDTOCART"), send("s")], [["t", "s"]]) },
    ];
    expect(checkWarnings(draft, input({ logged, live }))).toEqual([
      {
        code: "overlap",
        nodeId: "t",
        connectorId: "con_1",
        message: "“Order confirmation” is live, also starts on PURCHASE and sends by email: the same users may get both messages.",
      },
    ]);
  });

  it("compares inactivity triggers with inactivity triggers only", () => {
    const dormant = (days: number) => ruleOf([{ id: "t", type: "trigger", data: { kind: "inactivity", event: "app.open", days } }, send("s")], [["t", "s"]]);
    const live = [
      { id: "con_a", name: "We miss you", rule: dormant(14) },
      { id: "con_b", name: "On open", rule: ruleOf([on("app.open"), send("s")], [["t", "s"]]) },
    ];
    const warnings = checkWarnings(dormant(30), input({ logged: new Map([["app.open", 5]]), live }));
    expect(warnings.map((w) => w.connectorId)).toEqual(["con_a"]);
    expect(warnings[0]?.message).toContain("also starts on inactivity in app.open and sends by push");
  });
});

describe("volume", () => {
  const rule = ruleOf([on("SIGNUP"), send("s")], [["t", "s"]]);
  const logged = new Map([["SIGNUP", 1]]);
  const forecast = (messagesPerDay: number): Forecast => ({ messagesPerDay, byChannel: { push: messagesPerDay }, notes: [] });

  it("warns above 10% of the application's users a day", () => {
    expect(checkWarnings(rule, input({ logged, users: 500, forecast: forecast(120) }))).toEqual([
      {
        code: "volume",
        message: "About 120 messages a day is 24% of the application's 500 users every day; above 10% a day, people tire of messages and unsubscribe.",
      },
    ]);
  });

  it("stays quiet at or below 10%, and for an application without users", () => {
    expect(checkWarnings(rule, input({ logged, users: 500, forecast: forecast(50) }))).toEqual([]);
    expect(checkWarnings(rule, input({ logged, users: 0, forecast: forecast(50) }))).toEqual([]);
  });
});
