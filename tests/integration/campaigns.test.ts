// Campaigns through the HTTP API and the real fan-out: one message per member, on
// time, skipped without an address, cancellable, and never twice, however the fan-out
// is interrupted, retried or run concurrently. Campaigns that tests drive with their
// own clock are scheduled a day ahead, so ticks of other test files sharing the
// PostgreSQL server (which use the real time) leave them alone; and only the fan-out
// runs on that clock, never a whole tick, which would run other files' delays early.
import { beforeAll, describe, expect, it } from "vitest";
import { runDueCampaigns } from "@/lib/server/campaigns/fan-out";
import { database, db } from "@/lib/server/db";
import { runTick } from "@/lib/server/engine/tick";
import { basic, call, createTestApp, type TestApp } from "./api-client";
import { messagesOf, pushDevice, tick } from "./engine-helpers";

let t: TestApp;

const DAY = 86_400_000;
const LEASE = 60_000;
const tomorrow = () => new Date(Date.now() + DAY);

async function segmentWith(name: string, userIds: string[]): Promise<string> {
  const created = await t.master("POST", "/api/v1/segments", { name });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (let i = 0; i < userIds.length; i += 1000) {
    const added = await t.master("POST", `/api/v1/segments/${created.body.id}/members`, { userIds: userIds.slice(i, i + 1000) });
    expect(added.status).toBe(200);
  }
  return created.body.id as string;
}

async function createCampaign(body: Record<string, unknown>) {
  const res = await t.master("POST", "/api/v1/campaigns", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string; sendAt: string; name: string; segmentId: string; progress: Record<string, number> };
}

async function campaignMessages(campaignId: string) {
  const prisma = await db();
  return prisma.message.findMany({ where: { campaignId }, orderBy: { userId: "asc" } });
}

