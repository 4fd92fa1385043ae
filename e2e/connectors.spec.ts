import { expect, test, type APIRequestContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { ADMIN, APP, MASTER, signIn } from "./support";

// Room for the palette, the canvas and the inspector side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

const CART_BODY = "You left {{ event.data.qty }} items ({{ event.data.amount }} {{ event.data.currency }})";

// Connectors this spec publishes would otherwise go on reacting to other specs' events
// (PURCHASE, ADDTOCART) in the shared e2e database; each test removes what it made.
const made: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of made.splice(0)) await request.delete(`/api/v1/connectors/${id}`, { headers: MASTER });
});

function editorId(page: Page): string {
  const id = new URL(page.url()).pathname.split("/").pop()!;
  made.push(id);
  return id;
}

async function newBlankConnector(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  await page.getByRole("button", { name: "New connector" }).click();
  const dialog = page.getByRole("dialog", { name: "New connector" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create and open" }).click();
  await expect(page).toHaveURL(/\/connectors\/[^/]+$/);
  await expect(page.getByTestId("connector-name")).toHaveText(name);
  await expect(page.getByTestId("canvas-empty")).toBeVisible();
}

/** Drags a step from the palette and drops it on the canvas at (x, y) of the pane. */
async function dropStep(page: Page, type: string, x: number, y: number): Promise<Locator> {
  const before = await page.getByTestId(`node-${type}`).count();
  await page.getByTestId(`palette-${type}`).dragTo(page.locator(".react-flow__pane"), { targetPosition: { x, y } });
  await expect(page.getByTestId(`node-${type}`)).toHaveCount(before + 1);
  return page.getByTestId(`node-${type}`).nth(before);
}

/** Draws a connection by dragging from one node's output handle to another's input. */
async function connect(page: Page, from: Locator, to: Locator, handle = "source") {
  const start = handle === "source" ? from.locator(".react-flow__handle.source") : from.locator(`.react-flow__handle[data-handleid="${handle}"]`);
  const a = (await start.boundingBox())!;
  const b = (await to.locator(".react-flow__handle.target").boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** A screenshot kept in the run's output folder (test-results/…) and attached to the report. */
/** Waits until the element stops moving (two reads of its box 100 ms apart agree): the canvas animates when it frames a graph. */
async function whenStill(element: Locator) {
  let last = "";
  await expect
    .poll(async () => {
      const box = JSON.stringify(await element.boundingBox());
      const still = box === last;
      last = box;
      return still;
    }, { intervals: [100] })
    .toBe(true);
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Publish asks first: the dialog shows the forecast and any warnings, and this confirms it. */
async function publishThroughDialog(page: Page, label: "Publish" | "Publish changes" = "Publish") {
  await page.getByRole("button", { name: label, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("publish-forecast")).toBeVisible();
  await dialog.getByRole("button", { name: /^Publish/ }).click();
  await expect(dialog).toBeHidden();
}

async function tickUntil<T>(request: APIRequestContext, read: () => Promise<T | undefined>): Promise<T> {
  let found: T | undefined;
  await expect
    .poll(
      async () => {
        expect((await request.post("/api/v1/cron/tick", { headers: MASTER })).status()).toBe(200);
        found = await read();
        return found !== undefined;
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

test("a marketer builds cart abandonment on an empty canvas, publishes it, and the reminder goes out with the cart data", async ({ page, request }, testInfo) => {
  await signIn(page);
  await newBlankConnector(page, "Cart reminder (hand-built)");
  const connectorId = editorId(page);

  // Four steps from the palette, dropped top to bottom.
  const trigger = await dropStep(page, "trigger", 480, 70);
  const delay = await dropStep(page, "delay", 480, 230);
  const cancel = await dropStep(page, "cancel", 480, 390);
  const action = await dropStep(page, "action", 480, 550);
  await expect(page.getByTestId("canvas-empty")).toHaveCount(0);

  // Unconnected, the steps are flagged where they are and publishing is off.
  await expect(action).toHaveAttribute("data-invalid", "true");
  await expect(page.getByTestId("problem-list")).toContainText("not connected to the trigger");
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();

  await connect(page, trigger, delay);
  await connect(page, delay, cancel);
  await connect(page, cancel, action);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.getByTestId("problem-list")).not.toContainText("not connected");

  // The inspector, step by step.
  await trigger.click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByLabel("Event", { exact: true }).fill("ADDTOCART");
  await expect(trigger.getByTestId("node-summary")).toHaveText("When ADDTOCART");

  await delay.click();
  await inspector.getByLabel("Amount").fill("24");
  await inspector.getByLabel("Unit").selectOption("hours");
  await expect(delay.getByTestId("node-summary")).toHaveText("Wait 24 hours");

  await cancel.click();
  await inspector.getByRole("combobox", { name: "Cancelling events" }).fill("PURCHASE");
  await inspector.getByRole("combobox", { name: "Cancelling events" }).press("Enter");
  await expect(cancel.getByTestId("node-summary")).toHaveText("Cancel if PURCHASE");

  // The action still has no message: the problem shows on the node and in the list.
  await action.click();
  await expect(action.getByTestId("node-problem-count")).toContainText("1");
  await expect(page.getByTestId("problem-list")).toContainText("Write the message");
  await expect(inspector.getByTestId("field-error")).toContainText("Write the message");
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();

  await inspector.getByLabel("Message", { exact: true }).fill(CART_BODY);
  // The live preview renders the template as it is typed (a sample event: no ADDTOCART yet).
  await expect(inspector.getByTestId("template-preview")).toContainText("You left [qty] items ([amount] [currency])");
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await expect(action).not.toHaveAttribute("data-invalid", "true");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-state")).toContainText(/Saved|All changes saved/);
  await publishThroughDialog(page);
  await expect(page.getByTestId("connector-status")).toHaveText("Live");
  await expect(page.getByTestId("connector-version")).toHaveText("v1");

  // The saved graph is the domain graph, with the connections drawn on the canvas.
  const saved = await (await request.get(`/api/v1/connectors/${connectorId}`, { headers: MASTER })).json();
  expect(saved.graph.nodes.map((node: { type: string }) => node.type).sort()).toEqual(["action", "cancel", "delay", "trigger"]);
  expect(Object.keys(saved.graph.nodes[0]).sort()).toEqual(["data", "id", "position", "type"]);
  expect(saved.graph.edges).toHaveLength(3);

  // A shopper with a phone leaves a cart 25 hours ago; the next tick sends the reminder.
  const userId = `u_cart_${Date.now()}`;
  expect((await request.post(`/api/v1/users/${userId}/devices`, { headers: APP, data: { platform: "ios", token: "t1" } })).status()).toBe(201);
  const event = await request.post("/api/v1/events", {
    headers: APP,
    data: { userId, event: "ADDTOCART", data: { qty: "2", amount: "120.00", currency: "EUR" }, timestamp: new Date(Date.now() - 25 * 3_600_000).toISOString() },
  });
  expect(event.status()).toBe(202);

  const message = await tickUntil(request, async () => {
    const body = await (await request.get(`/api/v1/messages?connectorId=${connectorId}&userId=${userId}`, { headers: MASTER })).json();
    return (body.messages as Array<{ body: string; status: string; channel: string }>).find((m) => m.status === "sent");
  });
  expect(message).toMatchObject({ channel: "push", body: "You left 2 items (120.00 EUR)" });

  // The canvas counts it; the Messages page lists it.
  await page.reload();
  await expect(page.getByTestId("node-trigger").getByTestId("node-stat-entered")).toHaveText("1 entered");
  await expect(page.getByTestId("node-action").getByTestId("node-stat-sent")).toHaveText("1 sent");
  await attachScreenshot(page, testInfo, "cart-abandonment-live-counts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Messages" }).click();
  await expect(page.getByText("You left 2 items (120.00 EUR)").first()).toBeVisible();
});

test("a template from the gallery opens as a ready graph that publishes, pauses and keeps its history", async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto("/connectors");
  await page.getByRole("button", { name: "Use template Order confirmation" }).click();
  // Creating waits its turn on the embedded database behind the background work earlier specs left (PGlite runs one statement at a time).
  await expect(page).toHaveURL(/\/connectors\/[^/]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("connector-name")).toHaveText("Order confirmation");
  editorId(page);
  await expect(page.locator(".react-flow__node")).toHaveCount(2);
  await expect(page.getByTestId("node-action").getByTestId("node-summary")).toContainText("Email: Order");
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await attachScreenshot(page, testInfo, "editor-with-template");

  await publishThroughDialog(page);
  await expect(page.getByTestId("connector-status")).toHaveText("Live");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("connector-status")).toHaveText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("connector-status")).toHaveText("Live");

  // A second version, then the first one opened read-only.
  await page.getByTestId("node-action").click();
  await page.getByTestId("inspector").getByLabel("Subject").fill("Your order {{ event.data.order_nr }} is confirmed");
  await expect(page.getByRole("button", { name: "Publish changes" })).toBeEnabled();
  await publishThroughDialog(page, "Publish changes");
  await expect(page.getByTestId("connector-version")).toHaveText("v2");

  await page.getByRole("button", { name: "History" }).click();
  const versions = page.getByTestId("version-item");
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText("Version 2");
  await expect(versions.first()).toContainText(ADMIN.email);
  await versions.nth(1).getByRole("button", { name: "View" }).click();
  await expect(page.getByTestId("version-banner")).toContainText("Version 1");
  await expect(page.getByTestId("node-action").getByTestId("node-summary")).toContainText("Email: Order");
  // The canvas frames the version with a short animation: a click during it can land beside the node.
  await whenStill(page.getByTestId("node-action"));
  await page.getByTestId("node-action").click();
  await expect(page.getByTestId("inspector").getByLabel("Subject")).toBeDisabled();
  await attachScreenshot(page, testInfo, "version-read-only");
  await page.getByRole("button", { name: "Back to draft" }).click();
  await expect(page.getByTestId("node-action").getByTestId("node-summary")).toContainText("Your order");

  await page.goto("/connectors");
  const row = page.getByTestId("connector-row").filter({ hasText: "Order confirmation" });
  await expect(row).toContainText("Live");
  await expect(row).toContainText("v2");
});

test("an unconnected action is flagged on the node, publishing stays off, and leaving asks first", async ({ page }) => {
  await signIn(page);
  await newBlankConnector(page, "Half-built welcome");
  editorId(page);
  const trigger = await dropStep(page, "trigger", 480, 80);
  await page.getByTestId("inspector").getByLabel("Event", { exact: true }).fill("SIGNUP");
  const action = await dropStep(page, "action", 560, 360);
  await page.getByTestId("inspector").getByLabel("Message", { exact: true }).fill("Welcome aboard, {{ event.data.name }}");

  await expect(trigger).not.toHaveAttribute("data-invalid", "true");
  await expect(action).toHaveAttribute("data-invalid", "true");
  await expect(action.getByTestId("node-problem-count")).toContainText("1");
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();

  // The problem list takes the marketer to the step.
  await trigger.click();
  await page.getByTestId("problem-item").filter({ hasText: "not connected to the trigger" }).click();
  await expect(page.getByTestId("inspector")).toContainText("not connected to the trigger");
  await expect(page.getByTestId("inspector").getByLabel("Message", { exact: true })).toHaveValue("Welcome aboard, {{ event.data.name }}");

  // Delete the action with the keyboard: nothing left to fix.
  await action.click();
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("node-action")).toHaveCount(0);
  await expect(page.getByTestId("graph-valid")).toBeVisible();

  // Click to add: the new step lands under the selected one, already connected.
  await trigger.click();
  await page.getByTestId("palette-delay").click();
  await expect(page.getByTestId("node-delay")).toHaveCount(1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expect(page.getByTestId("inspector")).toContainText("Wait 1 hour");
  await expect(page.getByTestId("graph-valid")).toBeVisible();

  // Unsaved work: an in-app link asks before leaving.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  const leave = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(page).toHaveURL(/\/connectors\/[^/]+$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  await page.getByRole("dialog", { name: "Leave without saving?" }).getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/connectors$/);
});

test("connectors are renamed, duplicated and deleted from the list", async ({ page, request }) => {
  const created = await request.post("/api/v1/connectors", {
    headers: MASTER,
    data: { name: `Shipping ${Date.now()}`, graph: { nodes: [{ id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SHIPPING" } }], edges: [] } },
  });
  expect(created.status()).toBe(201);
  const { id, name } = await created.json();
  made.push(id);

  await signIn(page);
  await page.goto("/connectors");
  const row = page.getByTestId("connector-row").filter({ hasText: name });
  await expect(row).toContainText("Draft");

  await row.getByRole("button", { name: `Rename ${name}` }).click();
  const rename = page.getByRole("dialog", { name: "Rename connector" });
  await rename.getByLabel("Name").fill(`${name} renamed`);
  await rename.getByRole("button", { name: "Rename" }).click();
  const renamed = page.getByTestId("connector-row").filter({ hasText: `${name} renamed` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: `Duplicate ${name} renamed` }).click();
  const copy = page.getByTestId("connector-row").filter({ hasText: `${name} renamed (copy)` });
  await expect(copy).toBeVisible();

  await copy.getByRole("button", { name: `Delete ${name} renamed (copy)` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete “${name} renamed (copy)”?` });
  await confirm.getByRole("button", { name: "Delete connector" }).click();
  await expect(copy).toHaveCount(0);
  await expect(renamed).toBeVisible();
});

test("a publish the server refuses (422) is shown on the nodes like the editor's own problems", async ({ page, request }) => {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "ONBOARDING_COMPLETE" } },
      { id: "send", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "push", body: "Welcome" } },
    ],
    edges: [{ id: "e1", source: "t", target: "send", sourceHandle: null }],
  };
  const created = await request.post("/api/v1/connectors", { headers: MASTER, data: { name: `Welcome ${Date.now()}`, graph } });
  const { id } = await created.json();
  made.push(id);

  await signIn(page);
  await page.goto(`/connectors/${id}`);
  await expect(page.getByTestId("graph-valid")).toBeVisible();

  // Someone else empties the message through the API while this canvas is open.
  graph.nodes[1]!.data.body = " ";
  expect((await request.put(`/api/v1/connectors/${id}`, { headers: MASTER, data: { graph } })).status()).toBe(200);

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("problem-list")).toContainText("Publishing was refused");
  await expect(page.getByTestId("problem-list")).toContainText("Write the message");
  await expect(page.getByTestId("node-action")).toHaveAttribute("data-invalid", "true");
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await expect(page.getByTestId("connector-status")).toHaveText("Draft");
});

test("publishing asks first: the forecast, an event name never logged with the one that is, and an overlap with a live connector", async ({ page, request }, testInfo) => {
  // The app logs BASKET_ADD and ORDER_PLACED; a live connector already pushes on BASKET_ADD.
  const stamp = Date.now();
  const events = [1, 2, 3].flatMap((n) => [
    { userId: `u_basket_${stamp}_${n}`, event: "BASKET_ADD" },
    ...(n === 1 ? [{ userId: `u_basket_${stamp}_${n}`, event: "ORDER_PLACED" }] : []),
  ]);
  expect((await request.post("/api/v1/events", { headers: APP, data: { events } })).status()).toBe(202);
  const pushOnBasket = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "BASKET_ADD" } },
      { id: "send", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "push", body: "Your basket misses you" } },
    ],
    edges: [{ id: "e1", source: "t", target: "send", sourceHandle: null }],
  };
  const live = await (await request.post("/api/v1/connectors", { headers: MASTER, data: { name: "Basket reminder", graph: pushOnBasket } })).json();
  made.push(live.id);
  expect((await request.post(`/api/v1/connectors/${live.id}/publish`, { headers: MASTER })).status()).toBe(200);

  // The new connector cancels on ORDER_PLACD, a typo the server cannot know is one.
  const followUp = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "BASKET_ADD" } },
      { id: "delay", type: "delay", position: { x: 0, y: 150 }, data: { amount: 2, unit: "hours" } },
      { id: "cancel", type: "cancel", position: { x: 0, y: 300 }, data: { events: ["ORDER_PLACD"] } },
      { id: "push", type: "action", position: { x: 0, y: 450 }, data: { kind: "send", channel: "push", body: "Still thinking it over?" } },
      { id: "mail", type: "action", position: { x: 0, y: 600 }, data: { kind: "send", channel: "email", subject: "Your basket", body: "It is still there" } },
    ],
    edges: [
      { id: "e1", source: "t", target: "delay", sourceHandle: null },
      { id: "e2", source: "delay", target: "cancel", sourceHandle: null },
      { id: "e3", source: "cancel", target: "push", sourceHandle: null },
      { id: "e4", source: "push", target: "mail", sourceHandle: null },
    ],
  };
  const created = await (await request.post("/api/v1/connectors", { headers: MASTER, data: { name: "Basket follow-up", graph: followUp } })).json();
  made.push(created.id);

  await signIn(page);
  await page.goto(`/connectors/${created.id}`);
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: "Publish “Basket follow-up”?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("publish-forecast-sentence")).toHaveText(/^About [\d.,]+ messages a day: [\d.,]+ push, [\d.,]+ email$/);
  const unseen = dialog.locator('[data-testid="publish-warning"][data-code="unseen_event"]');
  await expect(unseen).toContainText("ORDER_PLACD has not been logged in the last 30 days. Did you mean ORDER_PLACED?");
  const overlap = dialog.locator('[data-testid="publish-warning"][data-code="overlap"]');
  await expect(overlap).toContainText("“Basket reminder” is live, also starts on BASKET_ADD and sends by push");
  await expect(dialog.getByRole("button", { name: "Publish anyway" })).toBeVisible();
  await attachScreenshot(page, testInfo, "publish-dialog");
  // The notes say what the figure rests on.
  await dialog.getByText("How this is estimated").click();
  await expect(dialog.getByTestId("publish-forecast")).toContainText("BASKET_ADD was logged about");

  // Cancel publishes nothing; "Show step" goes to the cancel step.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("connector-status")).toHaveText("Draft");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await unseen.getByRole("button", { name: "Show step" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("inspector").getByRole("combobox", { name: "Cancelling events" })).toBeVisible();

  // Warnings never block: publish anyway.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await dialog.getByRole("button", { name: "Publish anyway" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("connector-status")).toHaveText("Live");
  const stored = await (await request.get(`/api/v1/connectors/${created.id}`, { headers: MASTER })).json();
  expect(stored).toMatchObject({ status: "active", version: 1 });
});

test("a marketer builds a wait branch: thanks if PURCHASE comes within 24 hours, a reminder if not", async ({ page, request }, testInfo) => {
  await signIn(page);
  await newBlankConnector(page, "Cart with a wait branch");
  const connectorId = editorId(page);

  // One column, like the cart test: clear of the problem list (top left) and of the
  // inspector each drop opens (right), so the canvas never pans a step out of reach.
  const trigger = await dropStep(page, "trigger", 480, 60);
  const wait = await dropStep(page, "wait", 480, 210);
  const thanks = await dropStep(page, "action", 480, 370);
  const remind = await dropStep(page, "action", 480, 530);
  // Until connected, the wait names its two outputs.
  await expect(wait.getByText("yes", { exact: true })).toBeVisible();
  await expect(wait.getByText("no", { exact: true })).toBeVisible();
  await connect(page, trigger, wait);
  await connect(page, wait, thanks, "yes");
  await connect(page, wait, remind, "no");
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  const inspector = page.getByTestId("inspector");
  await trigger.click();
  await inspector.getByLabel("Event", { exact: true }).fill("ADDTOCART");
  await wait.click();
  await inspector.getByLabel("Event", { exact: true }).fill("PURCHASE");
  await inspector.getByLabel("Up to").fill("24");
  await inspector.getByLabel("Unit").selectOption("hours");
  await expect(wait.getByTestId("node-summary")).toHaveText("Wait for PURCHASE up to 24 hours");
  await thanks.click();
  await inspector.getByLabel("Message", { exact: true }).fill("Thanks for your order");
  await remind.click();
  await inspector.getByLabel("Message", { exact: true }).fill("Your cart is waiting");
  await expect(page.getByTestId("graph-valid")).toBeVisible();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-state")).toContainText(/Saved|All changes saved/);
  await publishThroughDialog(page);
  await expect(page.getByTestId("connector-status")).toHaveText("Live");
  const saved = await (await request.get(`/api/v1/connectors/${connectorId}`, { headers: MASTER })).json();
  expect(saved.graph.edges.map((edge: { sourceHandle: string | null }) => edge.sourceHandle).sort()).toEqual(["no", "yes", null].sort());

  // A cart left 25 hours ago without a purchase goes out by "no"; one bought goes by "yes".
  const stamp = Date.now();
  const late = `u_wait_late_${stamp}`;
  const buyer = `u_wait_buyer_${stamp}`;
  const events = [
    { userId: late, event: "ADDTOCART", timestamp: new Date(stamp - 25 * 3_600_000).toISOString() },
    { userId: buyer, event: "ADDTOCART", timestamp: new Date(stamp - 2 * 3_600_000).toISOString() },
    { userId: buyer, event: "PURCHASE", timestamp: new Date(stamp - 3_600_000).toISOString() },
  ];
  expect((await request.post("/api/v1/events", { headers: APP, data: { events } })).status()).toBe(202);
  await tickUntil(request, async () => {
    const body = await (await request.get(`/api/v1/messages?connectorId=${connectorId}`, { headers: MASTER })).json();
    const bodies = (body.messages as Array<{ body: string }>).map((m) => m.body).sort();
    return bodies.length === 2 ? bodies : undefined;
  });

  // The canvas counts each branch on its connection.
  await page.reload();
  const counts = page.getByTestId("branch-count");
  await expect(counts).toHaveCount(2);
  await expect(counts.nth(0)).toHaveText("1");
  await expect(counts.nth(1)).toHaveText("1");
  await attachScreenshot(page, testInfo, "wait-branch-live-counts");
});

test("a marketer builds an A/B split with a holdout and publishes it; each branch is counted", async ({ page, request }, testInfo) => {
  await signIn(page);
  await newBlankConnector(page, "A/B welcome");
  const connectorId = editorId(page);

  const trigger = await dropStep(page, "trigger", 480, 60);
  const split = await dropStep(page, "split", 480, 210);
  const a = await dropStep(page, "action", 480, 370);
  const b = await dropStep(page, "action", 480, 530);
  await connect(page, trigger, split);

  const inspector = page.getByTestId("inspector");
  await trigger.click();
  await inspector.getByLabel("Event", { exact: true }).fill("SIGNUP");
  // 45 / 45 and a 10 % control left unconnected: a holdout.
  await split.click();
  await inspector.getByLabel("Branch 1 weight").fill("45");
  await inspector.getByLabel("Branch 2 weight").fill("45");
  await inspector.getByRole("button", { name: "Add branch" }).click();
  await inspector.getByLabel("Branch 3 key").fill("control");
  await inspector.getByLabel("Branch 3 weight").fill("10");
  await expect(inspector.getByTestId("split-total")).toHaveText("Total 100%");
  await expect(split.getByTestId("node-summary")).toHaveText("Split a 45% · b 45% · control 10%");
  await connect(page, split, a, "a");
  await connect(page, split, b, "b");
  await a.click();
  await inspector.getByLabel("Message", { exact: true }).fill("Welcome (A)");
  await b.click();
  await inspector.getByLabel("Message", { exact: true }).fill("Welcome (B)");
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-state")).toContainText(/Saved|All changes saved/);
  await publishThroughDialog(page);
  await expect(page.getByTestId("connector-status")).toHaveText("Live");

  const stamp = Date.now();
  const events = Array.from({ length: 40 }, (_, n) => ({ userId: `u_split_${stamp}_${n}`, event: "SIGNUP" }));
  expect((await request.post("/api/v1/events", { headers: APP, data: { events } })).status()).toBe(202);
  const stats = await (await request.get(`/api/v1/connectors/${connectorId}/stats`, { headers: MASTER })).json();
  const branches = stats.nodes[(await split.getAttribute("data-node-id"))!].branches as Record<string, number>;
  expect(Object.values(branches).reduce((sum, n) => sum + n, 0)).toBe(40);

  await page.reload();
  await expect(page.getByTestId("split-verdict")).toHaveText("Set a goal to compare the branches");
  await expect(page.getByTestId("branch-count")).toHaveCount(2);
  await attachScreenshot(page, testInfo, "split-live-counts");
});
