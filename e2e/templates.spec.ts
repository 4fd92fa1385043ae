import { expect, test } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

// An admin writes an MJML email from the starter layout: the live preview renders a real
// user's name (desktop, mobile, plain text), bad Liquid is named and marked on its line
// while the last good preview stays dimmed, the fixed template saves, and a campaign
// picks it instead of writing its own texts.

test.use({ viewport: { width: 1440, height: 1000 } });

test("an admin writes an MJML email with a live preview, fixes a Liquid error on its line, saves it and a campaign uses it", async ({ page, request }) => {
  const run = Date.now().toString(36);
  const userId = `u_tpl_${run}`;
  const name = `Grace ${run}`;
  const user = await request.put(`/api/v1/users/${userId}`, { headers: APP, data: { name, email: `grace-${run}@example.com`, attributes: { cohort: `tpl-${run}` } } });
  expect(user.ok(), await user.text()).toBe(true);
  const segmentName = `Template readers ${run}`;
  const segment = await request.post("/api/v1/segments", {
    headers: MASTER,
    data: { name: segmentName, kind: "dynamic", rule: { conditions: [{ kind: "attribute", path: "attributes.cohort", op: "eq", value: `tpl-${run}` }] } },
  });
  expect(segment.status(), await segment.text()).toBe(201);

  await signIn(page);
  await page.getByRole("link", { name: "Templates" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  // The empty state offers the starter layout; once others exist, the header's button leads to the same editor.
  await page.getByRole("link", { name: /New (email from the starter layout|template)/ }).first().click();
  await expect(page).toHaveURL(/\/templates\/new/);
  await page.getByRole("radio", { name: "Email" }).check();
  await page.getByRole("radio", { name: "MJML" }).click();
  const editor = page.getByTestId("code-editor").locator(".cm-content");
  await expect(editor).toContainText("<mj-body");

  await page.getByLabel("Name").fill(`Welcome ${run}`);
  await page.getByLabel("Subject").fill("Hi {{ user.name }}, welcome");
  await page.getByLabel("Render for").fill(userId);

  // The server renders the MJML for the real user, drawn in a sandboxed frame.
  const frame = page.getByTestId("email-frame");
  await expect(page.getByTestId("preview-subject")).toHaveText(`Hi ${name}, welcome`);
  await expect(frame.locator("iframe")).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator('[data-testid="email-frame"] iframe').getByText(`Hi ${name},`)).toBeVisible();
  await expect(frame).toHaveAttribute("data-width", "desktop");
  await page.keyboard.press("Escape"); // closes the user suggestions
  await page.getByRole("radio", { name: "Mobile" }).click();
  await expect(frame).toHaveAttribute("data-width", "mobile");
  await expect(frame.locator("iframe")).toHaveAttribute("style", /width: 375px/);
  await page.getByRole("radio", { name: "Plain text" }).click();
  await expect(page.getByTestId("preview-text")).toContainText(`Hi ${name},`);
  await expect(page.getByTestId("email-frame")).toHaveCount(0);
  await page.getByRole("radio", { name: "Mobile" }).click();

  // Bad Liquid on line 2: named under the editor, marked on that line, and the last good preview dimmed.
  await editor.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("{% if %}");
  const problems = page.getByTestId("body-problems");
  await expect(problems).toContainText(/Line 2: .+/);
  // (Enter kept the indentation of the line above.)
  await expect(page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") })).toHaveText(/^\s*\{% if %\}$/);
  await expect(page.getByTestId("preview-stale")).toBeVisible();
  await expect(page.getByTestId("preview-content")).toHaveAttribute("data-stale", "true");
  await expect(page.frameLocator('[data-testid="email-frame"] iframe').getByText(`Hi ${name},`)).toBeVisible();
  // Saving is refused by the server with the same line.
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(problems).toContainText(/Line 2: .+/);
  await expect(page).toHaveURL(/\/templates\/new/);

  // Fixed: the marks go and the preview is live again.
  await page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Backspace");
  await expect(problems).toHaveCount(0);
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);
  await expect(page.getByTestId("preview-stale")).toHaveCount(0);
  await page.getByRole("radio", { name: "Desktop" }).click();
  await expect(page.frameLocator('[data-testid="email-frame"] iframe').getByText(`Hi ${name},`)).toBeVisible();

  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(/\/templates\/tpl_[a-z0-9]+$/);
  const templateId = page.url().split("/").pop()!;
  await expect(page.getByRole("button", { name: "Saved" })).toBeDisabled();
  const stored = await request.get(`/api/v1/templates/${templateId}`, { headers: MASTER });
  expect(await stored.json()).toMatchObject({ name: `Welcome ${run}`, channel: "email", format: "mjml", subject: "Hi {{ user.name }}, welcome" });

  // Listed under email, with its format.
  await page.getByRole("link", { name: "Templates", exact: true }).first().click();
  const row = page.getByTestId("template-group").filter({ has: page.getByRole("heading", { name: /Email/ }) }).getByTestId("template-row").filter({ hasText: `Welcome ${run}` });
  await expect(row).toContainText("MJML");

  // A campaign picks it: no texts of its own go to the API, only the template's id.
  await page.goto(`/campaigns/new`);
  await page.getByLabel("Segment").selectOption({ label: `${segmentName} (1 member)` });
  await page.getByText("Email", { exact: true }).click();
  await page.getByRole("radio", { name: "Use a template" }).click();
  await page.getByLabel("Email template").selectOption({ label: `Welcome ${run} (MJML)` });
  await expect(page.getByLabel("Subject")).toHaveCount(0);
  await expect(page.locator("#campaign-body")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Edit this template/ })).toHaveAttribute("href", `/templates/${templateId}`);
  const preview = page.getByTestId("campaign-preview");
  await expect(preview.getByTestId("preview-subject")).toHaveText(`Hi ${name}, welcome`);
  await expect(preview.frameLocator("iframe").getByText(`Hi ${name},`)).toBeVisible();
  const sent = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/campaigns");
  await page.getByRole("button", { name: "Send now" }).click();
  const body = (await sent).postDataJSON() as Record<string, unknown>;
  expect(body).toMatchObject({ channel: "email", template: templateId });
  expect(body).not.toHaveProperty("body");
  expect(body).not.toHaveProperty("subject");
  await expect(page).toHaveURL(/\/campaigns\/cmp_[a-z0-9]+$/);

  // The campaign's message carries the template's texts for the member.
  await expect
    .poll(async () => {
      await request.post("/api/v1/cron/tick", { headers: MASTER });
      const res = await request.get(`/api/v1/messages?userId=${userId}`, { headers: MASTER });
      const { messages } = (await res.json()) as { messages: { subject: string | null }[] };
      return messages.map((m) => m.subject);
    })
    .toContain(`Hi ${name}, welcome`);
});

