import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

// Names of this run only, so other specs sharing the server cannot be mistaken for them.
const tag = Date.now().toString(36).toUpperCase();
const VIEW = `OV_VIEW_${tag}`;
const BUY = `OV_BUY_${tag}`;
const SIGNUP = `OV_SIGNUP_${tag}`;
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

async function sendEvents(request: APIRequestContext, events: object[]) {
  const res = await request.post("/api/v1/events", { headers: APP, data: { events } });
  expect(res.status(), await res.text()).toBe(202);
}

/** SIGNUP → webhook (the default log provider records it as sent). */
async function publishWelcome(request: APIRequestContext): Promise<string> {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: SIGNUP } },
      { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "welcome" } },
    ],
    edges: [{ id: "e1", source: "t", target: "a" }],
  };
  const created = await request.post("/api/v1/connectors", { headers: MASTER, data: { name: `Welcome ${tag}`, graph } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await request.post(`/api/v1/connectors/${id}/publish`, { headers: MASTER })).status()).toBe(200);
  return id;
}

test("the overview charts seeded events, compares names, and sets a connector goal", async ({ page, request }, testInfo) => {
  await publishWelcome(request);
  const users = ["ov_a", "ov_b", "ov_c", "ov_d"].map((u) => `${u}_${tag}`);
  await sendEvents(request, [
    ...Array.from({ length: 40 }, (_, i) => ({ userId: users[i % 4], event: VIEW, timestamp: ago((i * 37) % 140) })),
    ...Array.from({ length: 25 }, (_, i) => ({ userId: users[i % 2], event: BUY, timestamp: ago((i * 19) % 120) })),
    ...users.flatMap((userId, u) => [0, 1, 2, 3].filter((d) => d <= u + 1).map((d) => ({ userId, event: "app.open", timestamp: ago(d * 24 + 1) }))),
  ]);
  // Signed up just now, then two of them buy: conversion 2 of 4 once BUY is the goal.
  await sendEvents(request, users.map((userId) => ({ userId, event: SIGNUP })));
  await sendEvents(request, users.slice(0, 2).map((userId) => ({ userId, event: BUY, timestamp: new Date(Date.now() + 1000).toISOString() })));

  await signIn(page);
  await page.goto("/overview?range=7d");
  await expect(page.getByRole("link", { name: "7 d" })).toHaveAttribute("aria-current", "page");

  const top = page.getByRole("table", { name: "Top events" });
  await expect(top).toContainText(VIEW);
  await expect(top).toContainText(BUY);

  // The events chart draws one line per charted name (each with its chip); the seeded ones are among them.
  const chart = page.getByTestId("events-chart");
  await expect(chart.locator(".recharts-line-curve").first()).toBeVisible();
  await expect(page.getByRole("button", { name: `Remove ${VIEW} from the chart` })).toBeVisible();
  // With few names in the database SIGNUP may be charted already: take it off first.
  const chip = page.getByRole("button", { name: `Remove ${SIGNUP} from the chart` });
  if (await chip.count()) await chip.click();
  await expect(page.getByRole("button", { name: `Remove ${SIGNUP} from the chart` })).toHaveCount(0);
  const lines = await chart.locator(".recharts-line-curve").count();

  // Compare one more name, by hour.
  await page.getByRole("combobox", { name: "Add an event to compare" }).selectOption(SIGNUP);
  await expect(page.getByRole("button", { name: `Remove ${SIGNUP} from the chart` })).toBeVisible();
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(lines + 1);
  await page.getByRole("button", { name: "Hourly" }).click();
  await expect(page.getByRole("button", { name: "Hourly" })).toHaveAttribute("aria-pressed", "true");
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(lines + 1);

  await expect(page.getByTestId("dau-chart").locator(".recharts-area-area")).toBeVisible();

  // The welcome messages go out on the ticker (every second): reload until they show.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("messages-chart").locator(".recharts-bar-rectangle").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // Choose the goal in the connector table.
  const row = page.getByRole("row").filter({ hasText: `Welcome ${tag}` });
  await expect(row).toContainText("Set goal");
  await row.getByRole("button", { name: "Set goal" }).click();
  const dialog = page.getByRole("dialog", { name: `Goal for Welcome ${tag}` });
  await dialog.getByLabel("Goal event").fill(BUY);
  await dialog.getByRole("button", { name: "Save goal" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(`${BUY} · 168 h`);
  await expect(row).toContainText("50%");

  await page.getByRole("button", { name: "Daily" }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });
  await testInfo.attach("overview", { path: "test-results/overview.png", contentType: "image/png" });
});
