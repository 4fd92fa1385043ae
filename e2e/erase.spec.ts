// Erasure from the dashboard: the profile's "Erase user" dialog only erases once the
// admin has typed the user id, then the users page confirms it and the profile is gone.
import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

test("an admin erases a user after typing their id, and the profile is gone", async ({ page, request }) => {
  const userId = `u_erase_${Date.now()}`;
  const sent = await request.post("/api/v1/events", { headers: APP, data: { userId, event: "SIGNUP", data: { plan: "pro" } } });
  expect(sent.status()).toBe(202);
  expect((await request.put(`/api/v1/users/${userId}`, { headers: APP, data: { email: "erin@example.com", name: "Erin Example" } })).status()).toBe(200);

  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Erin Example" })).toBeVisible();

  await page.getByRole("button", { name: "Erase user" }).click();
  const dialog = page.getByRole("dialog", { name: "Erase this user?" });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Erase user" });
  const input = dialog.getByLabel(/to confirm/);
  await expect(input).toBeFocused();
  await expect(confirm).toBeDisabled();

  // Anything but the exact id keeps the button disabled.
  await input.fill(userId.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await input.fill(userId);
  await expect(confirm).toBeEnabled();
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: "/tmp/shots/erase.png" });

  await confirm.click();
  // The list tidies the address bar (it keeps only its search and page); the notice stays.
  await expect(page).toHaveURL(/\/users(\?erased=[^&]+)?$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByTestId("erased-notice")).toContainText(`User ${userId} was erased`);

  expect((await request.get(`/api/v1/users/${userId}`, { headers: MASTER })).status()).toBe(404);
  const profile = await page.goto(`/users/${encodeURIComponent(userId)}`);
  expect(profile?.status()).toBe(404);
});

test("cancelling the dialog erases nothing", async ({ page, request }) => {
  const userId = `u_keep_${Date.now()}`;
  expect((await request.post("/api/v1/events", { headers: APP, data: { userId, event: "SIGNUP" } })).status()).toBe(202);
  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  await page.getByRole("button", { name: "Erase user" }).click();
  const dialog = page.getByRole("dialog", { name: "Erase this user?" });
  await dialog.getByLabel(/to confirm/).fill(userId);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await request.get(`/api/v1/users/${userId}`, { headers: MASTER })).status()).toBe(200);
  // Opening it again starts from an empty confirmation.
  await page.getByRole("button", { name: "Erase user" }).click();
  await expect(dialog.getByLabel(/to confirm/)).toHaveValue("");
});
