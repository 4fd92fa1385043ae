import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

// Later spec files share this server and its database: hand every channel back on the default provider.
test.afterAll(async ({ request }) => {
  for (const channel of ["push", "email", "sms", "webhook"]) {
    const res = await request.put(`/api/v1/channels/${channel}`, { headers: MASTER, data: { provider: "log", config: {} } });
    expect(res.ok(), await res.text()).toBe(true);
  }
});

async function putUser(request: APIRequestContext, userId: string, profile: Record<string, unknown>) {
  const res = await request.put(`/api/v1/users/${encodeURIComponent(userId)}`, { headers: APP, data: profile });
  expect(res.ok(), await res.text()).toBe(true);
}

/** An order-confirmation connector: PURCHASE → email "Order {{ event.data.order_nr }} confirmed". */
async function publishOrderEmail(request: APIRequestContext): Promise<string> {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "PURCHASE", reentry: "always" } },
      {
        id: "email",
        type: "action",
        position: { x: 0, y: 150 },
        data: { kind: "send", channel: "email", subject: "Order {{ event.data.order_nr }} confirmed", body: "Thanks {{ user.name }}, your order is on its way." },
      },
    ],
    edges: [{ id: "e1", source: "t", target: "email" }],
  };
  const created = await request.post("/api/v1/connectors", { headers: MASTER, data: { name: `Order email ${Date.now()}`, graph } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await request.post(`/api/v1/connectors/${id}/publish`, { headers: MASTER });
  expect(published.status(), await published.text()).toBe(200);
  return id;
}

test("a sent email shows in the message log, filters by channel and user, and opens with its subject and delivery", async ({ page, request }) => {
  await publishOrderEmail(request);
  const userId = `u_buyer_${Date.now()}`;
  const orderNr = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const subject = `Order ${orderNr} confirmed`;
  await putUser(request, userId, { email: "buyer@example.com", name: "Bea Buyer" });
  const sent = await request.post("/api/v1/events", { headers: APP, data: { userId, event: "PURCHASE", data: { order_nr: orderNr } } });
  expect(sent.status()).toBe(202);

  await expect
    .poll(async () => {
      expect((await request.post("/api/v1/cron/tick", { headers: MASTER })).status()).toBe(200);
      const res = await request.get(`/api/v1/messages?userId=${userId}`, { headers: MASTER });
      const { messages } = (await res.json()) as { messages: { subject: string | null; status: string }[] };
      return messages.find((m) => m.subject === subject)?.status;
    })
    .toBe("sent");

  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Messages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  const row = page.getByTestId("message-row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("message-status")).toHaveText("Sent");
  await expect(row.getByRole("link", { name: userId })).toHaveAttribute("href", `/users/${userId}`);

  // Channel filter: kept in the URL, and it really narrows the log.
  await page.getByLabel("Channel").selectOption("sms");
  await expect(page).toHaveURL(/[?&]channel=sms/);
  await expect(row).toHaveCount(0);
  await page.getByLabel("Channel").selectOption("email");
  await expect(page).toHaveURL(/[?&]channel=email/);
  await expect(row).toBeVisible();

  // User filter: only this user's messages remain, and the filtered link can be shared.
  await page.getByLabel("User id").fill(userId);
  await expect(page).toHaveURL(new RegExp(`[?&]user=${userId}`));
  await expect(page.getByTestId("message-row")).toHaveCount(1);
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByLabel("Channel")).toHaveValue("email");
  await expect(page.getByLabel("User id")).toHaveValue(userId);
  await expect(page.getByTestId("message-row")).toHaveCount(1);

  // Detail: the rendered subject, one delivery attempt, the lifecycle event.
  await page.getByTestId("message-row").getByTestId("message-open").click();
  const drawer = page.getByTestId("message-drawer");
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(/[?&]message=msg_/);
  await expect(drawer.getByTestId("preview-subject")).toHaveText(subject);
  await expect(drawer.getByTestId("message-preview")).toContainText("Thanks Bea Buyer, your order is on its way.");
  await expect(drawer.getByTestId("delivery-attempt")).toHaveCount(1);
  await expect(drawer.getByTestId("delivery-attempt")).toContainText("Delivered to provider");
  await expect(drawer.getByTestId("lifecycle-events")).toContainText("message.sent");
  await expect(drawer.getByTestId("message-user-link")).toHaveAttribute("href", `/users/${userId}`);

  // Escape closes the panel and drops the message from the URL, keeping the filters.
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]message=/);
  await expect(page).toHaveURL(/[?&]channel=email/);
});