const users = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${String(i).padStart(3, "0")}`);

/** Every member has exactly one message. */
async function expectOneEach(campaignId: string, members: string[]) {
  const messages = await campaignMessages(campaignId);
  expect(messages.map((m) => m.userId)).toEqual([...members].sort());
}

beforeAll(async () => {
  t = await createTestApp("Campaigns");
});

describe("creating a campaign", () => {
  it("names the segment by id or by name, starts now without sendAt, and treats a past sendAt as now", async () => {
    const segmentId = await segmentWith("Create by id", ["u_c1"]);
    const before = Date.now();
    const byId = await createCampaign({ segment: segmentId, channel: "webhook", body: "Hi" });
    expect(byId).toMatchObject({ segmentId, segmentName: "Create by id", name: "Create by id", status: "scheduled", channel: "webhook" });
    expect(byId.progress).toEqual({ recipients: 1, queued: 0, held: 0, sent: 0, skipped: 0, failed: 0 });
    expect(new Date(byId.sendAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const byName = await createCampaign({ segment: "Create by id", channel: "webhook", body: "Hi", name: "Named", sendAt: "2001-01-01T00:00:00Z" });
    expect(byName).toMatchObject({ segmentId, name: "Named" });
    expect(new Date(byName.sendAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const far = await createCampaign({ segment: segmentId, channel: "webhook", body: "Hi", sendAt: "2099-06-01T09:30:00+02:00" });
    expect(far.sendAt).toBe("2099-06-01T07:30:00.000Z");
    for (const c of [byId, byName, far]) expect((await t.master("POST", `/api/v1/campaigns/${c.id}/cancel`)).status).toBe(200);
  });

  it("rejects invalid input with 400 and details, an unknown segment with 404, and stores nothing", async () => {
    await segmentWith("Validation", ["u_v1"]);
    const prisma = await db();
    const before = await prisma.campaign.count({ where: { appId: t.id } });
    const cases: [Record<string, unknown>, number, string[]][] = [
      [{ channel: "push", body: "x" }, 400, ["segment"]],
      [{ segment: "Validation", channel: "fax", body: "x" }, 400, ["channel"]],
      [{ segment: "Validation", channel: "push", body: "   " }, 400, ["body"]],
      [{ segment: "Validation", channel: "email", body: "x" }, 400, ["subject"]],
      [{ segment: "Validation", channel: "push", body: "x", sendAt: "tomorrow" }, 400, ["sendAt"]],
      [{ segment: "Validation", channel: "push", body: "x".repeat(20_001) }, 400, ["body"]],
      [{ segment: "Validation", channel: "push", title: "{% if %}", body: "Hi {{ user.name | nosuchfilter }}" }, 400, ["title", "body"]],
      [{ segment: "No such segment", channel: "push", body: "x" }, 404, ["segment"]],
    ];
    for (const [body, status, paths] of cases) {
      const res = await t.master("POST", "/api/v1/campaigns", body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(res.body)).toEqual(paths);
    }
    const malformed = await t.master("POST", "/api/v1/campaigns", undefined);
    expect(malformed.status).toBe(400);
    expect(await prisma.campaign.count({ where: { appId: t.id } })).toBe(before);
  });
});

describe("a create sent again with an Idempotency-Key", () => {
  const post = (key: string, body: object) => call("POST", "/api/v1/campaigns", { body, headers: { authorization: basic(t.key, t.masterSecret), "idempotency-key": key } });

  it("returns the first campaign, so a client retry or two racing requests send once", async () => {
    const members = users("u_idem", 3);
    await segmentWith("Idempotent", members);
    const body = { segment: "Idempotent", channel: "webhook", body: "Once, {{ user.id }}" };
    const first = await post("retry-1", body);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const [again, racing] = await Promise.all([post("retry-1", body), post("retry-1", body)]);
    for (const replay of [again, racing]) {
      expect(replay.status).toBe(201);
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
    }
    await tick(t);
    await expectOneEach(first.body.id, members);
    const prisma = await db();
    expect(await prisma.campaign.count({ where: { appId: t.id, segmentName: "Idempotent" } })).toBe(1);
    expect(await prisma.message.count({ where: { appId: t.id, userId: { in: members } } })).toBe(3);
    // Another key is another campaign.
    expect((await post("retry-2", body)).body.id).not.toBe(first.body.id);
  });

  it("refuses a key reused for a different campaign, and a malformed key", async () => {
    await segmentWith("Idempotent other", ["u_idem_other"]);
    const first = await post("reused", { segment: "Idempotent other", channel: "webhook", body: "A" });
    expect(first.status).toBe(201);
    const different = await post("reused", { segment: "Idempotent other", channel: "webhook", body: "B" });
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe("conflict");
    const malformed = await post("x".repeat(256), { segment: "Idempotent other", channel: "webhook", body: "A" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe("Idempotency-Key");
  });
});

describe("the fan-out", () => {
  it("sends each member of the segment exactly once, skipping those without an address", async () => {
    const members = users("u_once", 7);
    for (const [i, userId] of members.entries()) {
      // Every other member has an email address.
      const profile = i % 2 === 0 ? { email: `${userId}@example.com`, name: `Name ${i}` } : { name: `Name ${i}` };
      expect((await t.app("PUT", `/api/v1/users/${userId}`, profile)).status).toBeLessThan(300);
    }
    await segmentWith("Exactly once", members);
    const campaign = await createCampaign({ segment: "Exactly once", channel: "email", subject: "Hello {{ user.name }}", body: "For {{ user.email }} from {{ app.name }}[{{ event.data.x }}]" });
    await tick(t);
    await tick(t);

    const messages = await campaignMessages(campaign.id);
    expect(messages.map((m) => m.userId)).toEqual(members);
    const withEmail = messages.filter((_, i) => i % 2 === 0);
    const without = messages.filter((_, i) => i % 2 === 1);
    for (const m of withEmail) {
      expect(m).toMatchObject({ status: "sent", subject: `Hello Name ${members.indexOf(m.userId)}`, body: `For ${m.userId}@example.com from Campaigns[]`, connectorId: null, enrollmentId: null });
    }
    for (const m of without) expect(m).toMatchObject({ status: "skipped", error: "The user has no email address" });

    const detail = await t.master("GET", `/api/v1/campaigns/${campaign.id}`);
    expect(detail.body).toMatchObject({ status: "done", progress: { recipients: 7, queued: 0, sent: 4, skipped: 3, failed: 0 } });
    expect(detail.body.finishedAt).not.toBeNull();
    // The messages log filters by campaign, and each sent one recorded message.sent.
    const logged = await messagesOf(t, { campaignId: campaign.id, status: "sent" });
    expect(logged.map((m) => m.userId).sort()).toEqual(withEmail.map((m) => m.userId));
    const prisma = await db();
    expect(await prisma.event.count({ where: { appId: t.id, name: "message.sent", userId: { in: members } } })).toBe(4);
  });

  it("skips push to members without a registered device and delivers to the others", async () => {
    await pushDevice(t, "u_push_yes");
    await segmentWith("Push audience", ["u_push_yes", "u_push_no"]);
    const campaign = await createCampaign({ segment: "Push audience", channel: "push", title: "Hi", body: "News for {{ user.id }}" });
    await tick(t);
    const messages = await campaignMessages(campaign.id);
    expect(messages.map((m) => [m.userId, m.status, m.body])).toEqual([
      ["u_push_no", "skipped", "News for u_push_no"],
      ["u_push_yes", "sent", "News for u_push_yes"],
    ]);
  });

  it("does nothing before sendAt and sends once the clock passes it", async () => {
    const prisma = await db();
    await segmentWith("Later", ["u_later_1", "u_later_2"]);
    const sendAt = tomorrow();
    const campaign = await createCampaign({ segment: "Later", channel: "webhook", body: "Later", sendAt: sendAt.toISOString() });
    await runDueCampaigns(prisma, new Date(sendAt.getTime() - 60_000));
    expect(await campaignMessages(campaign.id)).toHaveLength(0);
    expect((await t.master("GET", `/api/v1/campaigns/${campaign.id}`)).body.status).toBe("scheduled");
    await runDueCampaigns(prisma, new Date(sendAt.getTime() + 1000));
    await expectOneEach(campaign.id, ["u_later_1", "u_later_2"]);
    expect((await t.master("GET", `/api/v1/campaigns/${campaign.id}`)).body.status).toBe("done");
  });

  it("progresses page by page within its time budget, over several runs", async () => {
    const prisma = await db();
    const members = users("u_paged", 10);
    await segmentWith("Paged", members);
    const sendAt = tomorrow();
    const campaign = await createCampaign({ segment: "Paged", channel: "webhook", body: "x", sendAt: sendAt.toISOString() });
    const now = new Date(sendAt.getTime() + 1000);
    // A zero budget still writes one page, then hands the campaign back for the next run.
    const first = await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 0 });
    expect(first).toMatchObject({ pages: 1, queued: 4, finished: 0 });
    expect((await t.master("GET", `/api/v1/campaigns/${campaign.id}`)).body).toMatchObject({ status: "sending", progress: { recipients: 10, queued: 4 } });
    await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 0 });
    const last = await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 0 });
    expect(last).toMatchObject({ pages: 1, queued: 2, finished: 1 });
    await expectOneEach(campaign.id, members);
    expect((await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 0 })).pages).toBe(0);
  });

  it("is done with its last page when the segment is an exact multiple of the page size", async () => {
    const prisma = await db();
    const members = users("u_exact", 8);
    await segmentWith("Exact", members);
    const sendAt = tomorrow();
    const campaign = await createCampaign({ segment: "Exact", channel: "webhook", body: "x", sendAt: sendAt.toISOString() });
    const now = new Date(sendAt.getTime() + 1000);
    await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 0 });
    // The second page holds the last members: the campaign is done in the same commit,
    // so nothing can see every message sent while it still says "sending".
    const last = await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 0 });
    expect(last).toMatchObject({ pages: 1, queued: 4, finished: 1 });
    expect((await t.master("GET", `/api/v1/campaigns/${campaign.id}`)).body.status).toBe("done");
  });
});

describe("a fan-out interrupted or run twice", () => {
  it("resumes after a crash mid-way (a page that fails and rolls back) without sending any member twice", async () => {
    const prisma = await db();
    const crashUser = `u_crash_${Date.now().toString(36)}`;
    const members = [...users("u_crash", 11), crashUser].sort();
    await segmentWith("Crash", members);
    const sendAt = tomorrow();
    const campaign = await createCampaign({ segment: "Crash", channel: "webhook", body: "x", sendAt: sendAt.toISOString() });
    const now = new Date(sendAt.getTime() + 1000);

    // The database refuses the one member's message, as a dying connection would: the
    // page holding it fails after two pages were written.
    const fn = `cue_test_crash_${Date.now().toString(36)}`;
    await prisma.$executeRawUnsafe(`CREATE FUNCTION ${fn}() RETURNS trigger AS $$ BEGIN
      IF NEW."userId" = '${crashUser}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      const crashed = await runDueCampaigns(prisma, now, { pageSize: 4, budgetMs: 60_000 });
      expect(crashed).toMatchObject({ pages: 2, queued: 8, finished: 0 });
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER ${fn} ON "Message"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
    expect(await campaignMessages(campaign.id)).toHaveLength(8);
    // The crashed run still holds the lease: nobody takes the campaign over yet.
    expect((await runDueCampaigns(prisma, now, { pageSize: 4 })).pages).toBe(0);

    // Once the lease lapses, another run goes on from the last committed page.
    const resumed = await runDueCampaigns(prisma, new Date(now.getTime() + LEASE + 1000), { pageSize: 4 });
    expect(resumed).toMatchObject({ pages: 1, queued: 4, finished: 1 });
    await expectOneEach(campaign.id, members);
  });

  it("reaches every member once when several ticks fan out the same campaign at the same time", async () => {
    const prisma = await db();
    const members = users("u_race", 60);
    await segmentWith("Race", members);
    const campaign = await createCampaign({ segment: "Race", channel: "webhook", body: "x" });
    // Small pages and no budget: the runs interleave, hand the campaign back and take it again.
    for (let i = 0; i < 40 && (await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status !== "done"; i++) {
      await Promise.all([5, 5, 7, 3].map((pageSize) => runDueCampaigns(prisma, new Date(), { pageSize, budgetMs: 0 })));
    }
    await expectOneEach(campaign.id, members);
    // Whole ticks at once, with delivery, add nothing and send each message once.
    await Promise.all([runTick(await database()), runTick(await database()), tick(t)]);
    await expectOneEach(campaign.id, members);
    const attempts = await prisma.messageAttempt.groupBy({ by: ["messageId"], where: { message: { campaignId: campaign.id } }, _count: { _all: true } });
    expect(attempts).toHaveLength(members.length);
    expect(attempts.every((a) => a._count._all === 1)).toBe(true);
  });
});

