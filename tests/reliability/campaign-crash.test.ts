// A campaign's fan-out survives the process: a server killed while it writes a large
// campaign's pages, restarted next to a second one, finishes it with every member
// messaged exactly once and every message handed to the provider once.
import { afterEach, describe, expect, it } from "vitest";
import { api, count, harness, waitFor, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MEMBERS = 20_000;

describe("a server killed during a campaign's fan-out", () => {
  it("reaches each of 20,000 members exactly once after a restart", async () => {
    h = await harness();
    // A short campaign lease, so the killed server's claim lapses quickly.
    const env = { CUE_TICK_SECONDS: "1", CUE_CAMPAIGN_LEASE_MS: "3000" };
    const first = await h.start(env);
    const segment = await api(first, "POST", "/api/v1/segments", { name: "Everyone" });
    expect(segment.status).toBe(201);
    for (let i = 0; i < MEMBERS; i += 2_000) {
      const userIds = Array.from({ length: 2_000 }, (_, k) => `u_${String(i + k).padStart(6, "0")}`);
      expect((await api(first, "POST", `/api/v1/segments/${segment.body.id}/members`, { userIds })).status).toBe(200);
    }
    const campaign = await api(first, "POST", "/api/v1/campaigns", { segment: "Everyone", channel: "webhook", body: "hello {{ user.id }}" });
    expect(campaign.status).toBe(201);
    const id = campaign.body.id as string;

    await waitFor("the fan-out to be under way", async () => (await count(h!, `SELECT count(*) FROM "Message" WHERE "campaignId" = $1`, [id])) > 1000, 60_000);
    await first.stop("SIGKILL");
    const written = await count(h, `SELECT count(*) FROM "Message" WHERE "campaignId" = $1`, [id]);
    expect(written).toBeLessThan(MEMBERS);

    await Promise.all([h.start(env), h.start(env)]);
    await waitFor(
      "every message to be sent",
      async () => (await count(h!, `SELECT count(*) FROM "Message" WHERE "campaignId" = $1 AND status = 'sent'`, [id])) === MEMBERS,
      240_000,
    );
    expect(await count(h, `SELECT count(*) FROM "Message" WHERE "campaignId" = $1`, [id])).toBe(MEMBERS);
    expect(await count(h, `SELECT count(DISTINCT "userId") FROM "Message" WHERE "campaignId" = $1`, [id])).toBe(MEMBERS);
    expect(await count(h, `SELECT count(*) FROM "MessageAttempt" a JOIN "Message" m ON m.id = a."messageId" WHERE m."campaignId" = $1`, [id])).toBe(MEMBERS);
    expect(await count(h, `SELECT count(*) FROM "Campaign" WHERE id = $1 AND status = 'done'`, [id])).toBe(1);
  }, 400_000);
});
