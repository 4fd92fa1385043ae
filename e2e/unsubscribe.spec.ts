// One person's way out, in a real browser: a Cue server emails them through an SMTP
// server run here, they follow the footer's unsubscribe link to the preferences page,
// switch Marketing off and save, and the page confirms it. The spec starts its own Cue
// server from the same build, because the shared one rightly refuses to reach an SMTP
// server on loopback (CUE_ALLOW_PRIVATE_NETWORK is off there, and a spec checks it).
import { mkdirSync } from "node:fs";
import { expect, request as apiRequest, test, type APIRequestContext } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { startSmtpSink, type SmtpSink } from "../tests/support/smtp-sink";
import { startOwnServer, type OwnServer } from "./own-server";
import { ADMIN, basic } from "./support";

const mails: ParsedMail[] = [];
let smtp: SmtpSink;

let server: OwnServer | undefined;
let cue = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = await startSmtpSink(mails);
  server = await startOwnServer("unsubscribe", { CUE_ALLOW_PRIVATE_NETWORK: "1", CUE_DEMO_DATA: "0" });
  cue = server.url;
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** A header as it arrived, unfolded as RFC 5322 says. */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n(?=[ \t])/g, "").trim();
}

async function ok(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

test("a person follows an email's unsubscribe link, switches Marketing off, and the page confirms it", async ({ page }) => {
  // An application of its own, named as its customers know it.
  const api = await apiRequest.newContext({ baseURL: cue });
  await ok(await api.post("/api/auth/login", { data: ADMIN }));
  const { credentials } = (await ok(await api.post("/api/dashboard/apps", { data: { name: "Acme Shop" } }), 201)) as {
    credentials: { key: string; secret: string; masterSecret: string };
  };
  const master = { authorization: basic(credentials.key, credentials.masterSecret) };
  const app = { authorization: basic(credentials.key, credentials.secret) };
  const { port } = smtp;
  await ok(await api.put("/api/v1/channels/email", { headers: master, data: { provider: "smtp", config: { host: "127.0.0.1", port, from: "Acme Shop <news@acme.example>" } } }));
  await ok(await api.post("/api/v1/topics", { headers: master, data: { key: "weekly-deals", name: "Weekly deals" } }), 201);
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "NEWSLETTER", reentry: "always" } },
      {
        id: "email",
        type: "action",
        position: { x: 0, y: 150 },
        data: { kind: "send", channel: "email", subject: "This week at Acme Shop", body: "Hi {{ user.name }},\n\nNew arrivals are in: https://acme.example/new" },
      },
    ],
    edges: [{ id: "e1", source: "t", target: "email" }],
  };
  const { id } = (await ok(await api.post("/api/v1/connectors", { headers: master, data: { name: "Newsletter", graph } }), 201)) as { id: string };
  await ok(await api.post(`/api/v1/connectors/${id}/publish`, { headers: master }));
  await ok(await api.put("/api/v1/users/u_rae", { headers: app, data: { email: "rae@example.com", name: "Rae" } }));
  await ok(await api.post("/api/v1/events", { headers: app, data: { userId: "u_rae", event: "NEWSLETTER" } }), 202);

  // The email, as the SMTP server received it: the footer links where List-Unsubscribe points.
  await expect.poll(() => mails.length, { timeout: 20_000 }).toBe(1);
  const mail = mails[0]!;
  const listUnsubscribe = rawHeader(mail, "List-Unsubscribe")?.match(/^<(.+)>$/)?.[1];
  expect(listUnsubscribe).toMatch(new RegExp(`^${cue}/u/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
  expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  const footerLink = String(mail.html).match(/<a href="([^"]+)"[^>]*>Unsubscribe or change your preferences<\/a>/)?.[1];
  expect(footerLink).toBe(listUnsubscribe);

  // The person clicks it.
  await page.goto(footerLink!);
  await expect(page).toHaveURL(/\/u\/[^/]+\/preferences$/);
  await expect(page.getByRole("heading", { level: 1, name: "Email preferences" })).toBeVisible();
  await expect(page.getByTestId("preferences-app")).toContainText("Acme Shop");
  await expect(page.getByText("Choose the emails Acme Shop sends to r•••@example.com.")).toBeVisible();
  const marketing = page.getByRole("switch", { name: "Marketing" });
  await expect(marketing).toBeChecked();
  await expect(page.getByRole("listitem").filter({ hasText: "Marketing" }).getByText("This email")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Transactional" })).toBeDisabled();
  await expect(page.getByRole("switch", { name: "Transactional" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "Weekly deals" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "All emails from Acme Shop" })).toBeChecked();
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: "/tmp/shots/preferences.png", fullPage: true });

  await marketing.uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page).toHaveURL(/\/preferences\?saved=1$/);
  const saved = page.getByTestId("preferences-saved");
  await expect(saved).toContainText("Your preferences are saved");
  await expect(saved).toContainText("You're unsubscribed from Marketing.");
  await expect(page.getByRole("switch", { name: "Marketing" })).not.toBeChecked();
  await expect(page.getByRole("switch", { name: "Weekly deals" })).toBeChecked();
  await page.screenshot({ path: "/tmp/shots/preferences-saved.png", fullPage: true });

  const subscriptions = await ok(await api.get("/api/v1/users/u_rae/subscriptions", { headers: master }));
  expect(subscriptions).toEqual({ topics: { marketing: false, transactional: true, "weekly-deals": true }, channels: { email: true, sms: true, push: true } });
  const { events } = (await ok(await api.get("/api/v1/users/u_rae/events?limit=50", { headers: master }))) as { events: { event: string; data: unknown }[] };
  expect(events.filter((e) => e.event.startsWith("user.")).map((e) => [e.event, e.data])).toEqual([["user.unsubscribed", { topic: "marketing", source: "link" }]]);

  // A link altered by one character shows an error and changes nothing.
  const altered = footerLink!.slice(0, -1) + (footerLink!.endsWith("A") ? "B" : "A");
  const response = await page.goto(altered);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This link doesn't work" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/preferences-invalid.png", fullPage: true });
  await api.dispose();
});
