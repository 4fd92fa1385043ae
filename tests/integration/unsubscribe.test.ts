// Unsubscribing without a login (API.md, "Respectful delivery"): the signed link in every
// email, read from the mail a real SMTP server received; RFC 8058 one-click and the
// preferences form posted to it; forged and altered links refused; transactional email
// without the headers; and STOP / START through Twilio's signed webhook.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { twilioSignature } from "@/lib/server/channels/twilio-inbound";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { call, createTestApp, type TestApp } from "./api-client";
import { messagesOf, publishConnector, send, tick } from "./engine-helpers";

const sendOn = (event: string, action: Record<string, unknown>): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", ...action } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
});

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const ONE_CLICK = "List-Unsubscribe=One-Click";

const mails: ParsedMail[] = [];
let smtp: SmtpSink;
let port = 0;

beforeAll(async () => {
  process.env.CUE_ALLOW_PRIVATE_NETWORK = "1"; // the SMTP server lives on 127.0.0.1
  smtp = await startSmtpSink(mails);
  port = smtp.port;
});
afterAll(() => smtp.close());

/** A header as it arrived, unfolded as RFC 5322 says (mailparser turns List-* headers into objects). */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n(?=[ \t])/g, "").trim();
}

function unsubscribeLink(mail: ParsedMail): string {
  const header = rawHeader(mail, "List-Unsubscribe");
  const url = header?.match(/^<(.+)>$/)?.[1];
  expect(url, `List-Unsubscribe: ${header}`).toMatch(/^http:\/\/localhost:3000\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  return url!;
}

const pathOf = (url: string) => new URL(url).pathname;

async function emailApp(name: string): Promise<TestApp> {
  const t = await createTestApp(name);
  const put = await t.master("PUT", "/api/v1/channels/email", { provider: "smtp", config: { host: "127.0.0.1", port, from: "Shop <shop@example.com>" } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return t;
}

/** Sends `event` for the user, runs the tick, and answers the one new mail to `email`. */
async function mailFor(t: TestApp, userId: string, email: string, event: string): Promise<ParsedMail> {
  const before = mails.length;
  await send(t, { userId, event });
  await tick(t);
  const received = mails.slice(before).filter((m) => m.to && "text" in m.to && m.to.text.includes(email));
  expect(received).toHaveLength(1);
  return received[0]!;
}

async function subscriptions(t: TestApp, userId: string) {
  const res = await t.master("GET", `/api/v1/users/${userId}/subscriptions`);
  expect(res.status).toBe(200);
  return res.body as { topics: Record<string, boolean>; channels: Record<string, boolean> };
}

async function changeEvents(t: TestApp, userId: string): Promise<string[]> {
  const res = await t.master("GET", `/api/v1/users/${userId}/events?limit=100`);
  expect(res.status).toBe(200);
  return (res.body.events as { event: string; data: { topic?: string; channel?: string; source: string } }[])
    .filter((e) => e.event === "user.subscribed" || e.event === "user.unsubscribed")
    .map((e) => `${e.event} ${e.data.topic ?? `channel ${e.data.channel}`} by ${e.data.source}`)
    .sort();
}

describe("email unsubscribe links", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await emailApp("Unsubscribe");
    await publishConnector(t, "Promo", sendOn("PROMO", { channel: "email", subject: "20% off", body: "Hi {{ user.name }}, 20% off today at https://shop.example.com/sale" }));
    await publishConnector(t, "Placed", sendOn("DIGEST", { channel: "email", subject: "Digest", body: "This week's picks.\n\nNot for you? Leave here: {{ unsubscribe_url }}." }));
    await publishConnector(t, "Receipt", sendOn("RECEIPT", { channel: "email", subject: "Your receipt", body: "Paid. Manage your emails: {{ unsubscribe_url }}", topic: "transactional" }));
  });

  it("unsubscribes with one click from the List-Unsubscribe header, and the next marketing email is skipped", async () => {
    await t.app("PUT", "/api/v1/users/u_click", { email: "click@example.com", name: "Cleo" });
    const mail = await mailFor(t, "u_click", "click@example.com", "PROMO");
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe(ONE_CLICK);
    const link = unsubscribeLink(mail);

    const res = await call("POST", pathOf(link), { rawBody: ONE_CLICK, headers: FORM });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ topic: "marketing", subscribed: false });
    expect((await subscriptions(t, "u_click")).topics).toMatchObject({ marketing: false, transactional: true });
    expect(await changeEvents(t, "u_click")).toEqual(["user.unsubscribed marketing by link"]);

    const before = mails.length;
    await send(t, { userId: "u_click", event: "PROMO" });
    await tick(t);
    const promos = (await messagesOf(t, { userId: "u_click" })) as unknown as { status: string; reason: string | null }[];
    expect(promos.map((m) => m.status).sort()).toEqual(["sent", "skipped"]);
    expect(promos.find((m) => m.status === "skipped")?.reason).toBe("Unsubscribed from Marketing");
    expect(mails.length).toBe(before);

    // Clicking again (mail clients retry) is answered the same and records nothing new.
    expect((await call("POST", pathOf(link), { rawBody: ONE_CLICK, headers: FORM })).status).toBe(200);
    expect(await changeEvents(t, "u_click")).toEqual(["user.unsubscribed marketing by link"]);
  });

  it("takes the one-click body as multipart/form-data too", async () => {
    await t.app("PUT", "/api/v1/users/u_multi", { email: "multi@example.com" });
    const link = unsubscribeLink(await mailFor(t, "u_multi", "multi@example.com", "PROMO"));
    const boundary = "----cue-test-boundary";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const res = await call("POST", pathOf(link), { rawBody: body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await subscriptions(t, "u_multi")).topics.marketing).toBe(false);
  });

  it("refuses forged and altered links and changes nothing", async () => {
    await t.app("PUT", "/api/v1/users/u_victim", { email: "victim@example.com" });
    await t.app("PUT", "/api/v1/users/u_forger", { email: "forger@example.com" });
    const link = unsubscribeLink(await mailFor(t, "u_forger", "forger@example.com", "PROMO"));
    const token = pathOf(link).slice("/u/".length);
    const [payload, signature] = token.split(".") as [string, string];
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, string>;
    const retarget = (change: Record<string, string>) => `${Buffer.from(JSON.stringify({ ...claim, ...change })).toString("base64url")}.${signature}`;

    const attempts = [
      retarget({ u: "u_victim" }), // another user, the forger's signature
      retarget({ t: "transactional" }),
      `${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`, // a changed signature
      `${payload}.`,
      payload,
      "not-a-token",
    ];
    for (const forged of attempts) {
      const oneClick = await call("POST", `/u/${forged}`, { rawBody: ONE_CLICK, headers: FORM });
      expect(oneClick.status, forged).toBe(404);
      expect(oneClick.body.error.code).toBe("not_found");
      const save = await call("POST", `/u/${forged}`, { rawBody: "intent=save&shown=marketing", headers: FORM });
      expect(save.status, forged).toBe(404);
    }
    // A real link with a body that is neither one-click nor the page's form changes nothing either.
    expect((await call("POST", pathOf(link), { rawBody: "List-Unsubscribe=Maybe", headers: FORM })).status).toBe(400);
    expect((await call("POST", pathOf(link), { body: { topics: { marketing: false } } })).status).toBe(415);

    for (const userId of ["u_victim", "u_forger"]) {
      expect(await subscriptions(t, userId)).toEqual({ topics: { marketing: true, transactional: true }, channels: { email: true, sms: true, push: true } });
      expect(await changeEvents(t, userId)).toEqual([]);
    }
  });

  it("still sends transactional email after unsubscribing from marketing, without List-Unsubscribe", async () => {
    await t.app("PUT", "/api/v1/users/u_receipt", { email: "receipt@example.com" });
    const promo = await mailFor(t, "u_receipt", "receipt@example.com", "PROMO");
    expect((await call("POST", pathOf(unsubscribeLink(promo)), { rawBody: ONE_CLICK, headers: FORM })).status).toBe(200);

    const receipt = await mailFor(t, "u_receipt", "receipt@example.com", "RECEIPT");
    expect(receipt.subject).toBe("Your receipt");
    expect(rawHeader(receipt, "List-Unsubscribe")).toBeUndefined();
    expect(rawHeader(receipt, "List-Unsubscribe-Post")).toBeUndefined();
    expect(receipt.text).not.toContain("Don't want these emails?");
    // The template asked for the link: it leads to the preferences page, but one-click cannot leave transactional.
    const placed = receipt.text?.match(/Manage your emails: (\S+)/)?.[1];
    expect(placed).toMatch(/^http:\/\/localhost:3000\/u\//);
    const get = await call("GET", pathOf(placed!));
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`${pathOf(placed!)}/preferences`);
    const refused = await call("POST", pathOf(placed!), { rawBody: ONE_CLICK, headers: FORM });
    expect(refused.status).toBe(400);
    expect((await subscriptions(t, "u_receipt")).topics).toMatchObject({ marketing: false, transactional: true });
  });

  it("adds a footer with the link when the template does not place it, and links it untracked", async () => {
    await t.app("PUT", "/api/v1/users/u_footer", { email: "footer@example.com", name: "Finn" });
    const mail = await mailFor(t, "u_footer", "footer@example.com", "PROMO");
    const link = unsubscribeLink(mail);
    expect(mail.text).toContain("Hi Finn, 20% off today");
    expect(mail.text?.trimEnd().endsWith(`Don't want these emails? Unsubscribe or change your preferences: ${link}`)).toBe(true);
    const html = String(mail.html);
    expect(html).toContain(`<a href="${link}" style="color:#64748b">Unsubscribe or change your preferences</a>`);
    // Other links still go through the click redirect; the unsubscribe link never does.
    expect(html).toMatch(/href="http:\/\/localhost:3000\/api\/t\/c\/[^"]+">https:\/\/shop\.example\.com\/sale</);
    expect(html.match(/\/api\/t\/c\//g)).toHaveLength(1);
  });

  it("puts the link where the template placed {{ unsubscribe_url }}, in text and HTML, without a footer", async () => {
    await t.app("PUT", "/api/v1/users/u_placed", { email: "placed@example.com" });
    const mail = await mailFor(t, "u_placed", "placed@example.com", "DIGEST");
    const link = unsubscribeLink(mail);
    expect(mail.text?.trim()).toBe(`This week's picks.\n\nNot for you? Leave here: ${link}.`);
    const html = String(mail.html);
    expect(html).toContain(`Not for you? Leave here: <a href="${link}">${link}</a>.`);
    expect(html).not.toContain("Don't want these emails?");
    expect(html).not.toContain("/api/t/c/");
    // The message log keeps the text as the template rendered it, marker included.
    const [stored] = await messagesOf(t, { userId: "u_placed" });
    expect(stored?.body).toBe("This week's picks.\n\nNot for you? Leave here: {{ unsubscribe_url }}.");
  });

  it("saves the preferences page's form: every topic shown and the email channel, by link", async () => {
    const topic = await t.master("POST", "/api/v1/topics", { key: "weekly-deals", name: "Weekly deals", default: "unsubscribed" });
    expect(topic.status).toBe(201);
    await t.app("PUT", "/api/v1/users/u_prefs", { email: "prefs@example.com" });
    const link = unsubscribeLink(await mailFor(t, "u_prefs", "prefs@example.com", "PROMO"));

    const form = new URLSearchParams([["intent", "save"], ["shown", "marketing"], ["shown", "weekly-deals"], ["topic", "weekly-deals"], ["channel", "email"]]);
    const saved = await call("POST", pathOf(link), { rawBody: form.toString(), headers: FORM });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${pathOf(link)}/preferences?saved=1`);
    expect(await subscriptions(t, "u_prefs")).toEqual({ topics: { marketing: false, transactional: true, "weekly-deals": true }, channels: { email: true, sms: true, push: true } });

    // Turning the email channel off; a topic the page did not show is left alone.
    const off = new URLSearchParams([["intent", "save"], ["shown", "marketing"], ["topic", "marketing"]]);
    expect((await call("POST", pathOf(link), { rawBody: off.toString(), headers: FORM })).status).toBe(303);
    expect(await subscriptions(t, "u_prefs")).toEqual({ topics: { marketing: true, transactional: true, "weekly-deals": true }, channels: { email: false, sms: true, push: true } });
    expect(await changeEvents(t, "u_prefs")).toEqual(
      ["user.subscribed marketing by link", "user.subscribed weekly-deals by link", "user.unsubscribed channel email by link", "user.unsubscribed marketing by link"].sort(),
    );

    // Leaving transactional through the form is refused like anywhere else.
    const transactional = new URLSearchParams([["intent", "save"], ["shown", "transactional"]]);
    expect((await call("POST", pathOf(link), { rawBody: transactional.toString(), headers: FORM })).status).toBe(400);
  });
});

describe("SMS keywords", () => {
  it("STOP unsubscribes the sender from sms and START subscribes them again, through the signed webhook", async () => {
    const t = await createTestApp("SMS keywords");
    const put = await t.master("PUT", "/api/v1/channels/sms", { provider: "twilio", config: { accountSid: "AC1", authToken: "kw-token", from: "+15550009", baseUrl: "https://twilio.example" } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await t.app("PUT", "/api/v1/users/u_sms", { phone: "+31611112222" });
    const url = `http://localhost:3000/api/inbound/twilio/${t.key}`;
    const reply = (body: string, sid: string, signature?: string) => {
      const form = new URLSearchParams({ From: "+31611112222", To: "+15550009", Body: body, MessageSid: sid });
      return call("POST", `/api/inbound/twilio/${t.key}`, {
        rawBody: form.toString(),
        headers: { ...FORM, "x-twilio-signature": signature ?? twilioSignature("kw-token", url, form) },
      });
    };

    // An unsigned STOP changes nothing.
    expect((await reply("STOP", "SMforged", "forged")).status).toBe(403);
    expect((await subscriptions(t, "u_sms")).channels.sms).toBe(true);

    expect((await reply("  stop ", "SMstop")).status).toBe(200);
    expect((await subscriptions(t, "u_sms")).channels).toEqual({ email: true, sms: false, push: true });
    const events = await t.master("GET", "/api/v1/users/u_sms/events?limit=50");
    const names = events.body.events as { event: string; data: Record<string, unknown> }[];
    expect(names.find((e) => e.event === "user.unsubscribed")?.data).toEqual({ channel: "sms", source: "sms" });
    // The reply itself is still recorded.
    expect(names.find((e) => e.event === "message.replied")?.data).toMatchObject({ body: "  stop ", from: "+31611112222" });

    // An ordinary reply does not change the subscription.
    expect((await reply("Stop sending me deals please", "SMchat")).status).toBe(200);
    expect((await subscriptions(t, "u_sms")).channels.sms).toBe(false);

    expect((await reply("Start", "SMstart")).status).toBe(200);
    expect((await subscriptions(t, "u_sms")).channels.sms).toBe(true);
    expect(await changeEvents(t, "u_sms")).toEqual(["user.subscribed channel sms by sms", "user.unsubscribed channel sms by sms"]);
  });
});
