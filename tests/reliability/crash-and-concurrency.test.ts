// Process-level guarantees on PostgreSQL with the built server: a server killed mid-tick
// loses and repeats nothing; three servers ticking one database never run a step twice.
import { afterEach, describe, expect, it } from "vitest";
import { count, harness, publishDelayed, sendDue, sleep, waitFor, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Every enrollment ended once, with one message and one "acted" step; none left behind.
async function expectExactlyOnce(h: Harness, connectorId: string, total: number) {
  expect(await count(h, `SELECT count(*) FROM "Enrollment" WHERE "connectorId" = $1 AND status = 'completed'`, [connectorId])).toBe(total);
  expect(await count(h, `SELECT count(*) FROM "Enrollment" WHERE "connectorId" = $1 AND status <> 'completed'`, [connectorId])).toBe(0);
  expect(await count(h, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1`, [connectorId])).toBe(total);
  expect(await count(h, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1 AND status = 'sent'`, [connectorId])).toBe(total);
  const acted = `SELECT count(*) FROM (SELECT e.id FROM "Enrollment" e, jsonb_array_elements(e.trace) t
                 WHERE e."connectorId" = $1 AND t->>'what' = 'acted' GROUP BY e.id HAVING count(*) <> 1) x`;
  expect(await count(h, acted, [connectorId])).toBe(0);
}

describe("a server killed during a tick", () => {
  it("completes every one of 10,000 due steps exactly once after a restart", async () => {
    h = await harness();
    const first = await h.start({ CUE_TICK_SECONDS: "1" });
    const connector = await publishDelayed(first, "CRASH", 10);
    const dueAt = Date.now() + 45_000;
    await sendDue(first, "CRASH", 10_000, 10, dueAt);
    await waitFor("10,000 enrollments", async () => (await count(h!, `SELECT count(*) FROM "Enrollment" WHERE "connectorId" = $1 AND status <> 'entered'`, [connector])) === 10_000, 120_000);
    await sleep(Math.max(0, dueAt - Date.now()));
    // Kill it in the middle of draining the due steps.
    await waitFor("the tick to be under way", async () => (await count(h!, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1`, [connector])) > 500, 60_000);
    await first.stop("SIGKILL");
    const done = await count(h, `SELECT count(*) FROM "Enrollment" WHERE "connectorId" = $1 AND status = 'completed'`, [connector]);
    expect(done).toBeLessThan(10_000);

    await h.start({ CUE_TICK_SECONDS: "1" });
    await waitFor("every step to finish", async () => (await count(h!, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1 AND status = 'sent'`, [connector])) === 10_000, 180_000);
    await expectExactlyOnce(h, connector, 10_000);
  }, 300_000);
});

describe("three servers ticking one database", () => {
  it("drain 20,000 due steps with no step done twice", async () => {
    h = await harness();
    const servers = [await h.start({ CUE_TICK_SECONDS: "1" }), await h.start({ CUE_TICK_SECONDS: "1" }), await h.start({ CUE_TICK_SECONDS: "1" })];
    const connector = await publishDelayed(servers[0]!, "CONC", 10);
    // Due while they are still arriving: the three tickers race for them from the start.
    const dueAt = Date.now() + 20_000;
    await sendDue(servers[0]!, "CONC", 20_000, 10, dueAt);
    await waitFor("every step to finish", async () => (await count(h!, `SELECT count(*) FROM "Message" WHERE "connectorId" = $1 AND status = 'sent'`, [connector])) === 20_000, 240_000);
    await expectExactlyOnce(h, connector, 20_000);
    // Each message was handed to the provider once: one attempt each.
    expect(await count(h, `SELECT count(*) FROM "MessageAttempt" a JOIN "Message" m ON m.id = a."messageId" WHERE m."connectorId" = $1`, [connector])).toBe(20_000);
  }, 400_000);
});
