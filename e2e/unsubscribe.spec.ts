// One person's way out, in a real browser: a Cue server emails them through an SMTP
// server run here, they follow the footer's unsubscribe link to the preferences page,
// switch Marketing off and save, and the page confirms it. The spec starts its own Cue
// server from the same build, because the shared one rightly refuses to reach an SMTP
// server on loopback (CUE_ALLOW_PRIVATE_NETWORK is off there, and a spec checks it).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as apiRequest, test, type APIRequestContext } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { startSmtpSink, type SmtpSink } from "../tests/support/smtp-sink";
import { ADMIN, basic } from "./support";

const mails: ParsedMail[] = [];
let smtp: SmtpSink;

let server: ChildProcess | undefined;
let serverLog = "";
let dataDir = "";
let cue = "";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = await startSmtpSink(mails);
  dataDir = mkdtempSync(path.join(tmpdir(), "cue-e2e-unsubscribe-"));
  const port = await freePort();
  cue = `http://127.0.0.1:${port}`;
  // Its own process group, so afterAll ends exactly what this spec started.
  server = spawn(path.join(process.cwd(), "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      CUE_DATA_DIR: dataDir,
      CUE_PUBLIC_URL: cue,
      CUE_ALLOW_PRIVATE_NETWORK: "1",
      CUE_ADMIN_EMAIL: ADMIN.email,
      CUE_ADMIN_PASSWORD: ADMIN.password,
      CUE_DEMO_DATA: "0",
      CUE_TICK_SECONDS: "1",
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => void (serverLog += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => void (serverLog += chunk.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const healthy = await fetch(`${cue}/api/health`).then((res) => res.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`The spec's Cue server did not start:\n${serverLog}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  await smtp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
