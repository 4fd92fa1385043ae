import { expect, test, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { basic, signIn } from "./support";

// Room for the palette, the canvas and a side panel side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Headers = { authorization: string };
type Shop = { app: Headers; master: Headers };

/**
 * An application of its own, made current for the page's session: its history is exactly
 * what the test logs, whatever other specs logged in the shared e2e database.
 */
async function freshShop(page: Page, name: string): Promise<Shop> {
  await signIn(page);
  const created = await page.request.post("/api/dashboard/apps", { data: { name } });
  expect(created.status(), await created.text()).toBe(201);
  const { credentials } = (await created.json()) as { credentials: { key: string; secret: string; masterSecret: string } };
  return { app: { authorization: basic(credentials.key, credentials.secret) }, master: { authorization: basic(credentials.key, credentials.masterSecret) } };
}

async function ok<T = unknown>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

type MessageList = { messages: Array<{ status: string }> };

/** A screenshot kept in the run's output folder (test-results/…) and attached to the report. */
async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function openCartTemplate(page: Page) {
  await page.goto("/connectors");
  await page.getByRole("button", { name: "Use template Cart abandonment", exact: true }).click();
  // Creating waits its turn on the embedded database behind the background work earlier specs left (PGlite runs one statement at a time).
  await expect(page).toHaveURL(/\/connectors\/[^/]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("connector-name")).toHaveText("Cart abandonment");
  await expect(page.getByTestId("graph-valid")).toBeVisible();
}

const cart = (qty: number, amount: string) => ({ qty: String(qty), amount, currency: "EUR" });

test("a marketer backtests cart abandonment on the last 30 days, reads the counts on the steps and the panel, then publishes through the warnings", async ({ page, request }, testInfo) => {
  const shop = await freshShop(page, "Backtest Shop");
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms).toISOString();

  // A live connector already pushes on every ADDTOCART: the backtest and publish should both say so.
  const basketPush = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "ADDTOCART", reentry: "always" } },
      { id: "send", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "push", body: "Your basket misses you" } },
    ],
    edges: [{ id: "e1", source: "t", target: "send", sourceHandle: null }],
  };
  const live = await ok<{ id: string }>(await request.post("/api/v1/connectors", { headers: shop.master, data: { name: "Basket push", graph: basketPush } }), 201);
  await ok(await request.post(`/api/v1/connectors/${live.id}/publish`, { headers: shop.master }));

  // Thirty days of history. Everyone has a phone but eve.
  for (const userId of ["ada", "ben", "cleo", "dan", "finn", "gus"]) {
    await ok(await request.post(`/api/v1/users/${userId}/devices`, { headers: shop.app, data: { platform: "ios", token: `tok_${userId}` } }), 201);
  }
  const events = [
    { userId: "ada", event: "ADDTOCART", data: cart(2, "120.00"), timestamp: at(-10 * DAY) }, // reminded after 24 h…
    { userId: "ada", event: "PURCHASE", data: {}, timestamp: at(-10 * DAY + 36 * HOUR) }, // …and bought later: too late to cancel
    { userId: "ben", event: "ADDTOCART", data: cart(1, "35.00"), timestamp: at(-8 * DAY) },
    { userId: "ben", event: "PURCHASE", data: {}, timestamp: at(-8 * DAY + 3 * HOUR) }, // cancelled
    { userId: "cleo", event: "ADDTOCART", data: cart(3, "89.90"), timestamp: at(-6 * DAY) }, // reminded
    { userId: "dan", event: "ADDTOCART", data: cart(1, "15.00"), timestamp: at(-5 * DAY) },
    { userId: "dan", event: "PURCHASE", data: {}, timestamp: at(-5 * DAY + 20 * HOUR) }, // cancelled
    { userId: "eve", event: "ADDTOCART", data: cart(4, "240.00"), timestamp: at(-4 * DAY) }, // no phone: skipped
    { userId: "finn", event: "ADDTOCART", data: cart(2, "54.00"), timestamp: at(-30 * HOUR) }, // reminded 6 hours ago
    { userId: "gus", event: "ADDTOCART", data: cart(1, "19.99"), timestamp: at(-3 * HOUR) }, // still waiting
  ];
  await ok(await request.post("/api/v1/events", { headers: shop.app, data: { events } }), 202);
  // The live connector's push reaches finn now, within 24 hours of the backtest's reminder to finn.
  await expect
    .poll(
      async () => {
        await request.post("/api/v1/cron/tick", { headers: shop.master });
        const { messages } = await ok<MessageList>(await request.get(`/api/v1/messages?connectorId=${live.id}&userId=finn`, { headers: shop.master }));
        return messages.map((m) => m.status);
      },
      { timeout: 30_000 },
    )
    .toEqual(["sent"]);

  await openCartTemplate(page);
  await page.getByRole("button", { name: "Backtest", exact: true }).click();
  const panel = page.getByTestId("backtest-panel");
  await expect(panel).toBeVisible();

  // 7 carts: 2 cancelled by a purchase within the day, gus still inside his 24 hours,
  // 4 reminders due of which eve's has no phone to go to.
  await expect(panel.getByTestId("backtest-headline")).toHaveText("Over the last 30 days: 7 users would have entered; 3 messages: 3 push");
  await expect(page.getByTestId("node-trigger").getByTestId("node-backtest-entered")).toHaveText("7 entered");
  const delay = page.getByTestId("node-delay");
  await expect(delay.getByTestId("node-backtest-waiting")).toHaveText("1 waiting");
  await expect(delay.getByTestId("node-backtest-passed")).toHaveText("4 passed");
  await expect(page.getByTestId("node-cancel").getByTestId("node-backtest-cancelled")).toHaveText("2 cancelled");
  const send = page.getByTestId("node-action");
  await expect(send.getByTestId("node-backtest-sent")).toHaveText("3 sent");
  await expect(send.getByTestId("node-backtest-skipped")).toHaveText("1 skipped");
  await expect(panel.getByTestId("backtest-entered")).toHaveText("7");
  await expect(panel.getByTestId("backtest-users")).toHaveText("7");
  await expect(panel.getByTestId("backtest-messages")).toHaveText("3");
  // The triggers and the purchases that could cancel them: 7 + 3.
  await expect(panel.getByTestId("backtest-scanned")).toHaveText("10");
  await expect(panel.getByTestId("backtest-chart")).toBeVisible();
  const samples = panel.getByTestId("backtest-samples").getByTestId("rendered-message");
  await expect(samples).toHaveCount(3);
  await expect(panel.getByTestId("backtest-samples")).toContainText("You left 2 items (120.00 EUR)");
  await expect(panel.getByTestId("backtest-samples")).toContainText("You left 3 items (89.90 EUR)");
  await expect(panel.getByTestId("backtest-samples")).toContainText("You left 2 items (54.00 EUR)");
  const overlap = panel.getByTestId("backtest-overlap");
  await expect(overlap).toHaveCount(1);
  await expect(overlap).toContainText("Basket push");
  await expect(overlap).toContainText("1 person messaged by both");
  await expect(overlap.getByRole("link", { name: "Basket push" })).toHaveAttribute("href", `/connectors/${live.id}`);
  await expect(page.getByTestId("backtest-banner")).toContainText("Backtest · last 30 days");
  await attachScreenshot(page, testInfo, "backtest");

  // The last 7 days leave out ada's and ben's carts.
  await panel.getByRole("radio", { name: "Last 7 days" }).click();
  await expect(panel.getByTestId("backtest-headline")).toHaveText("Over the last 7 days: 5 users would have entered; 2 messages: 2 push");
  await expect(page.getByTestId("node-cancel").getByTestId("node-backtest-cancelled")).toHaveText("1 cancelled");
  await expect(panel.getByTestId("backtest-scanned")).toHaveText("6");

  // Editing the canvas says the counts are about another graph; clearing removes them.
  await panel.getByRole("button", { name: "Close backtest" }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByTestId("backtest-banner")).toBeVisible();
  await page.getByTestId("backtest-banner").getByRole("button", { name: "Clear backtest counts" }).click();
  await expect(page.getByTestId("backtest-banner")).toBeHidden();
  await expect(page.locator('[data-testid^="node-backtest-"]')).toHaveCount(0);

  // Publishing asks first, with the live connector it overlaps.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Publish “Cart abandonment”?" });
  await expect(dialog.getByTestId("publish-forecast")).toBeVisible();
  await expect(dialog.locator('[data-testid="publish-warning"][data-code="overlap"]')).toContainText("“Basket push” is live, also starts on ADDTOCART and sends by push");
  await dialog.getByRole("button", { name: "Publish anyway" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("connector-status")).toHaveText("Live");
});

