import { describe, expect, it } from "vitest";
import {
  audienceScope, fillSlots, laterContent, renderContent, renderMarkup, renderTemplate, slotMarks, templateCacheSize, templateError, templateErrorAt, templateScope, UNSUBSCRIBE_URL_PLACEHOLDER,
} from "./templates";
import { app, makeEvent, user } from "./test-records";
import type { Content, RenderedContent } from "./nodes/fields";

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

describe("laterContent", () => {
  const fields = (c: RenderedContent) => ({ body: c.body, title: c.title, subject: c.subject, url: c.url, format: c.format, values: c.values });

  it("reads as renderContent's result, rendered (and its scope asked for) only when first read", () => {
    let asked = 0;
    const later = (content: Content) => laterContent(content, () => (asked++, scope));
    const content = { title: "Hi {{ user.name }}", body: "{{ event.data.qty }} items" };
    const made = later(content);
    expect(asked).toBe(0);
    expect(fields(made)).toEqual(fields(renderContent(content, scope)));
    expect(made.title).toBe("Hi Ann");
    expect(asked).toBe(1);
    const markup = { subject: "S", body: "**{{ event.data.qty }}**", format: "markdown" as const };
    expect(fields(later(markup))).toEqual(fields(renderContent(markup, scope)));
    // A runaway loop throws when read, not when made.
    const runaway = later({ body: "{% for i in (1..100000000) %}x{% endfor %}" });
    expect(() => runaway.body).toThrow();
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

describe("templateErrorAt", () => {
  it.each([
    ["line one\nline two\n{% foo %}", 3, 'tag "foo" not found'],
    ["a\n\n\n{{ user.name | shout }}", 4, "undefined filter: shout"],
    ["{% if user.name %}\nHi", 1, "tag {% if user.name %} not closed"],
    ["ok\n{{ user.name", 2, 'output "{{ user.name" not closed'],
  ])("%j fails on line %i", (src, line, message) => {
    expect(templateErrorAt(src)).toEqual({ line, message });
  });

  it("is null for a template that parses", () => {
    expect(templateErrorAt("Hi {{ user.name }}")).toBeNull();
  });
});

describe("renderMarkup (markdown and MJML bodies)", () => {
  const mallory = templateScope(makeEvent("e1", "X", { url: "https://shop.example/p?a=1&b=2", qty: 2 }), { ...user, name: '<script>alert("x")</script>' }, app);

  it("escapes every output, so user data cannot add markup", () => {
    const { body, values } = renderMarkup("<p>Hi {{ user.name }}</p>", mallory);
    expect(fillSlots(body, values!, (v) => v.replace(/</g, "&lt;"))).toBe('<p>Hi &lt;script>alert("x")&lt;/script></p>');
  });

  it("sets each output aside as a slot, a URL's mark being a URL itself", () => {
    const { body, values } = renderMarkup("[Shop]({{ event.data.url }}) x{{ event.data.qty }} {{ unsubscribe_url }}", mallory);
    expect(body).toBe("[Shop](https://cueslot0x.invalid/) xcueslot1x cueslot2x");
    expect(values).toEqual(["https://shop.example/p?a=1&b=2", "2", UNSUBSCRIBE_URL_PLACEHOLDER]);
    expect(slotMarks(body).map((m) => m.slot)).toEqual([0, 1, 2]);
    expect(fillSlots(body, values!)).toBe(`[Shop](https://shop.example/p?a=1&b=2) x2 ${UNSUBSCRIBE_URL_PLACEHOLDER}`);
  });

  it("gives recipients whose templates take the same turns the same body", () => {
    const other = templateScope(makeEvent("e2", "X", { qty: 7 }), { ...user, name: "Bo" }, app);
    expect(renderMarkup("Hi {{ user.name }}, {{ event.data.qty }}", mallory).body).toBe(renderMarkup("Hi {{ user.name }}, {{ event.data.qty }}", other).body);
  });

  it("writes outputs in place, escaped, when the template captures output (a mark would be captured, not the text)", () => {
    expect(renderMarkup("{% capture n %}{{ event.data.qty }}{% endcapture %}<b>{{ n }}</b> {{ user.name }}", mallory)).toEqual({
      body: '<b>2</b> &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;',
    });
  });

  it("leaves | raw output as written", () => {
    expect(renderMarkup("{{ '<hr>' | raw }}", mallory)).toEqual({ body: "<hr>", values: [] });
  });

  it("is what renderContent does for a markup body; the subject stays plain text", () => {
    expect(renderContent({ subject: "For {{ user.name }}", body: "# {{ user.name }}", format: "markdown" }, mallory)).toEqual({
      subject: 'For <script>alert("x")</script>',
      body: "# cueslot0x",
      values: ['<script>alert("x")</script>'],
      format: "markdown",
    });
  });
});
