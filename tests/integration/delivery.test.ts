// Real delivery against real local servers: an SMTP server, and HTTP servers playing
// Twilio, a webhook receiver and a Web Push service.
import { createECDH, randomBytes } from "node:crypto";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { twilioSignature } from "@/lib/server/channels/twilio-inbound";
import { db } from "@/lib/server/db";
import { backgroundIdle } from "@/lib/server/engine/background";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { call, createTestApp, type TestApp } from "./api-client";
import { messagesOf, publishConnector, send, tick } from "./engine-helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sendOn = (event: string, action: Record<string, unknown>): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", ...action } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
});

async function detail(t: TestApp, id: string) {
  const res = await t.master("GET", `/api/v1/messages/${id}`);
  expect(res.status).toBe(200);
  return res.body as { status: string; error: string | null; attempts: number; deliveries: { outcome: string }[]; events: { event: string; data: Record<string, unknown> }[] };
}

let fake: FakeProvider;
beforeAll(async () => {
  process.env.CUE_ALLOW_PRIVATE_NETWORK = "1"; // the providers here all live on 127.0.0.1
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

describe("email over SMTP", () => {
  const mails: ParsedMail[] = [];
  let smtp: SmtpSink;
  let port = 0;
  beforeAll(async () => {
    smtp = await startSmtpSink(mails);
    port = smtp.port;
  });
  afterAll(() => smtp.close());

  it("delivers a personalised email whose pixel and links record opens and clicks", async () => {
    const t = await createTestApp("Email");
    const put = await t.master("PUT", "/api/v1/channels/email", { provider: "smtp", config: { host: "127.0.0.1", port, from: "Shop <shop@example.com>" } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await publishConnector(t, "Order email", sendOn("PURCHASE", {
      channel: "email",
      subject: "Order {{ event.data.order_nr }} confirmed",
      body: "Thanks {{ user.name }}!\n\nTrack it at https://shop.example.com/orders/{{ event.data.order_nr }}",
    }));
    await t.app("PUT", "/api/v1/users/u_mail", { email: "ana@example.com", name: "Ana" });
    await send(t, { userId: "u_mail", event: "PURCHASE", data: { order_nr: "A-42" } });
    await tick(t);

    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("Order A-42 confirmed");
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain("ana@example.com");
    expect(mail.text).toContain("Thanks Ana!");
    const [message] = await messagesOf(t, { userId: "u_mail" });
    expect(message).toMatchObject({ status: "sent", channel: "email" });
    expect(mail.messageId).toBe(`<${message!.id}@cue>`);

    const html = String(mail.html);
    const pixel = html.match(/src="([^"]*\/api\/t\/o\/[^"]+)"/)?.[1];
    const link = html.match(/href="([^"]*\/api\/t\/c\/[^"]+)"/)?.[1];
    expect(pixel && link).toBeTruthy();
    const opened = await call("GET", new URL(pixel!.replace(/&amp;/g, "&")).pathname);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/gif");
    const clicked = await call("GET", new URL(link!.replace(/&amp;/g, "&")).pathname);
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get("location")).toBe("https://shop.example.com/orders/A-42");

    const events = (await detail(t, message!.id)).events.map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(["message.sent", "message.opened", "message.clicked"]));
    const forged = await call("GET", `/api/t/c/${Buffer.from(JSON.stringify({ m: message!.id, u: "https://evil.example" })).toString("base64url")}.forged`);
    expect(forged.status).toBe(404);
  });
});

describe("webhooks", () => {
  async function webhookApp(name: string, config: Record<string, unknown> = {}) {
    const t = await createTestApp(name);
    await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: `${fake.url}/hook`, headers: { authorization: "Bearer hook-secret" }, ...config } });
    await publishConnector(t, name, sendOn("HOOK", { channel: "webhook", body: "Hello {{ event.data.n }}" }));
    return t;
  }

  it("retries a 503, then sends, with two attempts and one idempotency key", async () => {
    const t = await webhookApp("Retry");
    fake.requests.length = 0;
    fake.script({ status: 503, body: "busy" });
    // A backoff long enough that a slow machine's next tick cannot already be past it.
    const base = process.env.CUE_RETRY_BASE_MS;
    process.env.CUE_RETRY_BASE_MS = "2000";
    try {
      await send(t, { userId: "u_hook", event: "HOOK", data: { n: 1 } });
      await backgroundIdle();
      await tick(t);
    } finally {
      process.env.CUE_RETRY_BASE_MS = base;
    }
    const [queued] = await messagesOf(t, { userId: "u_hook" });
    expect(queued?.status).toBe("queued");
    await sleep(2500);
    await tick(t);
    const d = await detail(t, queued!.id);
    expect(d.status).toBe("sent");
    expect(d.deliveries.map((x) => x.outcome)).toEqual(["retry", "sent"]);
    expect(fake.requests.map((r) => r.headers["idempotency-key"])).toEqual([queued!.id, queued!.id]);
    expect(fake.requests[1]!.headers.authorization).toBe("Bearer hook-secret");
    expect(JSON.parse(fake.requests[1]!.body.toString())).toMatchObject({ id: queued!.id, userId: "u_hook", body: "Hello 1" });
  });

  it("fails on a permanent 400 without retrying", async () => {
    const t = await webhookApp("Permanent");
    fake.requests.length = 0;
    fake.script({ status: 400, body: "bad payload" });
    await send(t, { userId: "u_400", event: "HOOK", data: { n: 2 } });
    await tick(t);
    await sleep(300);
    await tick(t);
    const [m] = await messagesOf(t, { userId: "u_400" });
    const d = await detail(t, m!.id);
    expect(d).toMatchObject({ status: "failed", attempts: 1 });
    expect(d.error).toContain("400");
    expect(d.events.map((e) => e.event)).toContain("message.failed");
    expect(fake.requests).toHaveLength(1);
  });

  it("honours Retry-After on a 429", async () => {
    const t = await webhookApp("Throttled");
    fake.requests.length = 0;
    fake.script({ status: 429, headers: { "retry-after": "2" } });
    await send(t, { userId: "u_429", event: "HOOK", data: { n: 3 } });
    await tick(t);
    await sleep(600);
    await tick(t);
    expect(fake.requests).toHaveLength(1);
    await sleep(1600);
    await tick(t);
    expect(fake.requests).toHaveLength(2);
    const [m] = await messagesOf(t, { userId: "u_429" });
    expect(m?.status).toBe("sent");
  });

  it("refuses loopback addresses unless the operator allows them", async () => {
    const t = await webhookApp("Guarded");
    fake.requests.length = 0;
    delete process.env.CUE_ALLOW_PRIVATE_NETWORK;
    try {
      await send(t, { userId: "u_guard", event: "HOOK", data: { n: 4 } });
      await tick(t);
    } finally {
      process.env.CUE_ALLOW_PRIVATE_NETWORK = "1";
    }
    const [m] = await messagesOf(t, { userId: "u_guard" });
    expect(m).toMatchObject({ status: "failed" });
    expect(m!.error).toContain("private and loopback addresses are blocked");
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps to the channel's send rate, postponing the rest", async () => {
    const t = await webhookApp("Rate limited", { ratePerSecond: 2 });
    fake.requests.length = 0;
    await send(t, Array.from({ length: 6 }, (_, n) => ({ userId: `u_rate_${n}`, event: "HOOK", data: { n } })));
    const started = Date.now();
    await tick(t);
    // The burst goes out at once; the other four wait for tokens.
    expect(fake.requests).toHaveLength(2);
    expect((await messagesOf(t, { status: "queued" })).length).toBe(4);
    while (fake.requests.length < 6 && Date.now() - started < 8000) {
      await sleep(250);
      await tick(t);
    }
    expect(fake.requests).toHaveLength(6);
    // 2 at once (the burst), then 2 per second: the last four need at least 1.5 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });
});

describe("SMS over Twilio's API", () => {
  it("sends through the Messages API, masks the token on read and takes signed replies", async () => {
    const t = await createTestApp("SMS");
    const put = await t.master("PUT", "/api/v1/channels/sms", { provider: "twilio", config: { accountSid: "AC123", authToken: "twilio-token-1", from: "+15550001", baseUrl: fake.url } });
    expect(put.body.config.authToken).toBe("••••••••");
    const stored = await (await db()).channelConfig.findUniqueOrThrow({ where: { appId_channel: { appId: t.id, channel: "sms" } } });
    expect(JSON.stringify(stored)).not.toContain("twilio-token-1");
    // Saving the form back with the masked token keeps the real one.
    await t.master("PUT", "/api/v1/channels/sms", { provider: "twilio", config: { ...put.body.config, from: "+15550002" } });

    await publishConnector(t, "Shipping SMS", sendOn("SHIPPING", { channel: "sms", body: "Your order is {{ event.data.status }}" }));
    await t.app("PUT", "/api/v1/users/u_sms", { phone: "+31612345678" });
    fake.requests.length = 0;
    fake.script({ status: 201, body: JSON.stringify({ sid: "SM0001" }) });
    await send(t, { userId: "u_sms", event: "SHIPPING", data: { status: "shipped" } });
    await tick(t);
    const request = fake.requests[0]!;
    expect(request.path).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("AC123:twilio-token-1").toString("base64")}`);
    expect(Object.fromEntries(new URLSearchParams(request.body.toString()))).toEqual({ To: "+31612345678", From: "+15550002", Body: "Your order is shipped" });
    const [m] = await messagesOf(t, { userId: "u_sms" });
    expect(m).toMatchObject({ status: "sent" });
    expect((await detail(t, m!.id)).deliveries).toHaveLength(1);

    const url = `http://localhost:3000/api/inbound/twilio/${t.key}`;
    const form = new URLSearchParams({ From: "+31612345678", To: "+15550002", Body: "Thanks!", MessageSid: "SMreply1" });
    const bad = await call("POST", `/api/inbound/twilio/${t.key}`, { rawBody: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "forged" } });
    expect(bad.status).toBe(403);
    const good = await call("POST", `/api/inbound/twilio/${t.key}`, {
      rawBody: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature("twilio-token-1", url, form) },
    });
    expect(good.status).toBe(200);
    const events = (await detail(t, m!.id)).events;
    expect(events.find((e) => e.event === "message.replied")?.data).toMatchObject({ body: "Thanks!", from: "+31612345678" });
  });
});