test("the Test panel walks a user through cart abandonment: a purchase 2 hours later cancels it, and the path lights up", async ({ page, request }, testInfo) => {
  const shop = await freshShop(page, "Test Panel Shop");
  await ok(await request.put("/api/v1/users/ada_lovelace", { headers: shop.app, data: { name: "Ada Lovelace", email: "ada@example.com" } }));
  await ok(await request.post("/api/v1/events", { headers: shop.app, data: { events: [{ userId: "ada_lovelace", event: "PURCHASE" }] } }), 202);

  await openCartTemplate(page);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const panel = page.getByTestId("test-panel");
  await expect(panel).toBeVisible();

  // The user, found by name.
  const user = panel.getByRole("combobox", { name: "User" });
  await user.fill("Lovelace");
  await panel.getByRole("option", { name: /ada_lovelace/ }).click();
  await expect(user).toHaveValue("ada_lovelace");

  // ADDTOCART (the trigger's event, filled in) with its cart, then PURCHASE 2 hours later.
  await expect(panel.getByLabel("Event 1", { exact: true })).toHaveValue("ADDTOCART");
  await panel.getByRole("button", { name: "Data of event 1" }).click();
  await panel.getByLabel("Data of event 1 (JSON)").fill('{ "qty": 2, "amount": "120.00", "currency": "EUR" }');
  await panel.getByRole("button", { name: "Add event" }).click();
  await panel.getByLabel("Event 2", { exact: true }).fill("PURCHASE");
  await panel.getByLabel("Gap before event 2").fill("2");
  await panel.getByLabel("Gap unit before event 2").selectOption("hours");
  await panel.getByRole("button", { name: "Run test" }).click();

  const journey = panel.getByTestId("test-journey");
  await expect(journey).toHaveCount(1);
  await expect(journey.getByTestId("test-journey-status")).toHaveText("Cancelled");
  await expect(journey.locator('[data-testid="test-step"][data-kind="cancelled"]')).toContainText("Cancelled by PURCHASE");
  await expect(journey.locator('[data-testid="test-step"][data-kind="cancelled"]')).toContainText("+2 h");

  // The path it took is lit; the reminder it never reached is dimmed.
  for (const type of ["trigger", "delay", "cancel"]) await expect(page.getByTestId(`node-${type}`)).toHaveAttribute("data-path", "lit");
  await expect(page.getByTestId("node-action")).toHaveAttribute("data-path", "dim");
  await expect(page.locator(".cue-edge-lit")).toHaveCount(2);
  await expect(page.locator(".cue-edge-dim")).toHaveCount(1);
  await expect(page.getByTestId("node-cancel").getByTestId("node-path-note")).toHaveText("Cancelled by PURCHASE");
  await expect(page.getByTestId("test-banner")).toContainText("Path of ada_lovelace · cancelled by PURCHASE");
  await attachScreenshot(page, testInfo, "test-panel");

  // Two days later instead: the reminder goes out, rendered with the cart.
  await panel.getByLabel("Gap unit before event 2").selectOption("days");
  await panel.getByRole("button", { name: "Run test" }).click();
  await expect(journey.getByTestId("test-journey-status")).toHaveText("Completed");
  await expect(journey.getByTestId("rendered-message")).toContainText("You left 2 items (120.00 EUR)");
  await expect(page.getByTestId("node-action")).toHaveAttribute("data-path", "lit");
  await expect(page.locator(".cue-edge-lit")).toHaveCount(3);
  await attachScreenshot(page, testInfo, "test-panel-sent");

  // Closed, the canvas is the draft again; nothing was saved or sent.
  await panel.getByRole("button", { name: "Close test" }).click();
  await expect(page.locator("[data-path]")).toHaveCount(0);
  await expect(page.locator(".cue-edge-lit")).toHaveCount(0);
  const { messages } = await ok<MessageList>(await request.get("/api/v1/messages?userId=ada_lovelace", { headers: shop.master }));
  expect(messages).toEqual([]);
});
