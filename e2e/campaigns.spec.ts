import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { APP, MASTER, signIn } from "./support";

// An admin sends a campaign to a dynamic segment from the dashboard: the form's live
// preview renders for a real member, the campaign reaches done, and its messages are
// in the Messages log, filtered by the campaign.

async function putUser(request: APIRequestContext, userId: string, profile: Record<string, unknown>) {
  const res = await request.put(`/api/v1/users/${encodeURIComponent(userId)}`, { headers: APP, data: profile });
  expect(res.ok(), await res.text()).toBe(true);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/campaigns-${name}.png` });

test("an admin sends a campaign to a segment from the form, watches it finish and finds its messages", async ({ page, request }) => {
  const run = Date.now().toString(36);
  // Sorted by user id, the first member (the one the preview renders for) is Ada.
  const members = [
    { userId: `u_${run}_a`, name: "Ada", email: `ada-${run}@example.com` },
    { userId: `u_${run}_b`, name: "Bram", email: `bram-${run}@example.com` },
    { userId: `u_${run}_c`, name: "Cleo" }, // no email address: skipped
  ];
  for (const m of members) await putUser(request, m.userId, { name: m.name, ...(m.email ? { email: m.email } : {}), attributes: { cohort: run } });
  const segmentName = `Cohort ${run}`;
  const segment = await request.post("/api/v1/segments", {
    headers: MASTER,
    data: { name: segmentName, kind: "dynamic", rule: { conditions: [{ kind: "attribute", path: "attributes.cohort", op: "eq", value: run }] } },
  });
  expect(segment.status(), await segment.text()).toBe(201);
  expect((await segment.json()).members).toBe(3);

  await signIn(page);
  await page.getByRole("link", { name: "Campaigns" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  await page.getByLabel("Segment").selectOption({ label: `${segmentName} (3 members)` });
  await expect(page.getByText("3 members will get this message")).toBeVisible();
  await page.getByText("Email", { exact: true }).click();
  await page.getByLabel("Subject").fill("{{ user.name }}, your spring picks");
  await page.getByLabel("Message").fill("Hi {{ user.name }}, new arrivals for {{ user.email }}.");
  await page.getByLabel("Campaign name (optional)").fill(`Spring ${run}`);

  // The preview is rendered by the server for the segment's first member.
  const preview = page.getByTestId("campaign-preview");
  await expect(preview.getByTestId("preview-member")).toContainText("Ada");
  await expect(preview.getByTestId("preview-subject")).toHaveText("Ada, your spring picks");
  await expect(preview.getByTestId("preview-body")).toHaveText(`Hi Ada, new arrivals for ada-${run}@example.com.`);
  // A template that does not parse shows as a problem, not a broken page.
  await page.getByLabel("Subject").fill("{{ user.name, oops");
  await expect(preview.getByTestId("preview-problems")).toContainText(/subject.*does not parse/i);
  await page.getByLabel("Subject").fill("{{ user.name }}, your spring picks");
  await expect(preview.getByTestId("preview-subject")).toHaveText("Ada, your spring picks");
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "form");

  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page).toHaveURL(/\/campaigns\/cmp_[a-z0-9]+$/);
  const campaignId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: `Spring ${run}` })).toBeVisible();
  // The built-in ticker (every second) fans out and delivers; the page polls.
  await expect(page.getByTestId("campaign-status")).toHaveText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("progress-sent")).toHaveText("2", { timeout: 30_000 });
  await expect(page.getByTestId("progress-skipped")).toHaveText("1");
  await expect(page.getByTestId("progress-queued")).toHaveText("0");
  await shot(page, "detail");

  await page.getByRole("link", { name: "View messages" }).click();
  await expect(page).toHaveURL(new RegExp(`/messages\\?campaign=${campaignId}$`));
  await expect(page.getByTestId("campaign-filter")).toContainText(`Messages of the campaign Spring ${run}`);
  const log = page.getByTestId("message-log");
  await expect(log.getByRole("row")).toHaveCount(4); // header + one per member
  await expect(log).toContainText("Ada, your spring picks");
  await expect(log).toContainText("Bram, your spring picks");
  await expect(log).toContainText("The user has no email address");
  await shot(page, "messages");

  await page.goto("/campaigns");
  const row = page.getByTestId("campaign-row").filter({ hasText: `Spring ${run}` });
  await expect(row).toContainText("Done");
  await expect(row).toContainText("2 sent");
  await shot(page, "list");
});

test("a scheduled campaign waits, shows its send time, and can be cancelled", async ({ page, request }) => {
  const run = Date.now().toString(36);
  const segment = await request.post("/api/v1/segments", { headers: MASTER, data: { name: `Later ${run}` } });
  expect(segment.status(), await segment.text()).toBe(201);
  const { id: segmentId } = (await segment.json()) as { id: string };
  await request.post(`/api/v1/segments/${segmentId}/members`, { headers: MASTER, data: { userIds: [`u_${run}_later`] } });

  await signIn(page);
  await page.goto(`/campaigns/new?segment=${segmentId}`);
  await page.getByText("SMS", { exact: true }).click();
  await page.getByLabel("Message").fill("See you tomorrow");
  await page.getByLabel("Send at").fill("2099-01-01T09:00");
  await page.getByRole("button", { name: "Schedule campaign" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Scheduled");
  await expect(page.getByText("Waiting to send to 1 member of")).toBeVisible();

  await page.getByRole("button", { name: "Cancel campaign" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel campaign" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Cancelled");
  await expect(page.getByRole("button", { name: "Cancel campaign" })).toHaveCount(0);
});
