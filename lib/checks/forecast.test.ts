import { describe, expect, it } from "vitest";
import { forecastRule, formatPerDay, segmentSizeFor } from "./forecast";
import { on, ruleOf, send, step } from "./test-rules";

const noSegments = { segmentSize: () => 0 };

describe("forecastRule", () => {
  it("counts one message per entry for each send on the path, by channel", () => {
    const rule = ruleOf([on("PURCHASE"), send("push"), send("mail", "email")], [["t", "push"], ["push", "mail"]]);
    expect(forecastRule(rule, { triggerPerDay: 100, ...noSegments })).toEqual({ messagesPerDay: 200, byChannel: { push: 100, email: 100 }, notes: [] });
  });

  it("passes everyone through delays and cancels, and says cancels are not subtracted", () => {
    const rule = ruleOf(
      [on("ADDTOCART"), step("d", "delay", { amount: 24, unit: "hours" }), step("c", "cancel", { events: ["PURCHASE"] }), send("s")],
      [["t", "d"], ["d", "c"], ["c", "s"]],
    );
    const forecast = forecastRule(rule, { triggerPerDay: 40, ...noSegments });
    expect(forecast.messagesPerDay).toBe(40);
    expect(forecast.notes).toContain("Users a cancel step would stop are not subtracted.");
  });

  it("shares entries out by a split's weights; a holdout sends nothing", () => {
    const rule = ruleOf(
      [on("SIGNUP"), step("x", "split", { branches: [{ key: "a", weight: 45 }, { key: "b", weight: 45 }, { key: "control", weight: 10 }] }), send("a"), send("b", "email")],
      [["t", "x"], ["x", "a", "a"], ["x", "b", "b"]],
    );
    expect(forecastRule(rule, { triggerPerDay: 200, ...noSegments })).toMatchObject({ messagesPerDay: 180, byChannel: { push: 90, email: 90 } });
  });

  it("counts the branch of a condition or a wait that sends more, so the total stays an upper bound", () => {
    const rule = ruleOf(
      [
        on("ADDTOCART"),
        step("w", "wait", { event: "PURCHASE", within: { amount: 1, unit: "days" } }),
        send("thanks"),
        send("remind1", "email"),
        send("remind2", "sms"),
      ],
      [["t", "w"], ["w", "thanks", "yes"], ["w", "remind1", "no"], ["remind1", "remind2"]],
    );
    const forecast = forecastRule(rule, { triggerPerDay: 10, ...noSegments });
    expect(forecast).toMatchObject({ messagesPerDay: 20, byChannel: { push: 0, email: 10, sms: 10 } });
    expect(forecast.notes).toContain("Where a condition or a wait branches, the branch that sends more is counted.");
  });

  it("sends a segment's members per entry for sendToSegment", () => {
    const rule = ruleOf(
      [on("PRODUCT_RESTOCKED"), step("s", "action", { kind: "sendToSegment", segment: "Waitlist {{ event.data.product }}", channel: "push", body: "Back" })],
      [["t", "s"]],
    );
    const forecast = forecastRule(rule, { triggerPerDay: 2, segmentSize: (name) => (name === "Waitlist {{ event.data.product }}" ? 25 : 0) });
    expect(forecast).toMatchObject({ messagesPerDay: 50, byChannel: { push: 50 } });
    expect(forecast.notes).toContain("A segment named by a template counts as the average size of the segments whose names fit it.");
  });

  it("counts one entry per atLeast events, and says filters are not applied", () => {
    const rule = ruleOf([on("VIEWPRODUCT", { occurrences: { atLeast: 2 }, where: [{ path: "price", op: "gt", value: 10 }] }), send("s")], [["t", "s"]]);
    const forecast = forecastRule(rule, { triggerPerDay: 30, ...noSegments });
    expect(forecast.messagesPerDay).toBe(15);
    expect(forecast.notes).toEqual(["The trigger's filters are not applied: fewer users may enter.", "One entry is counted per 2 VIEWPRODUCT events."]);
  });

  it("counts nothing, and says so, when the trigger cannot be estimated", () => {
    const rule = ruleOf([{ id: "t", type: "trigger", data: { kind: "inactivity", event: "page.view", days: 7 } }, send("s")], [["t", "s"]]);
    const forecast = forecastRule(rule, { triggerPerDay: null, ...noSegments });
    expect(forecast).toMatchObject({ messagesPerDay: 0, byChannel: { push: 0 } });
    expect(forecast.notes[0]).toContain("cannot be read from the rollups for page.view");
  });

  it("leaves out actions that send nothing and rounds to one decimal", () => {
    const rule = ruleOf(
      [on("NOTIFY_ME"), step("seg", "action", { kind: "addToSegment", segment: "Waitlist" }), send("s", "webhook", { url: "https://example.com" })],
      [["t", "seg"], ["seg", "s"]],
    );
    expect(forecastRule(rule, { triggerPerDay: 1 / 3, ...noSegments })).toEqual({ messagesPerDay: 0.3, byChannel: { webhook: 0.3 }, notes: [] });
  });
});

describe("segmentSizeFor", () => {
  const segments = [
    { name: "Waitlist shoes", members: 10 },
    { name: "Waitlist hats", members: 30 },
    { name: "VIP", members: 7 },
    { name: "Waitlist", members: 1000 },
  ];

  it("reads a plain name's members, 0 for an unknown segment", () => {
    expect(segmentSizeFor("VIP", segments)).toBe(7);
    expect(segmentSizeFor("Nobody", segments)).toBe(0);
  });

  it("averages the segments a templated name fits", () => {
    expect(segmentSizeFor("Waitlist {{ event.data.product }}", segments)).toBe(20);
    expect(segmentSizeFor("{{ event.data.tier }}", [{ name: "gold", members: 4 }, { name: "silver", members: 2 }])).toBe(3);
    expect(segmentSizeFor("Waitlist {{ event.data.product }} (EU)", segments)).toBe(0);
  });
});

describe("formatPerDay", () => {
  it.each([
    [0, "0"],
    [0.34, "0.3"],
    [4.55, "4.6"],
    [9.96, "10"],
    [120.4, "120"],
    [1250, "1,250"],
  ])("%s reads %s", (n, text) => {
    expect(formatPerDay(n)).toBe(text);
  });
});
