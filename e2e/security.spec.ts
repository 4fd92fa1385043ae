// Stored XSS: event data, event names, user names, ids and attributes, and connector names
// and templates carrying script payloads must render as text on every dashboard page that
// shows them. window.__xss stays undefined, no injected <img> exists, and the literal text
// is visible.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

test.use({ viewport: { width: 1600, height: 1000 } }); // wide enough for every table column

const SCRIPT = "<script>window.__xss=1</script>";
const IMG = '"><img src=x onerror=window.__xss=1>';
const JS_URL = "javascript:window.__xss=1";

const stamp = Date.now().toString(36);
const userId = `u_xss_${stamp}_${IMG}`;
const eventName = `XSS_${stamp} ${SCRIPT}`;
const userName = `Mallory ${IMG} ${SCRIPT}`;
const connectorName = `Winback ${stamp} ${SCRIPT}${IMG}`;
const subject = `Hi ${IMG}`;
const templateName = `Nudge ${stamp} ${SCRIPT}${IMG}`;

async function ok(response: Promise<import("@playwright/test").APIResponse>, status = 200) {
  const res = await response;
  expect(res.status(), await res.text()).toBe(status);
  return res.json();
}

/** A user, an event, and a published connector whose email went out, all carrying payloads. */
async function seed(request: APIRequestContext): Promise<{ connectorId: string; messageId: string }> {
  const path = `/api/v1/users/${encodeURIComponent(userId)}`;
  await ok(request.put(path, { headers: APP, data: { email: "mallory@example.com", name: userName, attributes: { [SCRIPT]: IMG, note: `${IMG}${SCRIPT}` } } }));
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: eventName, reentry: "always" } },
      {
        id: "mail",
        type: "action",
        position: { x: 0, y: 160 },
        data: { kind: "send", channel: "email", subject, body: `Dear {{ user.name }}, ${SCRIPT} {{ event.data.html }}`, url: JS_URL },
      },
    ],
    edges: [{ id: "e1", source: "t", target: "mail" }],
  };
  const { id: connectorId } = await ok(request.post("/api/v1/connectors", { headers: MASTER, data: { name: connectorName, graph } }), 201);
  await ok(request.post(`/api/v1/connectors/${connectorId}/publish`, { headers: MASTER }));
  await ok(request.post("/api/v1/events", { headers: APP, data: { userId, event: eventName, data: { html: `${IMG}${SCRIPT}`, [IMG]: SCRIPT } } }), 202);

  let messageId: string | undefined;
  await expect
    .poll(async () => {
      await ok(request.post("/api/v1/cron/tick", { headers: MASTER }));
      const { messages } = await ok(request.get(`/api/v1/messages?connectorId=${connectorId}`, { headers: MASTER }));
      messageId = (messages as { id: string; status: string }[]).find((m) => m.status === "sent")?.id;
      return messageId;
    })
    .toBeTruthy();
  return { connectorId, messageId: messageId! };
}

/** Nothing ran: no flag set, no injected image (whose failed load would run onerror). */
async function expectInert(page: Page, where: string) {
  await page.waitForTimeout(300); // an injected <img src=x> fails to load and fires onerror asynchronously
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: window.__xss`).toBeUndefined();
  await expect(page.locator('img[src="x"]'), `${where}: injected <img>`).toHaveCount(0);
}

async function expectText(page: Page, text: string, where: string) {
  // Visible ones only: the overview also lists event names as <option>s of a closed select.
  await expect(page.getByText(text, { exact: false }).filter({ visible: true }).first(), `${where}: "${text}" shown as text`).toBeVisible();
}

test("script payloads in events, users and connectors render as text on every dashboard page", async ({ page, request }) => {
  const { connectorId, messageId } = await seed(request);
  const injectedImageLoads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.split("/").at(-1) === "x") injectedImageLoads.push(r.url());
  });
  await signIn(page);

  // First: the overview lists only the latest few events.
  await page.goto("/overview");
  await expectText(page, eventName, "overview");
  await expectInert(page, "overview");

  await page.goto(`/users?q=${encodeURIComponent(`u_xss_${stamp}`)}`);
  await expect(page.getByRole("link", { name: /Mallory/ })).toBeVisible();
  await expectInert(page, "users list");
  await expectText(page, userName, "users list");
  await expectText(page, userId, "users list");

  await page.getByRole("link", { name: new RegExp(`Mallory`) }).first().click();
  await expect(page.getByTestId("profile-user-id")).toHaveText(userId);
  await expectText(page, userName, "user profile");
  await expectText(page, SCRIPT, "user profile attributes");
  await expectText(page, `${IMG}${SCRIPT}`, "user profile attributes");
  const timeline = page.getByTestId("event-timeline");
  await expect(timeline.getByText(eventName).first()).toBeVisible();
  await expect(timeline.getByText(`${IMG}${SCRIPT}`).first()).toBeVisible();
  await expectInert(page, "user profile");

  await page.goto("/connectors");
  await expect(page.getByTestId("connector-row").filter({ hasText: connectorName })).toBeVisible();
  await expectInert(page, "connectors list");

  await page.goto(`/connectors/${connectorId}`);
  await expect(page.getByTestId("connector-name")).toHaveText(connectorName);
  const mail = page.getByTestId("node-action");
  await expect(mail.getByTestId("node-summary")).toContainText(subject);
  await expect(page.getByTestId("node-trigger")).toContainText(SCRIPT);
  await mail.click();
  const fields = await page.getByTestId("inspector").locator("input, textarea").evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  expect(fields).toEqual(expect.arrayContaining([subject, `Dear {{ user.name }}, ${SCRIPT} {{ event.data.html }}`]));
  await expectInert(page, "connector editor");

  // A template's name and texts, in the list and in the editor's fields and preview.
  const template = await ok(request.post("/api/v1/templates", { headers: MASTER, data: { name: templateName, channel: "push", title: subject, body: `${SCRIPT} {{ user.name }}` } }), 201);
  await page.goto("/templates");
  await expect(page.getByTestId("template-row").filter({ hasText: templateName })).toBeVisible();
  await expectInert(page, "templates list");
  await page.goto(`/templates/${template.id}`);
  await expect(page.getByLabel("Name")).toHaveValue(templateName);
  await expect(page.getByTestId("preview-title")).toHaveText(subject);
  await expectInert(page, "template editor");

  await page.goto("/messages");
  const row = page.getByTestId("message-row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expectInert(page, "messages");
  await row.getByTestId("message-open").click();
  const drawer = page.getByTestId("message-drawer");
  await expect(drawer.getByTestId("preview-subject")).toHaveText(subject);
  await expect(drawer.getByTestId("message-preview")).toContainText(`${SCRIPT} ${IMG}${SCRIPT}`);
  // A javascript: URL from a template never becomes a live link.
  const open = drawer.getByRole("link", { name: "Open", exact: true });
  await expect(open).toHaveCount(1);
  expect(await open.getAttribute("href")).not.toMatch(/^javascript:window/);
  await expectInert(page, "message drawer");

  await page.goto(`/messages/${messageId}`);
  await expectText(page, subject, "message page");
  await expectText(page, userId, "message page");
  await expectInert(page, "message page");

  expect(injectedImageLoads).toEqual([]);
});
