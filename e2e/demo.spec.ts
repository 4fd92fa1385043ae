// What a newcomer meets after `npm run quickstart`: a server started on an empty data
// directory with demo data on plays a month of shoppers through the demo's journeys, so
// the connectors are live with counts on their steps, profiles carry journeys and the
// message log is full — and demo shoppers keep coming while the page is open.
// With CUE_SCREENSHOTS=1 it also refreshes the README's screenshots (public/screenshots/).
import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./own-server";
import { signIn } from "./support";

let server: OwnServer | undefined;

test.beforeAll(async () => {
  // The replay of 30 days through the engine is the slow part of a first start.
  test.setTimeout(300_000);
  server = await startOwnServer("demo", { CUE_DEMO_DATA: "1", CUE_DEMO_LIVE: "1" }, 280_000);
});

test.afterAll(async () => {
  await server?.stop();
});

const SHOTS = process.env.CUE_SCREENSHOTS === "1" ? "public/screenshots" : null;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  // Charts animate in; let them settle before the picture.
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function dashboard(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server!.url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

test("a fresh start with demo data shows live connectors with counts, journeys on profiles, messages in the log, and keeps moving", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await dashboard(browser);
  await expect(page.getByTestId("messages-chart")).toBeVisible();
  await shoot(page, "overview");

  // The demo's journeys are published and have run.
  await page.goto("/connectors");
  const rows = page.getByTestId("connector-row");
  await expect(rows).toHaveCount(5);
  for (const name of ["Welcome email A/B test", "Cart abandonment", "Product scarcity", "Back in stock: waitlist", "Back in stock: restocked"]) {
    await expect(rows.filter({ hasText: name })).toContainText("Live");
  }

  await rows.filter({ hasText: "Cart abandonment" }).getByRole("link", { name: "Cart abandonment" }).click();
  const entered = page.getByTestId("node-trigger").getByTestId("node-stat-entered");
  await expect(entered).toBeVisible();
  expect(Number((await entered.innerText()).replace(/\D/g, ""))).toBeGreaterThan(10);
  // Both ways out of the wait were taken: some bought within 4 hours, the rest were reminded.
  const sent = page.getByTestId("node-action").filter({ hasText: "Email" }).getByTestId("node-stat-sent");
  await expect(sent).toBeVisible();
  expect(Number((await sent.innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
  await shoot(page, "connector");

  // The A/B test has its verdict (or says it is too early) from its own conversions.
  await page.goto("/connectors");
  await rows.filter({ hasText: "Welcome email A/B test" }).getByRole("link", { name: "Welcome email A/B test" }).click();
  await expect(page.getByTestId("split-verdict")).toBeVisible();

  // A shopper the journeys reached: the profile tells their journeys and messages.
  const { messages } = (await (await page.request.get("/api/v1/messages?status=sent&channel=email&limit=1")).json()) as { messages: { userId: string }[] };
  expect(messages.length).toBe(1);
  await page.goto(`/users/${encodeURIComponent(messages[0]!.userId)}`);
  await expect(page.getByTestId("journey").first()).toBeVisible();
  await expect(page.getByTestId("user-messages")).toBeVisible();
  await shoot(page, "user");

  // The message log: sent, skipped with their reasons, and the campaign's.
  await page.goto("/messages");
  await expect(page.getByTestId("message-row").first()).toBeVisible();
  expect(await page.getByTestId("message-row").count()).toBeGreaterThan(10);
  await shoot(page, "messages");

  // The demo's templates: the MJML welcome in the editor, rendered for a shopper.
  await page.goto("/templates");
  await expect(page.getByTestId("template-row")).toHaveCount(3);
  await shoot(page, "templates");
  await page.getByTestId("template-row").filter({ hasText: "Welcome to {{ app.name }}" }).getByRole("link").click();
  await expect(page.getByTestId("preview-subject")).toContainText("Welcome to");
  await expect(page.frameLocator('[data-testid="email-frame"] iframe').getByText("Thanks for joining")).toBeVisible();
  await shoot(page, "template-editor");

  const campaigns = (await (await page.request.get("/api/v1/campaigns")).json()) as { campaigns: { name: string; status: string }[] };
  expect(campaigns.campaigns.find((c) => c.name === "Thank-you weekend")?.status).toBe("done");

  // The demo keeps moving: a live shopper's event arrives within a few beats.
  const liveEvents = async () => {
    const res = await page.request.get("/api/v1/analytics/events?interval=day");
    const { series } = (await res.json()) as { series: { points: { count: number }[] }[] };
    return series.reduce((sum, s) => sum + s.points.reduce((a, p) => a + p.count, 0), 0);
  };
  const before = await liveEvents();
  await expect.poll(liveEvents, { timeout: 60_000, intervals: [2_000] }).toBeGreaterThan(before);
  await page.context().close();
});

test("on the demo data, a marketer backtests the cart-abandonment template, sees counts on its steps and the overlap with the live one, then publishes through the dialog", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await dashboard(browser);
  await page.goto("/connectors");
  await page.getByRole("button", { name: "Use template Cart abandonment", exact: true }).click();
  await expect(page).toHaveURL(/\/connectors\/[^/]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("graph-valid")).toBeVisible();

  await page.getByRole("button", { name: "Backtest", exact: true }).click();
  const panel = page.getByTestId("backtest-panel");
  await expect(panel.getByTestId("backtest-headline")).toContainText("Over the last 30 days:", { timeout: 30_000 });
  const count = async (testId: string) => Number((await page.getByTestId(testId).first().innerText()).replace(/\D/g, ""));
  expect(await count("node-backtest-entered")).toBeGreaterThan(50);
  // The demo shoppers with a phone get the push; the purchases within the day cancel some.
  expect(await count("node-backtest-sent")).toBeGreaterThan(0);
  expect(await count("node-backtest-cancelled")).toBeGreaterThan(0);
  // The demo's own live cart abandonment emailed the same people.
  await expect(panel.getByTestId("backtest-overlap").filter({ hasText: "Cart abandonment" })).toHaveCount(1);
  await panel.getByRole("button", { name: "Close backtest" }).click();

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Publish/ });
  await expect(dialog.getByTestId("publish-forecast")).toBeVisible();
  await dialog.getByRole("button", { name: /^Publish/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("connector-status")).toHaveText("Live");
  await page.context().close();
});
