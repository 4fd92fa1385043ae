import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

// Later spec files share this server: quiet hours covering now would hold their messages.
test.afterAll(async ({ request }) => {
  const res = await request.put("/api/v1/delivery-policy", { headers: MASTER, data: { timezone: "UTC", quietHours: null, caps: [], capMode: "drop" } });
  expect(res.ok(), await res.text()).toBe(true);
});

const clock = (at: Date) => at.toISOString().slice(11, 16);

/** A live connector: event → webhook "Parcel {{ event.data.parcel }} is on its way". */
async function publishWebhookSend(request: APIRequestContext, event: string): Promise<string> {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
      { id: "hook", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "Parcel {{ event.data.parcel }} is on its way" } },
    ],
    edges: [{ id: "e1", source: "t", target: "hook" }],
  };
  const created = await request.post("/api/v1/connectors", { headers: MASTER, data: { name: `Parcel webhook ${Date.now()}`, graph } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await request.post(`/api/v1/connectors/${id}/publish`, { headers: MASTER });
  expect(published.status(), await published.text()).toBe(200);
  return id;
}

test("an admin adds a topic and sets quiet hours and a cap in Settings; both are kept and said in words, and a held message shows in the log", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Topics" }).click();
  await expect(page).toHaveURL(/\/settings\/topics$/);

  // A new opt-in topic, listed at once.
  const key = `deals-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "New topic" });
  await form.getByLabel("Name").fill("Weekly deals");
  await form.getByLabel("Key").fill(key);
  await form.getByLabel(/Opt-in/).check();
  await form.getByRole("button", { name: "Add topic" }).click();
  const row = page.locator(`[data-testid="topic-row"][data-topic="${key}"]`);
  await expect(row).toContainText("Weekly deals");
  await expect(row).toContainText("Opt-in");

  // The same key again: the API's 409 is shown under the key.
  await form.getByLabel("Name").fill("Weekly deals again");
  await form.getByLabel("Key").fill(key);
  await form.getByRole("button", { name: "Add topic" }).click();
  await expect(form.getByTestId("field-error")).toHaveText(`A topic "${key}" already exists`);
  await page.reload();
  await expect(row).toContainText("Opt-in");
  await expect(page.locator('[data-testid="topic-row"][data-topic="transactional"]')).toContainText("Built-in");

  // Quiet hours around now (UTC) for push, SMS and webhook, and a push cap.
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Delivery policy" }).click();
  await expect(page).toHaveURL(/\/settings\/delivery$/);
  const now = Date.now();
  const start = clock(new Date(now - 60 * 60_000));
  const end = clock(new Date(now + 2 * 60 * 60_000));
  await page.getByLabel("Time zone", { exact: true }).fill("UTC");
  await page.getByRole("switch", { name: "Quiet hours" }).click();
  const quiet = page.getByTestId("quiet-hours");
  await quiet.getByLabel("From", { exact: true }).fill(start);
  await quiet.getByLabel("Until", { exact: true }).fill(start);
  await quiet.getByLabel("Webhook").check();
  await page.getByRole("button", { name: "Add a cap" }).click();
  await page.getByLabel("Cap 1 channel").selectOption("push");
  await page.getByLabel("Cap 1 at most").fill("3");
  await page.getByLabel("Cap 1 per amount").fill("1");
  await page.getByLabel("Cap 1 per unit").selectOption("days");
  await expect(page.getByTestId("cap-words")).toHaveText("At most 3 push per user per day");

  // A window that ends when it starts: the API refuses it, next to "Until".
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(quiet.getByTestId("field-error")).toHaveText("Until: The window ends when it starts: choose a different end");
  await quiet.getByLabel("Until", { exact: true }).fill(end);
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("policy-save-bar")).toContainText("Saved");

  await page.reload();
  await expect(quiet.getByLabel("From", { exact: true })).toHaveValue(start);
  await expect(quiet.getByLabel("Until", { exact: true })).toHaveValue(end);
  await expect(quiet.getByLabel("Webhook")).toBeChecked();
  await expect(page.getByTestId("quiet-hours-words")).toHaveText(`Push, SMS and Webhook wait from ${start} to ${end} in each user's time zone`);
  await expect(page.getByTestId("cap-words")).toHaveText("At most 3 push per user per day");
  const saved = await (await request.get("/api/v1/delivery-policy", { headers: MASTER })).json();
  expect(saved).toMatchObject({ timezone: "UTC", quietHours: { start, end, channels: ["push", "sms", "webhook"], mode: "hold" }, caps: [{ channel: "push", max: 3, per: { amount: 1, unit: "days" } }] });

  // A webhook due now is held until the window ends.
  const connectorId = await publishWebhookSend(request, "PARCEL_SHIPPED");
  const userId = `u_quiet_${Date.now()}`;
  const parcel = `P-${Date.now().toString(36).toUpperCase()}`;
  expect((await request.post("/api/v1/events", { headers: APP, data: { userId, event: "PARCEL_SHIPPED", data: { parcel } } })).status()).toBe(202);
  await expect
    .poll(async () => {
      await request.post("/api/v1/cron/tick", { headers: MASTER });
      const { messages } = (await (await request.get(`/api/v1/messages?userId=${userId}`, { headers: MASTER })).json()) as { messages: { status: string }[] };
      return messages[0]?.status;
    })
    .toBe("held");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Messages" }).click();
  await page.getByLabel("Status").selectOption("held");
  await expect(page).toHaveURL(/[?&]status=held/);
  const held = page.getByTestId("message-row").filter({ hasText: `Parcel ${parcel} is on its way` });
  await expect(held.getByTestId("message-status")).toHaveText("Held");
  await expect(held.getByTestId("message-reason")).toContainText(`Held for quiet hours until ${end} UTC`);
  await expect(held.getByTestId("message-reason")).toContainText("sends in");
  await held.getByTestId("message-open").click();
  await expect(page.getByTestId("message-held-reason")).toContainText(`Held for quiet hours until ${end} UTC`);

  // The connector's send offers the topics and the exemptions.
  await page.goto(`/connectors/${connectorId}`);
  await page.getByTestId("node-action").click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector.getByLabel("Topic")).toHaveValue("");
  await expect(inspector.getByLabel("Topic").locator("option", { hasText: "Weekly deals · opt-in" })).toHaveCount(1);
  await expect(inspector.getByLabel("Send during quiet hours")).not.toBeChecked();
  await expect(inspector.getByLabel("Ignore frequency caps")).not.toBeChecked();
});

