// Templates (API.md "Templates") end to end: CRUD, refusals that name the field and the
// line, rendering for a real user and event, and email built from markdown and MJML
// templates as a real SMTP server receives it — a connector's send and a campaign, each
// with its HTML, a text part, the unsubscribe link, tracked links and the open pixel.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { readTrackingToken } from "@/lib/server/channels/tracking";
import { STARTER_MJML } from "@/lib/templates/starter";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { call, createTestApp, type TestApp } from "./api-client";
import { messagesOf, publishConnector, send, tick } from "./engine-helpers";

const mails: ParsedMail[] = [];
let smtp: SmtpSink;
let port = 0;
let t: TestApp;

beforeAll(async () => {
  process.env.CUE_ALLOW_PRIVATE_NETWORK = "1"; // the SMTP server lives on 127.0.0.1
  smtp = await startSmtpSink(mails);
  port = smtp.port;
  t = await createTestApp("Templates");
  const put = await t.master("PUT", "/api/v1/channels/email", { provider: "smtp", config: { host: "127.0.0.1", port, from: "Shop <shop@example.com>" } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
});
afterAll(() => smtp.close());

type Template = { id: string; name: string; channel: string; format: string; title: string | null; subject: string | null; body?: string };

async function createTemplate(body: Record<string, unknown>): Promise<Template> {
  const res = await t.master("POST", "/api/v1/templates", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Template;
}

const mailsTo = (email: string) => mails.filter((m) => m.to && "text" in m.to && m.to.text.includes(email));

/** The header's URL, as RFC 8058 puts it: <url>. */
function listUnsubscribe(mail: ParsedMail): string {
  const line = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
  const url = line.slice(line.indexOf(":") + 1).replace(/\r?\n(?=[ \t])/g, "").trim().match(/^<(.+)>$/)?.[1];
  expect(url, line).toMatch(/^http:\/\/localhost:3000\/u\//);
  return url!;
}

/** Each link of the HTML: where a tracked one leads, or the href itself. */
function links(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)].map(([, href]) => {
    const token = href!.match(/^http:\/\/localhost:3000\/api\/t\/c\/(.+)$/)?.[1];
    return token ? `tracked ${readTrackingToken(token)?.u}` : href!.replaceAll("&amp;", "&");
  });
}

const sendOn = (event: string, action: Record<string, unknown>): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    { id: "mail", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", ...action } },
  ],
  edges: [{ id: "e1", source: "t", target: "mail" }],
});

