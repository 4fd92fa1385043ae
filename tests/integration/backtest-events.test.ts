// The backtest's event stream: every event of the names asked for, once, in (timestamp,
// seq) order, a page at a time — also when many events share a timestamp across page
// boundaries (the keyset resumes inside a run of equal timestamps) and two names
// interleave. Data is parsed when read.
import { expect, it } from "vitest";
import { sqlDb } from "@/lib/server/db";
import { eventStream } from "@/lib/server/engine/backtest-events";
import { storeEvents } from "@/lib/server/ingest/ingest";
import { createTestApp } from "./api-client";

process.env.CUE_BACKTEST_PAGE = "4";

it("reads each event once, in time order, across pages of equal timestamps and names", async () => {
  const t = await createTestApp();
  const at = new Date(Date.now() - 3_600_000);
  at.setUTCSeconds(0, 0);
  // 9 carts at one moment, purchases at that moment and a second later, and a name not asked for.
  const events = [
    ...Array.from({ length: 9 }, (_, i) => ({ eventId: `c${i}`, userId: `u${i % 3}`, name: "ADDTOCART", data: { n: i }, timestamp: at })),
    ...Array.from({ length: 5 }, (_, i) => ({ eventId: `p${i}`, userId: `u${i % 2}`, name: "PURCHASE", data: { n: i }, timestamp: new Date(at.getTime() + (i % 2) * 1000) })),
    { eventId: "o", userId: "u0", name: "OTHER", data: {}, timestamp: at },
  ];
  const sql = await sqlDb();
  await sql.transaction((tx) => storeEvents(tx, t.id, events, null));

  const stream = eventStream(sql, t.id, ["ADDTOCART", "PURCHASE"], new Date(at.getTime() - 1000), new Date(at.getTime() + 60_000));
  const read = [];
  for (let page = await stream.next(); page.length > 0; page = await stream.next()) {
    expect(page.length).toBeLessThanOrEqual(4);
    read.push(...page);
  }
  expect(read.map((e) => e.id).sort()).toEqual(events.filter((e) => e.name !== "OTHER").map((e) => e.eventId).sort());
  for (let i = 1; i < read.length; i++) {
    const [a, b] = [read[i - 1]!, read[i]!];
    expect(a.timestamp.getTime() < b.timestamp.getTime() || (a.timestamp.getTime() === b.timestamp.getTime() && a.seq < b.seq)).toBe(true);
  }
  expect(read.find((e) => e.id === "c4")).toMatchObject({ event: "ADDTOCART", userId: "u1", data: { n: 4 } });
  expect(read.find((e) => e.id === "p1")!.timestamp).toEqual(new Date(at.getTime() + 1000));
});