describe("Web Push", () => {
  it("delivers a payload that decrypts with the subscription's keys, and drops gone subscriptions", async () => {
    const t = await createTestApp("Push");
    const put = await t.master("PUT", "/api/v1/channels/push", { provider: "webpush", config: { subject: "mailto:ops@example.com" } });
    expect(put.body.config.vapidPublicKey).toEqual(expect.any(String));
    expect(put.body.config.vapidPrivateKey).toBe("••••••••");
    // Saving the settings again (the form sends the masked private key back) keeps the pair.
    const again = await t.master("PUT", "/api/v1/channels/push", { provider: "webpush", config: { subject: "mailto:team@example.com", vapidPrivateKey: "••••••••" } });
    expect(again.body.config.vapidPublicKey).toBe(put.body.config.vapidPublicKey);

    const browser = createECDH("prime256v1");
    browser.generateKeys();
    const authSecret = randomBytes(16);
    const subscription = { endpoint: `${fake.url}/push/device-1`, keys: { p256dh: browser.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") } };
    expect((await t.app("POST", "/api/v1/users/u_push/devices", { platform: "web", subscription })).status).toBe(201);
    await publishConnector(t, "Push", sendOn("VIEWPRODUCT", { channel: "push", title: "Only a few left", body: "{{ event.data.product }} is selling fast" }));

    fake.requests.length = 0;
    fake.script({ status: 201 });
    await send(t, { userId: "u_push", event: "VIEWPRODUCT", data: { product: "Kettle" } });
    await tick(t);
    const request = fake.requests[0]!;
    expect(request.path).toBe("/push/device-1");
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(String(request.headers.authorization)).toMatch(/^vapid t=.+, k=/);
    const ece = (await import("http_ece")) as unknown as { decrypt(buf: Buffer, opts: object): Buffer };
    const plain = ece.decrypt(request.body, { version: "aes128gcm", privateKey: browser, authSecret: authSecret.toString("base64url") });
    const payload = JSON.parse(plain.toString());
    expect(payload).toMatchObject({ title: "Only a few left", body: "Kettle is selling fast" });

    // The app reports the open with the message id from the payload.
    expect((await t.app("POST", `/api/v1/messages/${payload.messageId}/opened`)).status).toBe(200);
    expect((await detail(t, payload.messageId)).events.map((e) => e.event)).toContain("message.opened");
    const other = await createTestApp("Not the owner");
    expect((await other.app("POST", `/api/v1/messages/${payload.messageId}/opened`)).status).toBe(404);

    fake.script({ status: 410, body: "gone" });
    await send(t, { userId: "u_push", event: "VIEWPRODUCT", data: { product: "Toaster" } });
    await tick(t);
    const device = await (await db()).device.findFirstOrThrow({ where: { appId: t.id, userId: "u_push" } });
    expect(device.disabledAt).not.toBeNull();
  });
});

describe("test send", () => {
  it("sends a test message through the configured provider and reports the outcome", async () => {
    const t = await createTestApp("Test send");
    await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: `${fake.url}/test-hook` } });
    await t.app("PUT", "/api/v1/users/u_test", { name: "Tess" });
    fake.requests.length = 0;
    const res = await t.master("POST", "/api/v1/channels/webhook/test", { userId: "u_test" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "sent", channel: "webhook", userId: "u_test" });
    expect(fake.requests.map((r) => r.path)).toEqual(["/test-hook"]);
    const noEmail = await t.master("POST", "/api/v1/channels/email/test", { userId: "u_test" });
    expect(noEmail.body).toMatchObject({ status: "skipped", error: "The user has no email address" });
    expect((await t.master("POST", "/api/v1/channels/email/test", { userId: "nobody" })).status).toBe(404);
    expect((await t.master("PUT", "/api/v1/channels/email", { provider: "twilio", config: {} })).status).toBe(400);
  });
});

describe("webhook headers", () => {
  it("keeps masked headers, and clears them when sent empty", async () => {
    const t = await createTestApp("Headers");
    const first = await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: "https://hooks.example.com/a", headers: { authorization: "Bearer one" } } });
    expect(first.body.config.headers).toEqual({ authorization: "••••••••" });
    const kept = await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: "https://hooks.example.com/b", headers: first.body.config.headers } });
    expect(kept.body.config.headers).toEqual({ authorization: "••••••••" });
    const cleared = await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: "https://hooks.example.com/b", headers: {} } });
    expect(cleared.body.config.headers ?? {}).toEqual({});
  });
});
