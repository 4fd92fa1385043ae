import { expect, test } from "@playwright/test";
import { MASTER, signIn } from "./support";

test("an admin builds a dynamic segment of recent buyers, previews it, and sees its members", async ({ page, request }) => {
  const run = Date.now().toString(36);
  const buyers = [`seg_buyer_a_${run}`, `seg_buyer_b_${run}`];
  const other = `seg_browser_${run}`;
  for (const [i, userId] of buyers.entries()) {
    await request.put(`/api/v1/users/${userId}`, { headers: MASTER, data: { name: `Buyer ${i + 1} ${run}`, email: `buyer${i + 1}-${run}@example.com` } });
  }
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const events = [
    { userId: buyers[0], event: "PURCHASE", data: { order_nr: `${run}-1`, amount: "120.00" }, timestamp: daysAgo(3) },
    { userId: buyers[1], event: "PURCHASE", data: { order_nr: `${run}-2`, amount: 80 }, timestamp: daysAgo(10) },
    { userId: other, event: "PURCHASE", data: { order_nr: `${run}-3` }, timestamp: daysAgo(45) },
    { userId: other, event: "VIEWPRODUCT", data: { product: "kettle" } },
  ];
  const sent = await request.post("/api/v1/events", { headers: MASTER, data: { events } });
  expect(sent.status(), await sent.text()).toBe(202);

  await signIn(page);
  await page.goto("/segments");
  await page.getByRole("link", { name: "New segment" }).click();
  await expect(page).toHaveURL(/\/segments\/new$/);
  const name = `Recent buyers ${run}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Condition 1 event").fill("PURCHASE");
  await expect(page.getByLabel("Condition 1 days")).toHaveValue("30");
  // Only this run's orders, so other specs' buyers do not count.
  await page.getByRole("button", { name: "Filter on event data" }).click();
  await page.getByLabel("Condition 1 filter 1 field").fill("order_nr");
  await page.getByLabel("Condition 1 filter 1 comparison").selectOption("startsWith");
  await page.getByLabel("Condition 1 filter 1 value").fill(`${run}-`);
  await expect(page.getByTestId("preview-count")).toHaveText("2");
  await expect(page.getByText(`did PURCHASE in the last 30 days (order_nr starts with "${run}-")`)).toBeVisible();

  // A broken rule says what is wrong where it is, and is not saved.
  await page.getByLabel("Condition 1 times").fill("0");
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByText("atLeast 0 with no atMost matches everyone")).toBeVisible();
  await page.getByLabel("Condition 1 times").fill("1");

  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/seg_/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("member-count")).toHaveText("2");
  const rows = page.getByTestId("member-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `Buyer 1 ${run}` })).toContainText(`buyer1-${run}@example.com`);
  await expect(page.getByText(other)).toHaveCount(0);
  // A dynamic segment's members come from its rule only.
  await expect(page.getByRole("button", { name: "Add members" })).toHaveCount(0);

  await page.getByLabel("Search members").fill(`buyer2-${run}`);
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/users/${buyers[1]}$`));

  await page.goto("/segments");
  const listed = page.getByTestId("segment-row").filter({ hasText: name });
  await expect(listed).toContainText("Dynamic");
  await expect(listed).toContainText("2");
});

test("an admin imports a CSV of user ids into a manual segment and exports it again", async ({ page }) => {
  const run = Date.now().toString(36);
  await signIn(page);
  await page.goto("/segments/new");
  await page.getByLabel("Name").fill(`VIP import ${run}`);
  await page.getByRole("radio", { name: /Manual/ }).click();
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/seg_/);
  await expect(page.getByText("No members yet")).toBeVisible();

  await page.getByRole("button", { name: "Import CSV" }).click();
  const csv = `email,userId\na@example.com,vip_a_${run}\nb@example.com,vip_b_${run}\nnobody@example.com,\nc@example.com,"vip,c_${run}"\na@example.com,vip_a_${run}\n`;
  await page.getByTestId("csv-file").setInputFiles({ name: "vips.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const summary = page.getByTestId("csv-summary");
  await expect(summary).toContainText("User ids3");
  await expect(summary).toContainText("Invalid rows1");
  await expect(summary).toContainText("Repeated1");
  await expect(page.getByText("Row 4: empty user id")).toBeVisible();
  await page.getByRole("button", { name: "Import 3 users" }).click();
  await expect(page.getByTestId("csv-result")).toHaveText("Added 3 members; 1 invalid row skipped.");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(3);
  await expect(page.getByTestId("member-count")).toHaveText("3");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`VIP-import-${run}-members.csv`);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.split("\r\n")[0]).toBe("userId,name,email,addedAt");
  expect(text).toContain(`"vip,c_${run}"`);
  expect(text).toContain(`vip_a_${run}`);

  await page.getByRole("button", { name: `Remove vip_b_${run}` }).click({ force: true });
  await expect(page.getByTestId("member-row")).toHaveCount(2);
});
