// A template is refused naming the field and the line: Liquid in any field, MJML's
// validator in an MJML body (its lines mapped back through Liquid), mj-include, and a body
// MJML cannot read at all.
import { describe, expect, it } from "vitest";
import { STARTER_MARKDOWN, STARTER_MJML } from "@/lib/templates/starter";
import { sourceLine, templateProblems } from "./template-check";

const app = { id: "app1", name: "Shop" };
const now = new Date("2026-12-01T10:00:00Z");
const check = (template: Parameters<typeof templateProblems>[0]) => templateProblems(template, app, now);

const mjml = (...lines: string[]) => ["<mjml>", "  <mj-body>", ...lines, "  </mj-body>", "</mjml>"].join("\n");

describe("templateProblems", () => {
  it("accepts the starter layouts", async () => {
    expect(await check({ format: "mjml", subject: "Hi", body: STARTER_MJML })).toEqual([]);
    expect(await check({ format: "markdown", subject: "Hi", body: STARTER_MARKDOWN })).toEqual([]);
  });

  it("names the field and line of a Liquid error, in every field", async () => {
    expect(await check({ format: "text", subject: "Hi {{ user.name | shout }}", body: "one\ntwo\n{% iff x %}" })).toEqual([
      { path: "subject", message: "line 1: undefined filter: shout" },
      { path: "body", message: 'line 3: tag "iff" not found' },
    ]);
  });

  it("checks Liquid before MJML", async () => {
    expect(await check({ format: "mjml", body: mjml("    <mj-section>", "      {{ user.name", "    </mj-section>") })).toEqual([
      { path: "body", message: expect.stringMatching(/^line 4: output "\{\{ user\.name.*" not closed$/) },
    ]);
  });

  it("names the line of each MJML validation error", async () => {
    const body = mjml(
      "    <mj-section>",
      "      <mj-column>",
      '        <mj-text colour="red">Hi {{ user.name }}</mj-text>',
      "      </mj-column>",
      "    </mj-section>",
      "    <mj-column><mj-text>Loose</mj-text></mj-column>",
    );
    expect(await check({ format: "mjml", body })).toEqual([
      { path: "body", message: "line 5: Attribute colour is illegal" },
      { path: "body", message: "line 8: mj-column cannot be used inside mj-body, only inside: mj-attributes, mj-group, mj-section" },
    ]);
  });

  it("finds the template's line when Liquid dropped lines before the error", async () => {
    const body = mjml(
      "    {% if user.attributes.vip %}",
      "    <mj-section><mj-column><mj-text>VIP</mj-text></mj-column></mj-section>",
      "    {% endif %}",
      "    <mj-section>",
      "      <mj-column>",
      '        <mj-image src="https://x.example/a.png" wdth="10px" />',
      "      </mj-column>",
      "    </mj-section>",
    );
    // Rendered for the sample user (no vip) the output is two lines shorter; the line is found by its text.
    expect(await check({ format: "mjml", body })).toEqual([{ path: "body", message: "line 8: Attribute wdth is illegal" }]);
  });

  it("refuses mj-include, which would read the server's files", async () => {
    const problems = await check({ format: "mjml", body: mjml('    <mj-include path="/etc/passwd" />') });
    expect(problems[0]).toEqual({ path: "body", message: "line 3: mj-include is not supported: a template cannot read files; paste the part in" });
  });

  it("refuses a body MJML cannot read, on line 1", async () => {
    expect(await check({ format: "mjml", body: "Hello {{ user.name }}" })).toEqual([{ path: "body", message: expect.stringMatching(/^line 1: .*mjml/i) }]);
  });

  it("does not check a markdown or text body as MJML", async () => {
    expect(await check({ format: "markdown", body: "<mj-column>not mjml</mj-column>" })).toEqual([]);
    expect(await check({ format: "text", body: "<mjml>" })).toEqual([]);
  });
});

describe("sourceLine", () => {
  it("is the same line while Liquid kept the line count", () => {
    expect(sourceLine(2, "a\nb\nc", "a\n{{ x }}\nc")).toBe(2);
  });

  it("finds a line by its text when lines were dropped, and gives up when it is not unique", () => {
    expect(sourceLine(2, "a\n<mj-text x>", "a\n{% if v %}\nvip\n{% endif %}\n<mj-text x>")).toBe(5);
    expect(sourceLine(1, "<p>\n", "<p>\n{% if v %}\n<p>\n{% endif %}")).toBeNull();
  });
});