describe("the templates API", () => {
  it("creates, lists by channel (without bodies), reads, updates and deletes", async () => {
    const email = await createTemplate({ name: "CRUD welcome", channel: "email", format: "markdown", subject: "Hi {{ user.name }}", body: "# Welcome" });
    expect(email).toMatchObject({ id: expect.stringMatching(/^tpl_/), name: "CRUD welcome", channel: "email", format: "markdown", subject: "Hi {{ user.name }}", title: null, body: "# Welcome" });
    const push = await createTemplate({ name: "CRUD nudge", channel: "push", title: "Psst", body: "Come back" });
    expect(push.format).toBe("text");

    const all = await t.master("GET", "/api/v1/templates");
    expect(all.status).toBe(200);
    expect(all.body.templates.map((x: Template) => x.name)).toEqual(expect.arrayContaining(["CRUD welcome", "CRUD nudge"]));
    expect(all.body.templates.every((x: Template) => !("body" in x))).toBe(true);
    const emails = await t.master("GET", "/api/v1/templates?channel=email");
    expect(emails.body.templates.map((x: Template) => x.channel)).not.toContain("push");

    const one = await t.master("GET", `/api/v1/templates/${email.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ body: "# Welcome", usedBy: [] });

    const updated = await t.master("PUT", `/api/v1/templates/${email.id}`, { subject: "Welcome aboard", body: "# Aboard" });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ name: "CRUD welcome", subject: "Welcome aboard", body: "# Aboard", format: "markdown" });

    const taken = await t.master("POST", "/api/v1/templates", { name: "CRUD welcome", channel: "sms", body: "x" });
    expect(taken.status).toBe(409);
    expect((await t.master("PUT", `/api/v1/templates/${push.id}`, { name: "CRUD welcome" })).status).toBe(409);

    expect((await t.master("DELETE", `/api/v1/templates/${push.id}`)).body).toEqual({ deleted: true });
    expect((await t.master("GET", `/api/v1/templates/${push.id}`)).status).toBe(404);
  });

  it("refuses a template that does not compile with 400, naming the field and the line", async () => {
    const liquid = await t.master("POST", "/api/v1/templates", { name: "Bad liquid", channel: "email", subject: "Hi", body: "Hello\n\n{{ user.name | shout }}" });
    expect(liquid.status).toBe(400);
    expect(liquid.body.error).toEqual({
      code: "invalid_request",
      message: "body: line 3: undefined filter: shout",
      details: [{ path: "body", message: "line 3: undefined filter: shout" }],
    });

    const mjml = STARTER_MJML.replace('<mj-text font-size="22px" font-weight="bold">', '<mj-text font-size="22px" font-weigth="bold">');
    const line = STARTER_MJML.split("\n").findIndex((l) => l.includes('font-size="22px"')) + 1;
    const badMjml = await t.master("POST", "/api/v1/templates", { name: "Bad MJML", channel: "email", format: "mjml", subject: "Hi", body: mjml });
    expect(badMjml.status).toBe(400);
    expect(badMjml.body.error.details).toEqual([{ path: "body", message: `line ${line}: Attribute font-weigth is illegal` }]);
    expect(badMjml.body.error.message).toBe(`body: line ${line}: Attribute font-weigth is illegal`);

    const updateBroken = await createTemplate({ name: "Fine until edited", channel: "sms", body: "ok" });
    const put = await t.master("PUT", `/api/v1/templates/${updateBroken.id}`, { body: "one\n{% if %}" });
    expect(put.status).toBe(400);
    expect(put.body.error.details[0]).toMatchObject({ path: "body", message: expect.stringMatching(/^line 2: /) });
    expect((await t.master("GET", `/api/v1/templates/${updateBroken.id}`)).body.body).toBe("ok");

    const markdownPush = await t.master("POST", "/api/v1/templates", { name: "Markdown push", channel: "push", format: "markdown", body: "# x" });
    expect(markdownPush.status).toBe(400);
    expect(markdownPush.body.error.details).toEqual([{ path: "format", message: "markdown is for email templates; a push template is text" }]);
    const noSubject = await t.master("POST", "/api/v1/templates", { name: "No subject", channel: "email", body: "x" });
    expect(noSubject.body.error.details).toEqual([{ path: "subject", message: "An email needs a subject" }]);
    expect((await t.master("GET", "/api/v1/templates")).body.templates.map((x: Template) => x.name)).not.toContain("Bad MJML");
  });

  it("renders for a real user and event, or a sample user, escaping user data in the HTML", async () => {
    await t.app("PUT", "/api/v1/users/u_render", { email: "render@example.com", name: "Rita <Admin> & Co" });
    const template = await createTemplate({
      name: "Render me",
      channel: "email",
      format: "markdown",
      subject: "{{ event.data.product }} for {{ user.name }}",
      body: "# Hi {{ user.name }}\n\nYour [{{ event.data.product }}]({{ event.data.url }}) waits.",
    });
    const rendered = await t.master("POST", `/api/v1/templates/${template.id}/render`, {
      userId: "u_render",
      event: { event: "ADDTOCART", data: { product: "kettle", url: "https://shop.example/kettle?ref=mail&x=1" } },
    });
    expect(rendered.status, JSON.stringify(rendered.body)).toBe(200);
    expect(rendered.body.subject).toBe("kettle for Rita <Admin> & Co");
    expect(rendered.body.html).toContain("<h1>Hi Rita &lt;Admin&gt; &amp; Co</h1>");
    expect(rendered.body.html).toContain('<a href="https://shop.example/kettle?ref=mail&amp;x=1">kettle</a>');
    expect(rendered.body.text).toBe("Hi Rita <Admin> & Co\n\nYour kettle [https://shop.example/kettle?ref=mail&x=1] waits.");

    const sample = await t.master("POST", `/api/v1/templates/${template.id}/render`, {});
    expect(sample.body).toMatchObject({ subject: " for Ada", text: expect.stringContaining("Hi Ada") });
    const nobody = await t.master("POST", `/api/v1/templates/${template.id}/render`, { userId: "u_nobody" });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.details).toEqual([{ path: "userId", message: "No user has this id" }]);
    expect((await t.master("POST", "/api/v1/templates/tpl_missing/render", {})).status).toBe(404);
  });

  it("previews unsaved texts with their problems, rendering the fields that parse", async () => {
    const res = await t.master("POST", "/api/v1/templates/preview", { channel: "email", format: "markdown", subject: "Hi {{ user.name", body: "**{{ user.name }}**" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ html: expect.stringContaining("<strong>Ada</strong>"), text: "Ada", problems: [{ path: "subject", message: expect.stringMatching(/^line 1: /) }] });
    expect(res.body.subject).toBeUndefined();
  });
});

describe("a connector's send with an MJML template", () => {
  let templateId: string;
  let connectorId: string;

  beforeAll(async () => {
    const body = STARTER_MJML.replace("Write your message here.", "Your {{ event.data.product }} is waiting, {{ user.name }}.").replace(
      'href="https://example.com"',
      'href="https://shop.example/p/{{ event.data.sku }}?utm=mail&amp;x=1"',
    );
    templateId = (await createTemplate({ name: "Cart (MJML)", channel: "email", format: "mjml", subject: "{{ event.data.product }} is waiting", body })).id;
    connectorId = await publishConnector(t, "Cart MJML", sendOn("CART_MJML", { channel: "email", template: templateId }));
  });

  it("refuses to publish a send naming an unknown template, or one for another channel, naming the node", async () => {
    const unknown = await t.master("POST", "/api/v1/connectors", { name: "Unknown template", graph: sendOn("X", { channel: "email", template: "tpl_gone" }) });
    const res = await t.master("POST", `/api/v1/connectors/${unknown.body.id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { nodeId: "mail", path: "nodes.mail.data.template", message: "No template tpl_gone: it was deleted, or never existed in this application" },
    ]);
    const mismatch = await t.master("POST", "/api/v1/connectors", { name: "Wrong channel", graph: sendOn("X", { channel: "push", template: templateId }) });
    const refused = await t.master("POST", `/api/v1/connectors/${mismatch.body.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      { nodeId: "mail", path: "nodes.mail.data.template", message: 'The template "Cart (MJML)" is for email; this step sends push' },
    ]);
    // A draft naming the template counts as a use until the connector is deleted.
    expect((await t.master("GET", `/api/v1/templates/${templateId}`)).body.usedBy).toEqual([
      { id: connectorId, name: "Cart MJML", status: "active" },
      { id: mismatch.body.id, name: "Wrong channel", status: "draft" },
    ]);
    expect((await t.master("DELETE", `/api/v1/connectors/${mismatch.body.id}`)).status).toBe(200);
    // Another application's template is as unknown as a deleted one.
    const other = await createTestApp("Templates, other app");
    const theirs = await other.master("POST", "/api/v1/connectors", { name: "Borrowed", graph: sendOn("X", { channel: "email", template: templateId }) });
    expect((await other.master("POST", `/api/v1/connectors/${theirs.body.id}/publish`)).status).toBe(422);
  });

  it("delivers over SMTP an email with the rendered Liquid values in its HTML, a text part and the unsubscribe link", async () => {
    await t.app("PUT", "/api/v1/users/u_mjml", { email: "mjml@example.com", name: "Ann <b>Lee</b>" });
    await send(t, { userId: "u_mjml", event: "CART_MJML", data: { product: "Kettle", sku: "k-1" } });
    await tick(t);
    const [mail] = mailsTo("mjml@example.com");
    expect(mail, "no mail arrived").toBeDefined();
    expect(mail!.subject).toBe("Kettle is waiting");
    const html = String(mail!.html);
    const unsubscribe = listUnsubscribe(mail!);

    // The MJML layout, with the values Liquid put in (the name escaped, never markup).
    expect(html).toContain("@media only screen and (min-width:480px)");
    expect(html).toContain("Your Kettle is waiting, Ann &lt;b&gt;Lee&lt;/b&gt;.");
    expect(html).not.toContain("<b>Lee</b>");
    expect(html).toContain("Hi Ann &lt;b&gt;Lee&lt;/b&gt;,");
    // The button goes through the click redirect; the template's unsubscribe link straight to its page; no footer added.
    expect(links(html)).toEqual(["tracked https://shop.example/p/k-1?utm=mail&x=1", unsubscribe]);
    expect(html).not.toContain("Don't want these emails?");
    expect(html).toMatch(/<img src="http:\/\/localhost:3000\/api\/t\/o\/[^"]+" width="1" height="1"[^>]*><\/body>/);

    const text = mail!.text ?? "";
    expect(text).toContain("Hi Ann <b>Lee</b>,");
    expect(text).toContain("Your Kettle is waiting, Ann <b>Lee</b>.");
    expect(text).toContain("Take a look [https://shop.example/p/k-1?utm=mail&x=1]");
    expect(text).toContain(`Unsubscribe or change your preferences [${unsubscribe}]`);
    expect(text).not.toContain("<mj-");

    // The log keeps the text part as the body, and the HTML (before tracking) on the message.
    const [stored] = await messagesOf(t, { userId: "u_mjml" });
    expect(stored!.status).toBe("sent");
    expect(stored!.body).toContain("Your Kettle is waiting, Ann <b>Lee</b>.");
    const detail = await t.master("GET", `/api/v1/messages/${stored!.id}`);
    expect(detail.body.html).toContain('href="{{ unsubscribe_url }}"');
    expect(detail.body.html).not.toContain("/api/t/");

    // The tracked link still leads where the template pointed.
    const href = html.match(/href="(http:\/\/localhost:3000\/api\/t\/c\/[^"]+)"/)![1]!;
    const click = await call("GET", new URL(href).pathname);
    expect(click.status).toBe(302);
    expect(click.headers.get("location")).toBe("https://shop.example/p/k-1?utm=mail&x=1");
  });

  it("keeps sending the published texts after the template is edited, and refuses to delete a template in use", async () => {
    const edited = await t.master("PUT", `/api/v1/templates/${templateId}`, { subject: "Edited subject" });
    expect(edited.status).toBe(200);
    expect(edited.body.usedBy).toEqual([{ id: connectorId, name: "Cart MJML", status: "active" }]);
    await t.app("PUT", "/api/v1/users/u_mjml2", { email: "mjml2@example.com", name: "Bo" });
    await send(t, { userId: "u_mjml2", event: "CART_MJML", data: { product: "Teapot", sku: "t-2" } });
    await tick(t);
    expect(mailsTo("mjml2@example.com").map((m) => m.subject)).toEqual(["Teapot is waiting"]);

    // Publishing again takes the edit: the graph is the same, what it compiles to is not.
    const before = (await t.master("GET", `/api/v1/connectors/${connectorId}`)).body.version;
    const republished = await t.master("POST", `/api/v1/connectors/${connectorId}/publish`);
    expect(republished.body.version).toBe(before + 1);
    expect((await t.master("POST", `/api/v1/connectors/${connectorId}/publish`)).body.version).toBe(before + 1);
    await send(t, { userId: "u_mjml2", event: "CART_MJML", data: { product: "Cup", sku: "c-3" } });
    await tick(t);
    expect(mailsTo("mjml2@example.com").map((m) => m.subject)).toEqual(["Teapot is waiting", "Edited subject"]);

    const refused = await t.master("DELETE", `/api/v1/templates/${templateId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('The template "Cart (MJML)" is used by connector "Cart MJML": choose another template there first');
    expect(refused.body.error.details).toEqual([{ path: "connectors", message: `Used by "Cart MJML" (${connectorId}, active)` }]);
    expect((await t.master("GET", `/api/v1/templates/${templateId}`)).status).toBe(200);
  });
});

describe("a campaign with a markdown template", () => {
  async function segmentWith(name: string, userIds: string[]) {
    const created = await t.master("POST", "/api/v1/segments", { name });
    expect((await t.master("POST", `/api/v1/segments/${created.body.id}/members`, { userIds })).status).toBe(200);
    return created.body.id as string;
  }

  it("refuses an unknown template and one for another channel with 400", async () => {
    const segment = await segmentWith("Template refusals", ["u_none"]);
    const unknown = await t.master("POST", "/api/v1/campaigns", { segment, channel: "email", template: "tpl_gone" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: "template", message: "No template has this id" }]);
    const sms = await createTemplate({ name: "SMS promo", channel: "sms", body: "Hi" });
    const mismatch = await t.master("POST", "/api/v1/campaigns", { segment, channel: "email", template: sms.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details).toEqual([{ path: "template", message: 'The template "SMS promo" is for sms; this campaign sends email' }]);
  });

  it("is what a connector's send to a segment uses too, rendered per member with the trigger event", async () => {
    await t.app("PUT", "/api/v1/users/u_seg1", { email: "seg1@example.com", name: "Sam" });
    const template = await createTemplate({ name: "Restock (markdown)", channel: "email", format: "markdown", subject: "Back: {{ event.data.product }}", body: "Hi {{ user.name }}, *{{ event.data.product }}* is back." });
    await segmentWith("Restock waitlist", ["u_seg1"]);
    const graph = sendOn("RESTOCK_MD", { channel: "email", template: template.id });
    graph.nodes[1]!.data = { kind: "sendToSegment", segment: "Restock waitlist", channel: "email", template: template.id };
    await publishConnector(t, "Restock to waitlist", graph);
    await send(t, { userId: "u_trigger", event: "RESTOCK_MD", data: { product: "Kettle" } });
    await tick(t);
    await tick(t);
    const [mail] = mailsTo("seg1@example.com");
    expect(mail?.subject).toBe("Back: Kettle");
    expect(String(mail?.html)).toContain("<p>Hi Sam, <em>Kettle</em> is back.</p>");
    expect(mail?.text).toContain("Hi Sam, Kettle is back.");
  });

  it("sends each member the rendered HTML with a text part, the unsubscribe footer and tracked links", async () => {
    await t.app("PUT", "/api/v1/users/u_md1", { email: "md1@example.com", name: "Mia" });
    await t.app("PUT", "/api/v1/users/u_md2", { email: "md2@example.com", name: "Noor & <i>co</i>" });
    const template = await createTemplate({
      name: "Weekly (markdown)",
      channel: "email",
      format: "markdown",
      subject: "This week, {{ user.name }}",
      body: "# Hello {{ user.name }}\n\nThis week's **picks** are in: [see them](https://shop.example/picks).",
    });
    const segment = await segmentWith("Markdown readers", ["u_md1", "u_md2"]);
    const campaign = await t.master("POST", "/api/v1/campaigns", { segment, channel: "email", template: template.id });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    expect(campaign.body).toMatchObject({ format: "markdown", templateId: template.id, subject: "This week, {{ user.name }}" });

    await tick(t);
    await tick(t);
    const [mia] = mailsTo("md1@example.com");
    const [noor] = mailsTo("md2@example.com");
    expect(mia?.subject).toBe("This week, Mia");
    expect(noor?.subject).toBe("This week, Noor & <i>co</i>");
    for (const [mail, shown, plain] of [[mia!, "Hello Mia", "Hello Mia"], [noor!, "Hello Noor &amp; &lt;i&gt;co&lt;/i&gt;", "Hello Noor & <i>co</i>"]] as const) {
      const html = String(mail.html);
      const unsubscribe = listUnsubscribe(mail);
      expect(html).toContain(`<h1>${shown}</h1>`);
      expect(html).toContain("<strong>picks</strong>");
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      // The template has no unsubscribe link: the footer adds it, untracked; the template's link is tracked.
      expect(links(html)).toEqual(["tracked https://shop.example/picks", unsubscribe]);
      expect(html).toContain("Don't want these emails?");
      expect(html).toMatch(/\/api\/t\/o\/[^"]+"[^>]*><\/body>/);
      expect(mail.text).toContain(`${plain}\n\nThis week's picks are in: see them [https://shop.example/picks].`);
      expect(mail.text?.trimEnd().endsWith(`Don't want these emails? Unsubscribe or change your preferences: ${unsubscribe}`)).toBe(true);
    }
    const after = await t.master("GET", `/api/v1/campaigns/${campaign.body.id}`);
    expect(after.body.progress).toMatchObject({ sent: 2, failed: 0 });
  });

  it("previews a campaign's template for a member, with its HTML and text part", async () => {
    await t.app("PUT", "/api/v1/users/u_pv", { email: "pv@example.com", name: "Pia" });
    const template = await createTemplate({ name: "Preview (markdown)", channel: "email", format: "markdown", subject: "For {{ user.name }}", body: "**{{ user.name }}**, hello" });
    const segment = await segmentWith("Preview readers", ["u_pv"]);
    const res = await t.master("POST", "/api/v1/campaigns/preview", { segment, channel: "email", template: template.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.content).toMatchObject({ subject: "For Pia", body: "Pia, hello", html: expect.stringContaining("<strong>Pia</strong>, hello") });
    expect(res.body.problems).toEqual([]);
    const wrong = await t.master("POST", "/api/v1/campaigns/preview", { segment, channel: "push", template: template.id });
    expect(wrong.body.problems).toEqual([{ path: "template", message: 'The template "Preview (markdown)" is for email; this campaign sends push' }]);
  });
});
