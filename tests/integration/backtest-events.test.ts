// The backtest's event streams: every event of the names asked for, once, a page at a
// time, in (timestamp, seq) order — also when many events share a timestamp across page
// boundaries (the keyset resumes inside a run of equal timestamps) and two names
// interleave — or in (userId, timestamp, seq) order through a cursor. Data is parsed when
// read.
import { expect, it } from "vitest";
import { sqlDb } from "@/lib/server/db";
import { eachPageByUser, eventStream, type StoredEvent } from "@/lib/server/engine/backtest-events";
import { storeEvents } from "@/lib/server/ingest/ingest";
import { createTestApp } from "./api-client";

process.env.CUE_BACKTEST_PAGE = "4";

const at = new Date(Date.now() - 3_600_000);
at.setUTCSeconds(0, 0);
// 9 carts at one moment, purchases at that moment and a second later, and a name not asked for.
const events = [
  ...Array.from({ length: 9 }, (_, i) => ({ eventId: `c${i}`, userId: `u${i % 3}`, name: "ADDTOCART", data: { n: i }, timestamp: at })),
  ...Array.from({ length: 5 }, (_, i) => ({ eventId: `p${i}`, userId: `u${i % 2}`, name: "PURCHASE", data: { n: i }, timestamp: new Date(at.getTime() + (i % 2) * 1000) })),
  { eventId: "o", userId: "u0", name: "OTHER", data: {}, timestamp: at },
];
const asked = events.filter((e) => e.name !== "OTHER").map((e) => e.eventId).sort();

async function stored() {
  const t = await createTestApp();
  const sql = await sqlDb();
  await sql.transaction((tx) => storeEvents(tx, t.id, events, null));
  return { t, sql };
}

it("reads each event once, in time order, across pages of equal timestamps and names", async () => {
  const { t, sql } = await stored();

  const stream = eventStream(sql, t.id, ["ADDTOCART", "PURCHASE"], new Date(at.getTime() - 1000), new Date(at.getTime() + 60_000));
  const read = [];
  for (let page = await stream.next(); page.length > 0; page = await stream.next()) {
    expect(page.length).toBeLessThanOrEqual(4);
    read.push(...page);
  }
  expect(read.map((e) => e.id).sort()).toEqual(asked);
  for (let i = 1; i < read.length; i++) {
    const [a, b] = [read[i - 1]!, read[i]!];
    expect(a.timestamp.getTime() < b.timestamp.getTime() || (a.timestamp.getTime() === b.timestamp.getTime() && a.seq < b.seq)).toBe(true);
  }
  expect(read.find((e) => e.id === "c4")).toMatchObject({ event: "ADDTOCART", userId: "u1", data: { n: 4 } });
  expect(read.find((e) => e.id === "p1")!.timestamp).toEqual(new Date(at.getTime() + 1000));
});

it("reads each event once by user, each user's events together in time order, across pages", async () => {
  const { t, sql } = await stored();
  const read: StoredEvent[] = [];
  await eachPageByUser(sql, t.id, ["ADDTOCART", "PURCHASE"], new Date(at.getTime() - 1000), new Date(at.getTime() + 60_000), async (page) => {
    expect(page.length).toBeLessThanOrEqual(4);
    read.push(...page);
  });
  expect(read.map((e) => e.id).sort()).toEqual(asked);
  // Users come one after another, never back.
  const users = read.map((e) => e.userId).filter((u, i, all) => u !== all[i - 1]);
  expect(users).toEqual(["u0", "u1", "u2"]);
  for (let i = 1; i < read.length; i++) {
    const [a, b] = [read[i - 1]!, read[i]!];
    if (a.userId !== b.userId) continue;
    expect(a.timestamp.getTime() < b.timestamp.getTime() || (a.timestamp.getTime() === b.timestamp.getTime() && a.seq < b.seq)).toBe(true);
  }
  expect(read.find((e) => e.id === "p3")).toMatchObject({ event: "PURCHASE", userId: "u1", data: { n: 3 }, timestamp: new Date(at.getTime() + 1000) });
});
