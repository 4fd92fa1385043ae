import { describe, expect, it } from "vitest";
import { audienceScope, renderContent, renderTemplate, templateCacheSize, templateError, templateScope, UNSUBSCRIBE_URL_PLACEHOLDER } from "./templates";
import { app, makeEvent, user } from "./test-records";

const scope = templateScope(makeEvent("e1", "ADDTOCART", { qty: "2", amount: "120.00", items: [{ sku: "X1" }] }), user, app);

describe("renderTemplate", () => {
  it.each([
    ["You left {{ event.data.qty }} items ({{ event.data.amount }})", "You left 2 items (120.00)"],
    ["{{ event.data.items[0].sku }}", "X1"],
    ["Hi {{ user.name }} from {{ user.attributes.city }}", "Hi Ann from Lisbon"],
    ["{{ app.name }}", "Shop"],
    ["{{ event.event }} at {{ event.timestamp }}", "ADDTOCART at 2026-11-26T10:00:00.000Z"],
    ["[{{ event.data.missing }}]", "[]"],
    ["[{{ user.attributes.nothing.deeper }}]", "[]"],
    ["[{{ event.data.constructor }}{{ user.toString }}]", "[]"],
    ["{{ event.data.missing | default: 'friend' }}", "friend"],
    ["{{ user.name | upcase }}", "ANN"],
    ["{{ event.timestamp | date: '%H:%M' }}", "10:00"],
  ])("%s → %s", (src, expected) => {
    expect(renderTemplate(src, scope)).toBe(expected);
  });

  it("stops runaway loops", () => {
    expect(() => renderTemplate("{% for i in (1..99999999) %}x{% endfor %}", scope)).toThrow();
  });
});

describe("templateError", () => {
  it.each([
    ["plain text", true],
    ["{{ event.data.name }}", true],
    ["{% if user.name %}Hi{% endif %}", true],
    ["{{ event.data.name", false],
    ["{{ user.name | shout }}", false],
    ["{% if %}", false],
    ["{% include 'secrets' %}", false],
    ["{% render 'secrets' %}", false],
    ["{% layout 'secrets' %}", false],
  ])("%s parses: %s", (src, parses) => {
    expect(templateError(src) === null).toBe(parses);
  });
});

describe("renderContent", () => {
  it("renders the fields that are set and leaves the others out", () => {
    expect(renderContent({ title: "Hi {{ user.name }}", body: "{{ event.data.qty }} items" }, scope)).toEqual({
      title: "Hi Ann",
      body: "2 items",
    });
  });
});

describe("audienceScope", () => {
  it("renders the member and the app, and event fields as empty, for a campaign", () => {
    expect(renderTemplate("Hi {{ user.name }} from {{ app.name }}[{{ event.data.qty }}]", audienceScope(user, app))).toBe("Hi Ann from Shop[]");
  });
});

describe("unsubscribe_url", () => {
  it("renders as the marker delivery replaces with the message's signed link, in both scopes", () => {
    expect(renderTemplate("Leave: {{ unsubscribe_url }}", scope)).toBe(`Leave: ${UNSUBSCRIBE_URL_PLACEHOLDER}`);
    expect(renderTemplate("{{unsubscribe_url}}", audienceScope(user, app))).toBe(UNSUBSCRIBE_URL_PLACEHOLDER);
  });
});

describe("the parse cache", () => {
  it("stays bounded", () => {
    for (let i = 0; i < 1100; i++) templateError(`template ${i} {{ user.name }}`);
    expect(templateCacheSize()).toBeLessThanOrEqual(1000);
  });
});
