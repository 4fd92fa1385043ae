import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, basic, signIn } from "./support";

async function sendEvents(request: APIRequestContext, body: unknown, secret = "e2e_secret", key = "e2e_key") {
  return request.post("/api/v1/events", {
    headers: { authorization: basic(key, secret), "content-type": "application/json" },
    data: body,
  });
}

test("an admin signs in, a server-side event arrives, and it shows on the user's timeline", async ({ page, request }) => {
  await signIn(page);
  await expect(page.getByTestId("signed-in-email")).toHaveText(ADMIN.email);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  const userId = `u_shipping_${Date.now()}`;
  const response = await sendEvents(request, {
    userId,
    event: "SHIPPING",
    data: { status: "shipped", order: { nr: "A1001", items: 2 } },
  });
  expect(response.status()).toBe(202);
  expect(await response.json()).toEqual({ accepted: 1, duplicates: 0 });

  await page.getByLabel("Search users").fill(userId);
  // The list writes its search into the address bar once the typing settles; clicking before
  // that lets the address-bar update land on top of the navigation to the profile.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${userId}$`));
  const row = page.getByRole("link", { name: new RegExp(userId) });
  await expect(row).toBeVisible();
  await row.click();

  await expect(page).toHaveURL(new RegExp(`/users/${userId}$`));
  await expect(page.getByTestId("profile-user-id")).toHaveText(userId);
  const timeline = page.getByTestId("event-timeline");
  const event = timeline.getByTestId("timeline-event").first();
  await expect(event).toContainText("SHIPPING");
  await expect(event.getByRole("list", { name: "Event data" })).toContainText("status");
  await expect(event.getByRole("list", { name: "Event data" })).toContainText("shipped");

  // Nested data stays folded until asked for.
  await event.getByRole("button", { name: /order/ }).click();
  await expect(event.locator("pre")).toContainText('"nr": "A1001"');
});

test("the timeline pages through a long history with Load more", async ({ page, request }) => {
  const userId = `u_history_${Date.now()}`;
  const start = Date.now() - 60 * 60_000;
  const events = Array.from({ length: 30 }, (_, i) => ({
    userId,
    event: "VIEWPRODUCT",
    data: { product: `p${i}` },
    timestamp: new Date(start + i * 60_000).toISOString(),
  }));
  expect((await sendEvents(request, { events })).status()).toBe(202);

  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  const items = page.getByTestId("timeline-event");
  await expect(items).toHaveCount(25);
  await expect(items.first()).toContainText("p29"); // newest first
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(items).toHaveCount(30);
  await expect(items.last()).toContainText("p0");
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

test("a wrong password shows an error and keeps the admin on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test("dashboard pages need a session, and signing out ends it", async ({ page }) => {
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/login$/);
});

test("settings shows the application key and a curl example that uses it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByTestId("value-application key")).toHaveText("e2e_key");
  const curl = page.getByTestId("curl-example");
  await expect(curl).toContainText('curl -u "e2e_key:$APP_SECRET"');
  await expect(curl).toContainText("/api/v1/events");
});

test("an unknown user shows a not-found page", async ({ page }) => {
  await signIn(page);
  const response = await page.goto("/users/nobody-by-this-id");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
});

test("a new application shows its credentials once, and rotating its secret retires the old one", async ({ page, request }) => {
  await signIn(page);
  await page.getByRole("button", { name: /Switch application/ }).click();
  await page.getByRole("button", { name: "New application" }).click();
  await page.getByLabel("Name").fill("Shop staging");
  await page.getByRole("button", { name: "Create application" }).click();

  const created = page.getByRole("dialog", { name: "Shop staging is ready" });
  await expect(created).toBeVisible();
  const key = (await created.getByTestId("value-application key").textContent())!;
  const oldSecret = (await created.getByTestId("value-application secret").textContent())!;
  expect(key).toMatch(/^ak_/);
  await created.getByRole("button", { name: /saved them/ }).click();
  await expect(page.getByTestId("current-app-name").first()).toHaveText("Shop staging");

  expect((await sendEvents(request, { userId: "u_1", event: "PING" }, oldSecret, key)).status()).toBe(202);

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByTestId("value-application key")).toHaveText(key);
  await page.getByRole("button", { name: "Rotate" }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate application secret" }).click();
  const rotated = page.getByRole("dialog", { name: "New application secret" });
  await expect(rotated).toContainText("stopped working");
  const newSecret = (await rotated.getByTestId("value-new application secret").textContent())!;
  expect(newSecret).not.toBe(oldSecret);
  await rotated.getByRole("button", { name: "I’ve saved it" }).click();
  await expect(rotated).toBeHidden();

  expect((await sendEvents(request, { userId: "u_1", event: "PING" }, oldSecret, key)).status()).toBe(401);
  expect((await sendEvents(request, { userId: "u_1", event: "PING" }, newSecret, key)).status()).toBe(202);
});