test("an admin unsubscribes a user from marketing on the profile; it is kept and recorded on the timeline", async ({ page, request }) => {
  const userId = `u_subs_${Date.now()}`;
  expect((await request.put(`/api/v1/users/${userId}`, { headers: APP, data: { email: "subs@example.com", timezone: "Europe/Lisbon" } })).ok()).toBe(true);

  await signIn(page);
  await page.goto(`/users/${userId}`);
  const card = page.getByTestId("user-subscriptions");
  const marketing = card.getByRole("switch", { name: "Marketing" });
  await expect(marketing).toHaveAttribute("aria-checked", "true");
  await expect(card.getByRole("switch", { name: "Transactional" })).toBeDisabled();
  await expect(card.getByTestId("subscriptions-clock")).toContainText("Europe/Lisbon");

  await marketing.click();
  await expect(card.getByRole("status")).toHaveText("Recorded on the timeline as user.unsubscribed.");
  await card.getByRole("switch", { name: "SMS" }).click();
  await expect(card.getByRole("switch", { name: "SMS" })).toHaveAttribute("aria-checked", "false");

  await page.reload();
  await expect(marketing).toHaveAttribute("aria-checked", "false");
  await expect(card.getByRole("switch", { name: "SMS" })).toHaveAttribute("aria-checked", "false");
  await expect(card.getByRole("switch", { name: "Email" })).toHaveAttribute("aria-checked", "true");
  const subscriptions = await (await request.get(`/api/v1/users/${userId}/subscriptions`, { headers: MASTER })).json();
  expect(subscriptions).toMatchObject({ topics: { marketing: false, transactional: true }, channels: { email: true, sms: false, push: true } });
  await expect(page.getByText("user.unsubscribed").first()).toBeVisible();
});
