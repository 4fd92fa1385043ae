import { describe, expect, it } from "vitest";
import { exampleEvent, problemLines, templateTexts, type TemplateDraft } from "./template-draft";

const draft: TemplateDraft = { name: " Welcome ", channel: "email", format: "mjml", title: "Old push title", subject: "Hi {{ user.name }}", body: "<mjml></mjml>" };

describe("templateTexts", () => {
  it("sends an email's subject and format and clears the title it cannot show", () => {
    expect(templateTexts(draft)).toEqual({ name: "Welcome", channel: "email", format: "mjml", title: null, subject: "Hi {{ user.name }}", body: "<mjml></mjml>" });
  });

  it("sends a push's title as text, whatever format was picked while it was an email", () => {
    expect(templateTexts({ ...draft, channel: "push" })).toEqual({ name: "Welcome", channel: "push", format: "text", title: "Old push title", subject: null, body: "<mjml></mjml>" });
  });

  it("clears blank titles and subjects instead of saving whitespace", () => {
    expect(templateTexts({ ...draft, channel: "push", title: "  " }).title).toBeNull();
    expect(templateTexts({ ...draft, subject: "" }).subject).toBeNull();
  });
});

describe("problemLines", () => {
  const problems = [
    { path: "subject", message: "line 1: output not closed" },
    { path: "body", message: "line 3: tag {% if %} not closed" },
    { path: "body", message: "line 40 of the rendered MJML: mj-column cannot be used inside mj-body" },
    { path: "body", message: "does not render: limit exceeded" },
  ];

  it("splits the line off one field's problems and keeps the ones without a source line", () => {
    expect(problemLines(problems, "body")).toEqual([
      { line: 3, message: "tag {% if %} not closed" },
      { line: null, message: "line 40 of the rendered MJML: mj-column cannot be used inside mj-body" },
      { line: null, message: "does not render: limit exceeded" },
    ]);
    expect(problemLines(problems, "subject")).toEqual([{ line: 1, message: "output not closed" }]);
    expect(problemLines(problems, "title")).toEqual([]);
  });
});

describe("exampleEvent", () => {
  it("is no event while both fields are empty", () => {
    expect(exampleEvent("", "  ")).toEqual({});
  });
  it("takes a name alone, or a name with its data", () => {
    expect(exampleEvent(" PURCHASE ", "")).toEqual({ event: { event: "PURCHASE" } });
    expect(exampleEvent("PURCHASE", '{ "amount": 120 }')).toEqual({ event: { event: "PURCHASE", data: { amount: 120 } } });
    expect(exampleEvent("", '{ "product": "Kettle" }')).toEqual({ event: { data: { product: "Kettle" } } });
  });
  it("says what is wrong with data that is not a JSON object", () => {
    expect(exampleEvent("PURCHASE", '{ "amount": ')).toEqual({ error: "Not valid JSON yet" });
    expect(exampleEvent("PURCHASE", "[1, 2]").error).toMatch(/Write an object/);
    expect(exampleEvent("PURCHASE", "null").error).toMatch(/Write an object/);
  });
});
