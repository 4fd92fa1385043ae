// What every spec shares: the credentials playwright.config.ts gives the server, and
// signing in as its admin.
import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "e2e-password-123" };

export function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
}

/** Headers for calls with the application secret, and with the master secret. */
export const APP = { authorization: basic("e2e_key", "e2e_secret") };
export const MASTER = { authorization: basic("e2e_key", "e2e_master") };

export async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/overview$/);
}