test("the webhook channel switches to HTTP, keeps its headers masked, and a test send shows the provider's error", async ({ page, request }) => {
  const userId = `u_hook_${Date.now()}`;
  await putUser(request, userId, { name: "Hook Tester" });

  await signIn(page);
  await page.goto("/settings/channels");
  await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Channels" })).toHaveAttribute("aria-current", "page");
  const card = page.getByTestId("channel-webhook");
  await card.getByRole("button", { name: /Set up|Edit/ }).click();
  await card.getByRole("radio", { name: /HTTP webhook/ }).check();
  await card.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/cue-e2e");
  await card.getByRole("button", { name: "Add header" }).click();
  await card.getByLabel("Header 1 name").fill("Authorization");
  await card.getByLabel("Header 1 value").fill("Bearer e2e-token");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await expect(card.getByTestId("channel-provider")).toHaveText("HTTP webhook");

  // The API never returns the stored value; the form shows the header by name only.
  const channels = (await (await request.get("/api/v1/channels", { headers: MASTER })).json()) as {
    channels: { channel: string; provider: string; config: Record<string, unknown> }[];
  };
  expect(channels.channels.find((c) => c.channel === "webhook")).toMatchObject({
    provider: "http",
    config: { url: "http://127.0.0.1:9/cue-e2e", headers: { Authorization: "••••••••" } },
  });
  await page.reload();
  await card.getByRole("button", { name: "Edit" }).click();
  await expect(card.getByLabel("Header 1 name")).toHaveValue("Authorization");
  await expect(card.getByLabel("Header 1 value")).toHaveValue("");
  await expect(card.getByLabel("Header 1 value")).toHaveAttribute("placeholder", /stored/);

  // Changing only the URL sends the masked headers back, and the server keeps them.
  await card.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/cue-e2e-2");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await expect(card.getByTestId("channel-summary")).toHaveText("http://127.0.0.1:9/cue-e2e-2 · 1 header");
  await expect(card.getByLabel("Header 1 name")).toHaveValue("Authorization");

  // A test send to a real user reaches the provider, which refuses the loopback address.
  const test = card.getByTestId("test-send");
  await test.getByLabel("Test recipient user id").fill(userId);
  await test.getByRole("button", { name: "Send test" }).click();
  const result = test.getByTestId("test-send-result");
  await expect(result).toHaveAttribute("data-status", "failed");
  await expect(result).toContainText("private and loopback addresses are blocked");

  // An unknown user is named as such rather than as a delivery failure.
  await test.getByLabel("Test recipient user id").fill(`${userId}_nobody`);
  await test.getByRole("button", { name: "Send test" }).click();
  await expect(test.getByRole("alert")).toContainText("No such user");
});

test("a provider's invalid settings show next to their fields", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings/channels#email");
  const card = page.getByTestId("channel-email");
  await card.getByRole("radio", { name: /SMTP/ }).check();
  await card.getByRole("textbox", { name: "Host" }).fill("smtp.example.com");
  await card.getByRole("textbox", { name: "Port" }).fill("not-a-port");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByTestId("field-port").getByTestId("field-error")).toHaveText("Enter a number");
  await expect(card.getByTestId("field-from").getByTestId("field-error")).toHaveText("Required");
  await expect(card.getByTestId("channel-provider")).toHaveText("Log only");
});

test("Web Push shows its generated public key for apps to copy, and a later save keeps the same key", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings/channels#push");
  const card = page.getByTestId("channel-push");
  await card.getByRole("radio", { name: /Web Push/ }).check();
  await card.getByLabel("Contact").fill("mailto:ops@example.com");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  const key = card.getByTestId("value-public VAPID key");
  await expect(key).toHaveText(/^B[A-Za-z0-9_-]{80,}$/);
  const generated = await key.textContent();
  await expect(card.getByRole("button", { name: "Copy public VAPID key" })).toBeVisible();

  await card.getByLabel("Contact").fill("https://example.com/contact");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByTestId("channel-summary")).toHaveText("Contact https://example.com/contact");
  await expect(key).toHaveText(generated!);
});
