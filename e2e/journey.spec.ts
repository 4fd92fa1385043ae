import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

// The per-user journey trace on the profile: connectors made through the API, events sent
// with the app's credentials, the server's own 1 s ticker moving them on, and the profile
// read as an admin. Event names are this spec's own, so other specs' connectors stay out.

const made: string[] = [];
test.afterAll(async ({ request }) => {
  for (const id of made.splice(0)) await request.delete(`/api/v1/connectors/${id}`, { headers: MASTER });
});

/** trigger → delay → cancel on `cancelOn` → push "You left {{ event.data.qty }} items". */
async function publishCartReminder(request: APIRequestContext, name: string, trigger: string, cancelOn: string, delay: { amount: number; unit: string }) {
  const graph = {
    nodes: [
      { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: trigger, reentry: "always" } },
      { id: "wait", type: "delay", position: { x: 0, y: 150 }, data: delay },
      { id: "paid", type: "cancel", position: { x: 0, y: 300 }, data: { events: [cancelOn] } },
      { id: "remind", type: "action", position: { x: 0, y: 450 }, data: { kind: "send", channel: "push", title: "You left {{ event.data.qty }} items", body: "Your cart is waiting" } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "wait" },
      { id: "e2", source: "wait", target: "paid" },
      { id: "e3", source: "paid", target: "remind" },
    ],
  };
  const created = await request.post("/api/v1/connectors", { headers: MASTER, data: { name, graph } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  made.push(id);
  const published = await request.post(`/api/v1/connectors/${id}/publish`, { headers: MASTER });
  expect(published.status(), await published.text()).toBe(200);
  return id;
}

async function sendEvent(request: APIRequestContext, userId: string, event: string, data: Record<string, unknown> = {}) {
  const res = await request.post("/api/v1/events", { headers: APP, data: { userId, event, data } });
  expect(res.status(), await res.text()).toBe(202);
}

async function latestJourney(request: APIRequestContext, userId: string) {
  const res = await request.get(`/api/v1/users/${encodeURIComponent(userId)}`, { headers: MASTER });
  if (!res.ok()) return null;
  const body = (await res.json()) as { journeys: { status: string; summary: string; waiting: unknown }[] };
  return body.journeys[0] ?? null;
}

test("the profile shows what a journey waits for, then the event that cancelled it", async ({ page, request }) => {
  await publishCartReminder(request, "Cart abandonment (journey e2e)", "JR_ADDTOCART", "JR_PURCHASE", { amount: 1, unit: "minutes" });
  const userId = `jr-cancel-${Date.now()}`;
  await signIn(page);

  await sendEvent(request, userId, "JR_ADDTOCART", { qty: "2" });
  await expect.poll(async () => (await latestJourney(request, userId))?.waiting ?? null, { timeout: 15_000 }).toMatchObject({ delay: "1 minute" });
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  const journey = page.getByTestId("journey").first();
  await expect(journey).toHaveAttribute("data-status", "in_progress");
  await expect(journey.getByTestId("journey-status")).toHaveText("In progress");
  await expect(journey.getByTestId("journey-waiting")).toContainText("Waiting 1 minute, until");
  await expect(journey.getByTestId("journey-waiting")).toContainText("JR_PURCHASE before then cancels it");
  await page.screenshot({ path: "/tmp/jr-profile-waiting.png", fullPage: true });

  await sendEvent(request, userId, "JR_PURCHASE", { order_nr: "E2E-1" });
  await expect.poll(async () => (await latestJourney(request, userId))?.status, { timeout: 15_000 }).toBe("cancelled");
  await page.reload();
  await expect(journey).toHaveAttribute("data-status", "cancelled");
  await expect(journey.getByTestId("journey-status")).toHaveText("Cancelled");
  await expect(journey.getByRole("link", { name: "Cart abandonment (journey e2e)" })).toHaveAttribute("href", /\/connectors\/.+/);
  const steps = journey.getByTestId("journey-step");
  await expect(steps.first()).toContainText("Entered from JR_ADDTOCART");
  await expect(steps.last()).toHaveAttribute("data-kind", "cancelled");
  await expect(steps.last()).toContainText("Cancelled by JR_PURCHASE");
  await expect(journey.getByTestId("journey-waiting")).toHaveCount(0);
  await page.screenshot({ path: "/tmp/jr-profile-cancelled.png", fullPage: true });
});

test("the profile tells the push a journey sent and links to it", async ({ page, request }) => {
  // The shortest delay the engine allows is 1 second; 0.05 minutes (3 s) reads back as "3 seconds".
  await publishCartReminder(request, "Quick cart reminder (journey e2e)", "JR_QUICK_ADD", "JR_QUICK_BUY", { amount: 0.05, unit: "minutes" });
  const userId = `jr-sent-${Date.now()}`;
  const device = await request.post(`/api/v1/users/${userId}/devices`, { headers: APP, data: { platform: "ios", token: `tok-${userId}` } });
  expect(device.status()).toBe(201);

  await sendEvent(request, userId, "JR_QUICK_ADD", { qty: "3" });
  await expect.poll(async () => (await latestJourney(request, userId))?.status, { timeout: 20_000 }).toBe("completed");

  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  const journey = page.getByTestId("journey").first();
  await expect(journey).toHaveAttribute("data-status", "completed");
  await expect(journey.getByTestId("journey-step").filter({ hasText: "Waited 3 seconds" })).toHaveCount(1);
  await expect(journey.getByTestId("journey-step").filter({ hasText: "Sent push 'You left 3 items'" })).toHaveCount(1);
  await expect(page.getByTestId("user-messages")).toContainText("You left 3 items");
  await page.screenshot({ path: "/tmp/jr-profile-sent.png", fullPage: true });

  await journey.getByRole("link", { name: "View message" }).click();
  await expect(page).toHaveURL(/\/messages\?.*message=/);
  await expect(page.getByText("You left 3 items").first()).toBeVisible();
});
