import { describe, expect, it } from "vitest";
import { describeNode } from "./registry";
import { seedGraphs } from "../seed-graphs";

describe("describeNode", () => {
  it.each<[string, unknown, string]>([
    ["trigger", { kind: "event", event: "ADDTOCART" }, "When ADDTOCART"],
    ["trigger", { kind: "event", event: "VIEWPRODUCT", occurrences: { atLeast: 2, sameValueOf: "product" } }, "When VIEWPRODUCT happens 2 times with the same product"],
    ["trigger", { kind: "event", event: "VIEWPRODUCT", occurrences: { atLeast: 3, withinHours: 48 } }, "When VIEWPRODUCT happens 3 times within 2 days"],
    ["trigger", { kind: "event", event: "PURCHASE", where: [{ path: "amount", op: "gte", value: 100 }] }, "When PURCHASE where amount is at least 100"],
    ["trigger", { kind: "inactivity", event: "app.open", days: 30 }, "No app.open for 30 days"],
    ["trigger", { kind: "inactivity", days: 1 }, "No app.open for 1 day"],
    ["delay", { amount: 24, unit: "hours" }, "Wait 24 hours"],
    ["delay", { amount: 1, unit: "days" }, "Wait 1 day"],
    ["delay", { amount: 90, unit: "minutes" }, "Wait 90 minutes"],
    ["cancel", { events: ["PURCHASE"] }, "Cancel if PURCHASE"],
    ["cancel", { events: ["SIGNUP", "PURCHASE"], sameValueOf: ["order_nr"] }, "Cancel if SIGNUP or PURCHASE with the same order_nr"],
    ["condition", { where: [{ path: "event.data.amount", op: "gte", value: 100 }] }, "If event.data.amount is at least 100"],
    [
      "condition",
      { where: [{ path: "user.attributes.plan", op: "in", value: ["pro", "team"] }, { path: "user.email", op: "exists" }], match: "any" },
      "If user.attributes.plan is one of pro, team or user.email is set",
    ],
    ["action", { kind: "send", channel: "push", body: "Only a few left" }, "Push: Only a few left"],
    ["action", { kind: "send", channel: "push", title: "Hurry", body: "Only a few left" }, "Push: Hurry"],
    ["action", { kind: "send", channel: "email", subject: "Order {{ event.data.order_nr }} confirmed", body: "Thanks" }, "Email: Order {{ event.data.order_nr }} confirmed"],
    ["action", { kind: "send", channel: "sms", body: "x".repeat(100) }, `SMS: ${"x".repeat(59)}…`],
    ["action", { kind: "addToSegment", segment: "Waitlist {{ event.data.product }}" }, "Add to segment Waitlist {{ event.data.product }}"],
    ["action", { kind: "removeFromSegment", segment: "VIP" }, "Remove from segment VIP"],
    ["action", { kind: "sendToSegment", segment: "VIP", channel: "push", body: "Back" }, "Send to segment VIP by push: Back"],
  ])("%s %j → %s", (type, data, expected) => {
    expect(describeNode(type, data)).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    ["trigger", {}, "When …"],
    ["trigger", null, "When …"],
    ["delay", { amount: "soon" }, "Wait …"],
    ["cancel", { events: "PURCHASE" }, "Cancel if …"],
    ["condition", { where: [{ op: "nope" }] }, "If … …"],
    ["condition", { where: [{ path: "event.data.x", op: "eq" }] }, "If event.data.x is …"],
    ["action", { kind: "send", channel: "constructor" }, "Send: …"],
    ["action", {}, "Action …"],
    ["mystery", {}, "…"],
  ])("drafts never throw: %s %j → %s", (type, data, expected) => {
    expect(describeNode(type, data)).toBe(expected);
  });

  it.each<[keyof typeof seedGraphs, string]>([
    ["welcome", "When ONBOARDING_COMPLETE → Push: Welcome"],
    ["signupReminder", "When ONBOARDING_COMPLETE → Wait 24 hours → Cancel if SIGNUP → Push: You're almost there: finish signing up to get started"],
    ["signupWelcome", "When SIGNUP → Push: Welcome aboard, {{ event.data.name }}"],
    ["productScarcity", "When VIEWPRODUCT happens 2 times with the same product → Push: Only a few left"],
    ["backInStockWaitlist", "When NOTIFY_ME → Add to segment Waitlist {{ event.data.product }}"],
    ["backInStockRestocked", "When PRODUCT_RESTOCKED → Send to segment Waitlist {{ event.data.product }} by push: {{ event.data.product }} is back in stock"],
    ["dormantUsers", "No app.open for 30 days → Push: We miss you"],
    ["cartAbandonment", "When ADDTOCART → Wait 24 hours → Cancel if PURCHASE → Push: You left {{ event.data.qty }} items ({{ event.data.amount }…"],
    ["orderConfirmation", "When PURCHASE → Email: Order {{ event.data.order_nr }} confirmed"],
    ["shippingStatus", "When SHIPPING → Push: Your order is {{ event.data.status }}"],
  ])("summarises the %s seed", (key, expected) => {
    expect(seedGraphs[key].nodes.map((node) => describeNode(node.type, node.data)).join(" → ")).toBe(expected);
  });

  it("names a send's template by its name when the canvas knows it, by its id otherwise", () => {
    const send = { kind: "send", channel: "email", template: "tpl_1" };
    const templateName = (id: string) => (id === "tpl_1" ? "Cart reminder" : undefined);
    expect(describeNode("action", send, { templateName })).toBe("Email: template Cart reminder");
    expect(describeNode("action", send)).toBe("Email: template tpl_1");
    expect(describeNode("action", { ...send, template: "tpl_gone" }, { templateName })).toBe("Email: template tpl_gone");
    expect(describeNode("action", { ...send, subject: "Own words" }, { templateName })).toBe("Email: Own words");
  });
});