test("a send step picks a template in the inspector; published, its email carries the template's texts", async ({ page, request }) => {
  const run = Date.now().toString(36);
  const userId = `u_step_${run}`;
  const name = `Lin ${run}`;
  expect((await request.put(`/api/v1/users/${userId}`, { headers: APP, data: { name, email: `lin-${run}@example.com` } })).status()).toBeLessThan(300);
  const template = await request.post("/api/v1/templates", {
    headers: MASTER,
    data: { name: `Receipt ${run}`, channel: "email", format: "markdown", subject: "Thanks, {{ user.name }}", body: "**Order {{ event.data.order_nr }}** is on its way." },
  });
  expect(template.status(), await template.text()).toBe(201);
  const templateId = ((await template.json()) as { id: string }).id;
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: `ORDER_${run}` } },
      { id: "send", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "email", subject: "Written here", body: "Written here too" } },
    ],
    edges: [{ id: "e1", source: "t", target: "send", sourceHandle: null }],
  };
  const created = await request.post("/api/v1/connectors", { headers: MASTER, data: { name: `Receipts ${run}`, graph } });
  expect(created.status(), await created.text()).toBe(201);
  const connectorId = ((await created.json()) as { id: string }).id;

  await signIn(page);
  await page.goto(`/connectors/${connectorId}`);
  await page.getByTestId("node-action").click();
  const inspector = page.getByTestId("inspector");
  // Trying a template and going back finds the texts written here where they were.
  await inspector.getByRole("radio", { name: "Use a template" }).click();
  await expect(inspector.getByLabel("Subject")).toHaveCount(0);
  await inspector.getByRole("radio", { name: "Write here" }).click();
  await expect(inspector.getByLabel("Subject")).toHaveValue("Written here");
  await expect(inspector.getByLabel("Message", { exact: true })).toHaveValue("Written here too");
  await inspector.getByRole("radio", { name: "Use a template" }).click();
  await inspector.getByLabel("Email template").selectOption({ label: `Receipt ${run} (markdown)` });
  await expect(inspector.getByLabel("Subject")).toHaveCount(0);
  await expect(inspector.getByRole("link", { name: /Edit this template/ })).toHaveAttribute("href", `/templates/${templateId}`);
  // The step is summed up by the template's name, not its id.
  await expect(page.getByTestId("node-action").getByTestId("node-summary")).toHaveText(`Email: template Receipt ${run}`);

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("publish-forecast")).toBeVisible();
  await dialog.getByRole("button", { name: /^Publish/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("connector-status")).toHaveText("Live");

  // The stored step names the template and keeps no texts of its own.
  const stored = (await (await request.get(`/api/v1/connectors/${connectorId}`, { headers: MASTER })).json()) as { graph: { nodes: { type: string; data: Record<string, unknown> }[] } };
  const step = stored.graph.nodes.find((n) => n.type === "action")!;
  expect(step.data).toMatchObject({ kind: "send", channel: "email", template: templateId });
  expect(step.data).not.toHaveProperty("subject");
  expect(step.data).not.toHaveProperty("body");

  // An order sends the template's email, rendered for the user and the event.
  expect((await request.post("/api/v1/events", { headers: APP, data: { events: [{ userId, event: `ORDER_${run}`, data: { order_nr: "A7" } }] } })).status()).toBe(202);
  await expect
    .poll(async () => {
      await request.post("/api/v1/cron/tick", { headers: MASTER });
      const res = await request.get(`/api/v1/messages?userId=${userId}`, { headers: MASTER });
      const { messages } = (await res.json()) as { messages: { subject: string | null; body: string }[] };
      return messages.map((m) => `${m.subject} | ${m.body}`);
    })
    .toEqual([`Thanks, ${name} | Order A7 is on its way.`]);
});
