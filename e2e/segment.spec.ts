// The real analytics.js (@segment/analytics-next's browser bundle) on a page of another
// origin, configured with nothing but Cue's write key and cdnURL: its page, track and
// identify calls land in Cue, trigger a connector, and a retried call is stored once.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./support";

const CUE = `http://127.0.0.1:${Number(process.env.CUE_E2E_PORT) || 3210}`;
const MASTER = `Basic ${Buffer.from("e2e_key:e2e_master").toString("base64")}`;
const BUNDLE_DIR = path.join(process.cwd(), "node_modules/@segment/analytics-next/dist/umd");

// The "customer's site": the test page and the library, on an origin of its own.
let site: Server;
let siteUrl: string;

test.beforeAll(async () => {
  site = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://x");
    try {
      if (pathname === "/") {
        res.writeHead(200, { "content-type": "text/html" }).end(await readFile(path.join(__dirname, "segment-page.html")));
      } else if (pathname === "/analytics-next.js") {
        res.writeHead(200, { "content-type": "text/javascript" }).end(await readFile(path.join(BUNDLE_DIR, "index.js")));
      } else {
        res.writeHead(404).end();
      }
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => site?.close(resolve));
});

/** The write key as Settings shows it (which is also how a customer gets it). */
async function writeKeyFromSettings(page: Page): Promise<string> {
  await signIn(page);
  await page.goto("/settings");
  const writeKey = (await page.getByTestId("value-write key").textContent())!.trim();
  expect(writeKey).toMatch(/^wk_/);
  await expect(page.getByTestId("segment-snippet-browser")).toContainText(`writeKey: "${writeKey}"`);
  await expect(page.getByTestId("segment-snippet-browser")).toContainText(`cdnURL: "${CUE}"`);
  await expect(page.getByTestId("segment-snippet-node")).toContainText(`host: "${CUE}"`);
  return writeKey;
}

async function openShop(page: Page, writeKey: string) {
  // The bundle's lazy chunks would come from cdn.segment.com; none may be needed, and the
  // test stays offline either way.
  await page.route("https://cdn.segment.com/**", (route) => route.abort());
  await page.goto(`${siteUrl}/?writeKey=${encodeURIComponent(writeKey)}&cue=${encodeURIComponent(CUE)}`);
  // AnalyticsBrowser is a thenable that settles once the settings are loaded from Cue.
  await page.evaluate(async () => {
    await (window as any).analytics;
  });
}

async function master<T = any>(request: APIRequestContext, method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = await request.fetch(url, { method, headers: { authorization: MASTER }, data });
  expect(response.ok(), `${method} ${url}: ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function storedEvents(request: APIRequestContext, userId: string): Promise<string[]> {
  const response = await request.get(`/api/v1/users/${userId}`, { headers: { authorization: MASTER } });
  if (response.status() !== 200) return [];
  const user = (await response.json()) as { events: { event: string }[] };
  return user.events.map((e) => e.event).filter((name) => !name.startsWith("message.")).reverse();
}

test("analytics.js page, track and identify calls land in Cue and trigger a published connector", async ({ page, request }) => {
  const writeKey = await writeKeyFromSettings(page);
  const userId = `web_${Date.now()}`;
  const created = await master<{ id: string }>(request, "POST", "/api/v1/connectors", {
    name: `Web order ${userId}`,
    graph: {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "Order Completed", where: [{ path: "orderId", op: "eq", value: userId }] } },
        { id: "a", type: "action", position: { x: 0, y: 120 }, data: { kind: "send", channel: "email", subject: "Order confirmed, {{ user.name }}", body: "Order {{ event.data.orderId }}" } },
      ],
      edges: [{ id: "e", source: "t", target: "a" }],
    },
  });
  await master(request, "POST", `/api/v1/connectors/${created.id}/publish`);

  await openShop(page, writeKey);
  const anonymousId = await page.evaluate(async (id) => {
    const analytics = (window as any).analytics;
    await analytics.page("Catalog", "Kettles", { section: "kitchen" });
    await analytics.track("Product Viewed", { sku: "kettle-1" });
    const [instance] = await analytics;
    const anonymous = instance.user().anonymousId();
    await analytics.identify(id, { email: "web@example.com", name: "Webb", plan: "pro" });
    await analytics.track("Order Completed", { orderId: id, total: 42 });
    return anonymous as string;
  }, userId);

  // Everything before identify was anonymous, and now belongs to the user.
  await expect.poll(() => storedEvents(request, userId)).toEqual(["page.viewed", "Product Viewed", "Order Completed"]);
  const user = await master(request, "GET", `/api/v1/users/${userId}`);
  expect(user).toMatchObject({ email: "web@example.com", name: "Webb", attributes: { plan: "pro" } });
  const page1 = user.events.find((e: { event: string }) => e.event === "page.viewed");
  expect(page1.data).toMatchObject({ name: "Kettles", category: "Catalog", section: "kitchen", path: "/" });
  expect((await request.get(`/api/v1/users/${anonymousId}`, { headers: { authorization: MASTER } })).status()).toBe(404);

  await expect
    .poll(async () => (await master(request, "GET", `/api/v1/messages?connectorId=${created.id}`)).messages.map((m: { subject: string }) => m.subject))
    .toEqual(["Order confirmed, Webb"]);

  // And the dashboard shows the merged timeline.
  await page.goto(`/users/${userId}`);
  const timeline = page.getByTestId("event-timeline");
  await expect(timeline).toContainText("Order Completed");
  await expect(timeline).toContainText("page.viewed");
});

test("a call analytics.js retries after losing the answer is stored once", async ({ page, request }) => {
  const writeKey = await writeKeyFromSettings(page);
  const userId = `web_retry_${Date.now()}`;
  const attempts: (string | undefined)[] = [];
  // Cue stores the first attempt; the browser is told 503 and sends the same message again.
  await page.route(`${CUE}/v1/t`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    attempts.push(route.request().headers()["x-retry-count"]);
    if (attempts.length > 1) return route.continue();
    await route.fetch();
    await route.fulfill({ status: 503, headers: { "access-control-allow-origin": "*" }, body: "" });
  });
  await openShop(page, writeKey);
  const messageId = await page.evaluate(async (id) => {
    const analytics = (window as any).analytics;
    await analytics.identify(id);
    const ctx = await analytics.track("Checkout Started", { cart: 3 });
    return ctx.event.messageId as string;
  }, userId);

  await expect.poll(() => attempts.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(attempts[1]).toBeDefined(); // the retry says so in X-Retry-Count
  await expect.poll(() => storedEvents(request, userId)).toEqual(["Checkout Started"]);
  const user = await master(request, "GET", `/api/v1/users/${userId}`);
  expect(user.events.filter((e: { id: string }) => e.id === messageId)).toHaveLength(1);
});

test("rotating the write key in Settings refuses the old key", async ({ page, request }) => {
  const oldKey = await writeKeyFromSettings(page);
  await page.getByRole("button", { name: "Rotate" }).nth(2).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate write key" }).click();
  await expect(page.getByTestId("value-write key")).not.toHaveText(oldKey);
  const newKey = (await page.getByTestId("value-write key").textContent())!.trim();
  await expect(page.getByTestId("segment-snippet-node")).toContainText(newKey);

  const send = (key: string) =>
    request.post("/v1/track", {
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
      data: { userId: "web_rotate", event: "Ping" },
    });
  expect((await send(oldKey)).status()).toBe(401);
  const accepted = await send(newKey);
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toEqual({ success: true });
});
