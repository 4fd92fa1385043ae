import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

// The browser SDK end to end: the demo shop at /demo/shop loads /sdk.js and tells the
// seed's story; Cue's API and dashboard show what arrived; going offline and coming
// back loses nothing and stores nothing twice.

const ADMIN = { email: "admin@example.com", password: "e2e-password-123" };
const MASTER = `Basic ${Buffer.from("e2e_key:e2e_master").toString("base64")}`;
const SHOP = "/demo/shop?key=e2e_key&secret=e2e_secret";

type StoredEvent = { id: string; userId: string; event: string; data: Record<string, unknown> };

async function api<T = any>(request: APIRequestContext, method: "GET" | "POST" | "DELETE", path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(path, { method, headers: { authorization: MASTER }, data });
  expect(response.ok(), `${method} ${path} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function eventsOf(request: APIRequestContext, userId: string, event?: string): Promise<StoredEvent[]> {
  const query = new URLSearchParams({ userId, limit: "100", ...(event ? { event } : {}) });
  return (await api<{ events: StoredEvent[] }>(request, "GET", `/api/v1/events?${query}`)).events;
}

async function countsOf(request: APIRequestContext, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const e of await eventsOf(request, userId)) counts[e.event] = (counts[e.event] ?? 0) + 1;
  return counts;
}

const chain = (...steps: { id: string; type: string; data: Record<string, unknown> }[]) => ({
  nodes: steps.map((step, i) => ({ ...step, position: { x: 0, y: i * 150 } })),
  edges: steps.slice(1).map((step, i) => ({ id: `e${i + 1}`, source: steps[i]!.id, target: step.id })),
});

async function publishConnector(request: APIRequestContext, name: string, graph: unknown): Promise<string> {
  const connector = await api<{ id: string }>(request, "POST", "/api/v1/connectors", { name, graph });
  const published = await api<{ status: string }>(request, "POST", `/api/v1/connectors/${connector.id}/publish`);
  expect(published.status).toBe("active");
  return connector.id;
}

async function openShop(page: Page) {
  await page.goto(SHOP);
  // The secret is saved in the browser and taken out of the address.
  await expect(page).toHaveURL(/\/demo\/shop(#.*)?$/);
  await expect(page.getByText("Demo", { exact: true })).toBeVisible();
  await page.getByRole("dialog", { name: "Good coffee, at home" }).getByRole("button", { name: "Start shopping" }).click();
  await expect(page.getByTestId("sdk-anonymous-id")).toHaveText(/^anon_/);
}

async function signUp(page: Page, name: string, email: string): Promise<string> {
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(`Hi, ${name}`);
  const userId = page.getByTestId("sdk-user-id");
  await expect(userId).toHaveText(/^shopper_/);
  return (await userId.textContent())!;
}

async function addToCart(page: Page, product: string, qty = 1) {
  await page.getByRole("button", { name: product, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: product })).toBeVisible();
  if (qty > 1) await page.getByLabel("Quantity").selectOption(String(qty));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to your cart" })).toBeVisible();
  await page.getByRole("button", { name: "← All products" }).click();
}

// Asks the SDK itself (Cue.status()), so a reload or a not-yet-loaded script never reads as empty.
const queued = (page: Page) =>
  page.evaluate(() => {
    const status = (window as { Cue?: { status?: () => { initialized: boolean; queued: number } } }).Cue?.status?.();
    return status?.initialized ? status.queued : -1;
  });
const queueDrained = (page: Page) => expect.poll(() => queued(page), { timeout: 30_000 }).toBe(0);

test.describe("browser SDK and demo shop", () => {
  let cartConnector: string;
  let orderConnector: string;

  test.beforeAll(async ({ request }) => {
    const stamp = Date.now();
    cartConnector = await publishConnector(
      request,
      `SDK e2e cart abandonment ${stamp}`,
      chain(
        { id: "trigger", type: "trigger", data: { kind: "event", event: "ADDTOCART" } },
        { id: "delay", type: "delay", data: { amount: 24, unit: "hours" } },
        { id: "cancel", type: "cancel", data: { events: ["PURCHASE"] } },
        { id: "send", type: "action", data: { kind: "send", channel: "push", body: "You left {{ event.data.qty }} items ({{ event.data.amount }} {{ event.data.currency }})" } },
      ),
    );
    orderConnector = await publishConnector(
      request,
      `SDK e2e order confirmation ${stamp}`,
      chain(
        { id: "trigger", type: "trigger", data: { kind: "event", event: "PURCHASE" } },
        { id: "send", type: "action", data: { kind: "send", channel: "email", subject: "Order {{ event.data.order_nr }} confirmed", body: "Thank you for order {{ event.data.order_nr }}." } },
      ),
    );
  });

  // Later spec files share this server: leave no live connector behind to react to their events.
  test.afterAll(async ({ request }) => {
    for (const id of [cartConnector, orderConnector]) if (id) await api(request, "DELETE", `/api/v1/connectors/${id}`);
  });

  test("the demo shop's story arrives in Cue: events, profile, order confirmation, a cancelled cart reminder", async ({ page, request }) => {
    await openShop(page);
    const anonymousId = (await page.getByTestId("sdk-anonymous-id").textContent())!;
    const email = `ada+${Date.now()}@example.com`;
    const userId = await signUp(page, "Ada Lovelace", email);

    await addToCart(page, "Espresso Roast", 2);
    await page.getByRole("button", { name: "Gooseneck Kettle", exact: true }).click();
    await page.getByRole("button", { name: "Notify me when back in stock" }).click();
    await expect(page.getByRole("button", { name: "You're on the list" })).toBeDisabled();
    // The cart reached Cue before the purchase: a shopper takes longer than one batch.
    await queueDrained(page);

    await page.getByRole("button", { name: /^Cart, 2 items$/ }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("€48.00");
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByTestId("order-confirmation")).toContainText(email);
    const orderNr = (await page.getByTestId("order-nr").textContent())!;
    await queueDrained(page);

    // The events, through the API, on the identified user.
    // (app.* and ONBOARDING_COMPLETE came before sign-up: checked below; message.* are Cue's own.)
    const storyEvents = async () =>
      (await eventsOf(request, userId))
        .map((e) => e.event)
        .filter((name) => !/^(app|message)\./.test(name) && name !== "ONBOARDING_COMPLETE")
        .sort();
    await expect.poll(storyEvents).toEqual(
      ["ADDTOCART", "NOTIFY_ME", "PURCHASE", "SIGNUP", "VIEWPRODUCT", "VIEWPRODUCT"].sort(),
    );
    const [addToCartEvent] = await eventsOf(request, userId, "ADDTOCART");
    expect(addToCartEvent!.data).toEqual({ product: "espresso-roast", qty: "2", amount: "48.00", currency: "EUR" });
    const [purchase] = await eventsOf(request, userId, "PURCHASE");
    expect(purchase!.data).toEqual({ order_nr: orderNr, amount: "48.00", currency: "EUR" });

    // app.open of the first visit was logged before sign-up: on the anonymous id, or on
    // the user once the server merges anonymous ids. The next visit logs it for the user.
    const firstOpens = [...(await eventsOf(request, anonymousId, "app.open")), ...(await eventsOf(request, userId, "app.open"))];
    expect(firstOpens.length).toBe(1);
    const onboarding = [...(await eventsOf(request, anonymousId, "ONBOARDING_COMPLETE")), ...(await eventsOf(request, userId, "ONBOARDING_COMPLETE"))];
    expect(onboarding.length).toBe(1);
    await page.reload();
    await expect(page.getByTestId("sdk-user-id")).toHaveText(userId);
    await expect.poll(async () => (await eventsOf(request, userId, "app.open")).length).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await eventsOf(request, userId, "app.close")).length).toBeGreaterThanOrEqual(1);

    // The identify reached the profile.
    const profile = await api(request, "GET", `/api/v1/users/${userId}`);
    expect(profile).toMatchObject({ userId, name: "Ada Lovelace", email });

    // The order confirmation connector sent its email.
    await expect
      .poll(async () => {
        const { messages } = await api(request, "GET", `/api/v1/messages?userId=${userId}&connectorId=${orderConnector}`);
        return messages.map((m: { channel: string; subject: string; status: string }) => `${m.channel} ${m.status} ${m.subject}`);
      }, { timeout: 20_000 })
      .toEqual([`email sent Order ${orderNr} confirmed`]);

    // The cart reminder was waiting for 24 hours; the purchase cancelled it, so it never sends.
    await expect
      .poll(async () => {
        const { nodes } = await api<{ nodes: Record<string, { entered: number; waiting: number; cancelled: number }> }>(
          request, "GET", `/api/v1/connectors/${cartConnector}/stats`,
        );
        const total = (key: "waiting" | "cancelled") => Object.values(nodes).reduce((sum, n) => sum + n[key], 0);
        return { entered: nodes.trigger?.entered ?? 0, waiting: total("waiting"), cancelled: total("cancelled") };
      }, { timeout: 20_000 })
      .toEqual({ entered: 1, waiting: 0, cancelled: 1 });
    const reminders = await api(request, "GET", `/api/v1/messages?userId=${userId}&connectorId=${cartConnector}`);
    expect(reminders.messages).toEqual([]);

    // The dashboard shows them on the user's timeline.
    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await page.goto(`/users/${encodeURIComponent(userId)}`);
    await expect(page.getByTestId("profile-user-id")).toHaveText(userId);
    const timeline = page.getByTestId("event-timeline");
    for (const name of ["app.open", "VIEWPRODUCT", "ADDTOCART", "PURCHASE"]) {
      await expect(timeline.getByTestId("timeline-event").filter({ hasText: name }).first()).toBeVisible();
    }
  });

  test("offline and back, through a reload and a lost response: no event lost, none stored twice", async ({ page, context, request }) => {
    await openShop(page);
    const userId = await signUp(page, "Grace Hopper", `grace+${Date.now()}@example.com`);
    await queueDrained(page);
    const before = await countsOf(request, userId);

    // 1. The browser goes offline; the SDK keeps what it logs, and sends it when the
    //    `online` event says the network is back.
    await context.setOffline(true);
    await addToCart(page, "Espresso Roast");
    await addToCart(page, "Hand Grinder");
    await expect.poll(() => queued(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(4); // 2 views + 2 carts
    await expect(page.getByTestId("sdk-queued")).not.toHaveText("0");
    await context.setOffline(false);
    await queueDrained(page);

    // 2. Cue cannot be reached while the page reloads: the queue survives in localStorage
    //    and goes out with backoff once requests get through again.
    await page.route("**/api/v1/events", (route) => route.abort("internetdisconnected"));
    await addToCart(page, "Ethiopia Yirgacheffe");
    await page.reload();
    await expect(page.getByTestId("sdk-user-id")).toHaveText(userId);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("cue:e2e_key:queue") ?? "[]").map((op: { event?: string }) => op.event));
    expect(stored).toEqual(expect.arrayContaining(["VIEWPRODUCT", "ADDTOCART", "app.open"]));
    await page.waitForTimeout(1_500); // at least one failed attempt
    await page.unroute("**/api/v1/events");
    await queueDrained(page);

    // 3. Cue stores a batch but the answer never reaches the browser: the retry carries
    //    the same ids, so the server counts duplicates instead of storing them again.
    let lost = 0;
    await page.route("**/api/v1/events", async (route) => {
      if (lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await addToCart(page, "Hand Grinder", 3);
    await expect.poll(() => lost, { timeout: 10_000 }).toBe(1);
    await queueDrained(page);
    await page.unroute("**/api/v1/events");

    const after = await countsOf(request, userId);
    const added = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect({ VIEWPRODUCT: added("VIEWPRODUCT"), ADDTOCART: added("ADDTOCART"), "app.open": added("app.open") }).toEqual({
      VIEWPRODUCT: 4,
      ADDTOCART: 4,
      "app.open": 1,
    });
    expect(added("app.close")).toBeGreaterThanOrEqual(1);
    const all = await eventsOf(request, userId);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const carts = (await eventsOf(request, userId, "ADDTOCART")).map((e) => `${e.data.product}×${e.data.qty}`).sort();
    expect(carts).toEqual(["espresso-roast×1", "yirgacheffe×1", "hand-grinder×1", "hand-grinder×3"].sort());
  });

  test("the API reference lists every operation with curl examples that use the app's key", async ({ page, request }) => {
    const openapi = await (await request.get("/api/v1/openapi.json")).json();
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/events", "/api/v1/users/{userId}", "/api/v1/messages"]));

    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await page.goto("/docs");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
    for (const tag of ["Events", "Users", "Connectors", "Messages", "Segments", "Channels"]) {
      await expect(page.getByRole("heading", { level: 2, name: tag, exact: true })).toBeVisible();
    }
    const operations = Object.values(openapi.paths).reduce((n: number, item) => n + Object.keys(item as object).length, 0);
    await expect(page.getByTestId("api-operation")).toHaveCount(operations);
    const logEvents = page.locator("#postEvents");
    await expect(logEvents.getByTestId("curl")).toContainText('-u "e2e_key:$CUE_APP_SECRET"');
    await expect(logEvents.getByTestId("curl")).toContainText("/api/v1/events");
    await expect(page.locator("#getMessages").getByTestId("curl")).toContainText("e2e_key:$CUE_MASTER_SECRET");
    await expect(page.getByTestId("sdk-snippet")).toContainText('appKey: "e2e_key"');
  });
});
