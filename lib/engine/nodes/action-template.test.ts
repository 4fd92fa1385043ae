// A send that names a saved template: what the canvas accepts without the templates, what
// publish refuses with them (gone, another channel), and the texts the rule carries.
import { describe, expect, it } from "vitest";
import { advance } from "../execute";
import { validateGraph, templateIdsOf, type Graph } from "../graph";
import { app, makeEvent, T0, user } from "../test-records";
import type { TemplateContent } from "./fields";

const welcome: TemplateContent = {
  id: "tpl_welcome", name: "Welcome", channel: "email", format: "mjml",
  title: null, subject: "Welcome, {{ user.name }}", body: "<mjml><mj-body><mj-text>Hi {{ user.name }}</mj-text></mj-body></mjml>",
};
const nudge: TemplateContent = { id: "tpl_nudge", name: "Nudge", channel: "push", format: "text", title: "Psst", subject: null, body: "{{ event.data.product }} is back" };
const templates = new Map([welcome, nudge].map((t) => [t.id, t]));

const graph = (action: Record<string, unknown>): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP" } },
    { id: "a", type: "action", position: { x: 0, y: 100 }, data: action },
  ],
  edges: [{ id: "e", source: "t", target: "a" }],
});

describe("a send naming a template", () => {
  it("needs neither a body nor an email subject of its own", () => {
    const result = validateGraph(graph({ kind: "send", channel: "email", template: "tpl_welcome" }), { templates });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("copies the template's texts and format into the compiled step; the node's url still applies", () => {
    const result = validateGraph(graph({ kind: "send", channel: "push", template: "tpl_nudge", body: "stale inline text", url: "https://shop.example/{{ event.data.product }}" }), { templates });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.rule.steps.a).toMatchObject({ action: { kind: "send", channel: "push", content: { title: "Psst", body: "{{ event.data.product }} is back", url: "https://shop.example/{{ event.data.product }}" } } });
    const mjml = validateGraph(graph({ kind: "sendToSegment", segment: "VIP", channel: "email", template: "tpl_welcome" }), { templates });
    if (!mjml.ok) throw new Error(JSON.stringify(mjml.problems));
    expect(mjml.rule.steps.a).toMatchObject({ action: { content: { subject: welcome.subject, body: welcome.body, format: "mjml" } } });
  });

  it("is refused on the node when the template is gone or made for another channel", () => {
    const gone = validateGraph(graph({ kind: "send", channel: "email", template: "tpl_deleted" }), { templates });
    expect(gone.ok ? [] : gone.problems).toEqual([
      { nodeId: "a", path: "nodes.a.data.template", message: "No template tpl_deleted: it was deleted, or never existed in this application" },
    ]);
    const other = validateGraph(graph({ kind: "send", channel: "sms", template: "tpl_welcome" }), { templates });
    expect(other.ok ? [] : other.problems).toEqual([
      { nodeId: "a", path: "nodes.a.data.template", message: 'The template "Welcome" is for email; this step sends sms' },
    ]);
  });

  it("still needs its own body (and an email's subject) without a template; an empty choice means none", () => {
    const result = validateGraph(graph({ kind: "send", channel: "email", template: "" }), { templates });
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(["nodes.a.data.body: Write the message", "nodes.a.data.subject: An email needs a subject"]);
  });

  it("lists a missing body beside another field's problem", () => {
    const result = validateGraph(graph({ kind: "send", channel: "fax" }));
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(["nodes.a.data.channel", "nodes.a.data.body"]);
  });

  it("is not checked against templates the canvas has not loaded", () => {
    expect(validateGraph(graph({ kind: "send", channel: "email", template: "tpl_anything" })).ok).toBe(true);
  });

  it("names the ids the server must load", () => {
    expect(templateIdsOf(graph({ kind: "send", channel: "email", template: " tpl_welcome " }))).toEqual(["tpl_welcome"]);
    expect(templateIdsOf(graph({ kind: "send", channel: "email", template: "", body: "x", subject: "y" }))).toEqual([]);
  });

  it("renders an MJML template's body with escaped outputs set aside as slots, its subject as plain text", () => {
    const result = validateGraph(graph({ kind: "send", channel: "email", template: "tpl_welcome" }), { templates });
    if (!result.ok) throw new Error("expected ok");
    const mallory = { ...user, name: "<b>Mallory</b>" };
    const event = makeEvent("e1", "SIGNUP");
    const { effects } = advance(
      { nodeId: result.rule.entry, dueAt: null },
      { now: T0, connectorId: "con1", rule: result.rule, trigger: event, user: mallory, app, laterEvents: [] },
    );
    expect(effects).toEqual([
      {
        kind: "send", nodeId: "a", channel: "email", options: {},
        content: { subject: "Welcome, <b>Mallory</b>", body: "<mjml><mj-body><mj-text>Hi cueslot0x</mj-text></mj-body></mjml>", values: ["<b>Mallory</b>"], format: "mjml" },
      },
    ]);
  });
});