describe("cancelling", () => {
  it("stops a scheduled campaign before anything is sent", async () => {
    const prisma = await db();
    await segmentWith("Cancel early", ["u_cancel_1"]);
    const sendAt = tomorrow();
    const campaign = await createCampaign({ segment: "Cancel early", channel: "webhook", body: "x", sendAt: sendAt.toISOString() });
    const cancelled = await t.master("POST", `/api/v1/campaigns/${campaign.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", progress: { recipients: 0 } });
    await runDueCampaigns(prisma, new Date(sendAt.getTime() + 1000));
    expect(await campaignMessages(campaign.id)).toHaveLength(0);
    const again = await t.master("POST", `/api/v1/campaigns/${campaign.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/cancelled/);
  });

  it("stops a sending campaign: no further pages, and queued messages are withdrawn", async () => {
    const prisma = await db();
    const members = users("u_cancel_mid", 9);
    await segmentWith("Cancel mid-way", members);
    const sendAt = tomorrow();
    const campaign = await createCampaign({ segment: "Cancel mid-way", channel: "webhook", body: "x", sendAt: sendAt.toISOString() });
    const now = new Date(sendAt.getTime() + 1000);
    await runDueCampaigns(prisma, now, { pageSize: 3, budgetMs: 0 });
    const cancelled = await t.master("POST", `/api/v1/campaigns/${campaign.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: "cancelled", progress: { recipients: 3, queued: 0, skipped: 3 } });
    expect((await runDueCampaigns(prisma, new Date(now.getTime() + LEASE + 1000))).pages).toBe(0);
    const messages = await campaignMessages(campaign.id);
    expect(messages.map((m) => [m.status, m.error])).toEqual(Array(3).fill(["skipped", "The campaign was cancelled before this message was sent"]));
  });

  it("answers 409 for a done campaign and 404 for an unknown one", async () => {
    await segmentWith("Cancel done", ["u_cancel_done"]);
    const campaign = await createCampaign({ segment: "Cancel done", channel: "webhook", body: "x" });
    await tick(t);
    expect((await t.master("GET", `/api/v1/campaigns/${campaign.id}`)).body.status).toBe("done");
    expect((await t.master("POST", `/api/v1/campaigns/${campaign.id}/cancel`)).status).toBe(409);
    expect((await t.master("POST", "/api/v1/campaigns/cmp_nope/cancel")).status).toBe(404);
    expect((await t.master("GET", "/api/v1/campaigns/cmp_nope")).status).toBe(404);
  });
});

describe("listing and previewing", () => {
  it("lists campaigns newest first with their progress, in pages", async () => {
    const list = await t.master("GET", "/api/v1/campaigns?limit=2");
    expect(list.status).toBe(200);
    expect(list.body.campaigns).toHaveLength(2);
    expect(list.body.campaigns[0].name).toBe("Cancel done");
    expect(list.body.campaigns[0].progress).toMatchObject({ recipients: 1, sent: 1 });
    const next = await t.master("GET", `/api/v1/campaigns?limit=200&cursor=${list.body.nextCursor}`);
    const all = [...list.body.campaigns, ...next.body.campaigns];
    const created = all.map((c: { createdAt: string }) => c.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(new Set(all.map((c: { id: string }) => c.id)).size).toBe(all.length);
    expect((await t.master("GET", "/api/v1/campaigns?cursor=garbage")).status).toBe(400);
  });

  it("renders the message for a real member, reports template problems, and knows who would be skipped", async () => {
    await t.app("PUT", "/api/v1/users/u_prev_a", { name: "Ana", email: "ana@example.com" });
    await t.app("PUT", "/api/v1/users/u_prev_b", { name: "Bo" });
    await segmentWith("Preview", ["u_prev_b", "u_prev_a"]);
    const preview = await t.master("POST", "/api/v1/campaigns/preview", { segment: "Preview", channel: "email", subject: "Hi {{ user.name }}", body: "Mail to {{ user.email }}" });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      segment: { name: "Preview", members: 2 },
      member: { userId: "u_prev_a", name: "Ana" },
      content: { subject: "Hi Ana", body: "Mail to ana@example.com" },
      unreachable: null,
      problems: [],
    });
    const forBo = await t.master("POST", "/api/v1/campaigns/preview", { segment: "Preview", channel: "email", subject: "Hi {{ user.name", body: "x", userId: "u_prev_b" });
    expect(forBo.body).toMatchObject({ member: { userId: "u_prev_b" }, content: { body: "x" }, unreachable: "The user has no email address" });
    expect(forBo.body.problems.map((p: { path: string }) => p.path)).toEqual(["subject"]);
    expect((await t.master("POST", "/api/v1/campaigns/preview", { segment: "Preview", channel: "email", body: "x", userId: "u_stranger" })).status).toBe(400);
    expect((await t.master("POST", "/api/v1/campaigns/preview", { segment: "Nope", channel: "email", body: "x" })).status).toBe(404);
  });
});
