// GET /api/v1/analytics/events against the raw events: random batches with duplicate ids
// and out-of-order timestamps, some rolled up by the matcher and some still pending, must
// count exactly what SELECT ... GROUP BY over "Event" counts, by hour and by day.
import { beforeAll, describe, expect, it } from "vitest";
import { databaseMode, db, sqlDb } from "@/lib/server/db";
import { backgroundIdle } from "@/lib/server/engine/background";
import { parseEventsBody } from "@/lib/server/ingest/event-input";
import { ingestEvents } from "@/lib/server/ingest/ingest";
import { createTestApp, type TestApp } from "./api-client";
import { send, tick } from "./engine-helpers";

type Series = { event: string; points: { t: string; count: number }[] };

const NAMES = ["VIEW", "ADDTOCART", "PURCHASE", "app.open", "SEARCH"];
const HOUR = 3_600_000;
const now = Date.now();
const from = new Date(Math.floor((now - 4 * 24 * HOUR) / HOUR) * HOUR).toISOString();
const to = new Date(now + HOUR).toISOString();

// Deterministic, so a failure can be replayed.
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}
const rand = random(42);
const pick = <T,>(items: T[]) => items[Math.floor(rand() * items.length)]!;

let a: TestApp;
let b: TestApp;
let serial = 0;
const sentIds: { id: string; userId: string; event: string; timestamp: string }[] = [];

/** A batch in random time order within the last 3.5 days; a fifth of it re-sends earlier ids. */
function batch(size: number) {
  return Array.from({ length: size }, () => {
    if (sentIds.length > 0 && rand() < 0.2) {
      // A duplicate, even with another timestamp, is stored (and counted) once.
      return { ...pick(sentIds), timestamp: new Date(now - rand() * 80 * HOUR).toISOString() };
    }
    const event = { id: `ev-${serial++}`, userId: `u${Math.floor(rand() * 30)}`, event: pick(NAMES), timestamp: new Date(now - rand() * 84 * HOUR).toISOString() };
    sentIds.push(event);
    return event;
  });
}

async function rawCounts(appId: string, unit: "hour" | "day") {
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<{ name: string; t: Date; count: bigint }[]>(
    `SELECT name, date_trunc('${unit}', timestamp) AS t, count(*) AS count FROM "Event" WHERE "appId" = $1 GROUP BY 1, 2`,
    appId,
  );
  return new Map(rows.map((r) => [`${r.name} ${r.t.toISOString()}`, Number(r.count)]));
}

function apiCounts(series: Series[]) {
  const counts = new Map<string, number>();
  for (const s of series) for (const p of s.points) if (p.count > 0) counts.set(`${s.event} ${p.t}`, p.count);
  return counts;
}

async function chart(t: TestApp, query: string) {
  const res = await t.master("GET", `/api/v1/analytics/events?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.series as Series[];
}

async function pendingCount(appId: string) {
  const prisma = await db();
  return prisma.event.count({ where: { appId, matchedAt: null } });
}

async function expectExact(unit: "hour" | "day") {
  const query = `from=${from}&to=${to}&interval=${unit}&event=${NAMES.join(",")}`;
  expect(apiCounts(await chart(a, query))).toEqual(await rawCounts(a.id, unit));
}

beforeAll(async () => {
  a = await createTestApp("Analytics A");
  b = await createTestApp("Analytics B");
  // B's events must never show up in A's charts.
  await send(b, [{ userId: "b1", event: "B_ONLY" }, { userId: "b1", event: "VIEW" }, { userId: "b1", event: "VIEW" }]);
});

describe("event counts over time", () => {
  it("equal the raw counts, by hour and by day, whether events are rolled up or pending", async () => {
    // Matched: through the API, then the background matcher and a tick roll them up.
    for (let i = 0; i < 4; i++) await send(a, batch(60));
    await backgroundIdle();
    await tick(a);
    expect(await pendingCount(a.id)).toBe(0);
    await expectExact("hour");
    await expectExact("day");

    // Pending: stored but not matched yet (as Segment batches are, until the sweep).
    const prisma = await db();
    for (let i = 0; i < 3; i++) await ingestEvents(await sqlDb(), a.id, parseEventsBody({ events: batch(50) }, new Date()), { match: false });
    // Other test files tick the shared PostgreSQL server too, so only PGlite can promise rows are still pending.
    if (databaseMode() === "pglite") expect(await pendingCount(a.id)).toBeGreaterThan(0);
    await expectExact("hour");
    await expectExact("day");

    // And again once the matcher has moved them into the rollup.
    await tick(a);
    expect(await pendingCount(a.id)).toBe(0);
    await expectExact("hour");
    await expectExact("day");
  });

  it("zero-fills every bucket, starting at the rounded-down from, in UTC", async () => {
    const series = await chart(a, `from=2026-01-01T10:30:00Z&to=2026-01-03T00:00:00Z&interval=day&event=NEVER_SENT`);
    expect(series).toEqual([
      { event: "NEVER_SENT", points: [{ t: "2026-01-01T00:00:00.000Z", count: 0 }, { t: "2026-01-02T00:00:00.000Z", count: 0 }] },
    ]);
  });

  it("takes event names repeated and comma-separated, in the order given", async () => {
    const series = await chart(a, `from=${from}&to=${to}&event=PURCHASE&event=VIEW,SEARCH`);
    expect(series.map((s) => s.event)).toEqual(["PURCHASE", "VIEW", "SEARCH"]);
    expect(new Set(series.map((s) => s.points.length)).size).toBe(1);
  });

  it("without event, charts the names seen in the range, most frequent first, and only the caller's", async () => {
    const series = await chart(a, `from=${from}&to=${to}`);
    const totals = series.map((s) => s.points.reduce((sum, p) => sum + p.count, 0));
    expect(series.map((s) => s.event).sort()).toEqual([...NAMES].sort());
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
    const ofB = await chart(b, `from=${from}&to=${to}`);
    expect(ofB.map((s) => [s.event, s.points.reduce((sum, p) => sum + p.count, 0)])).toEqual([["VIEW", 2], ["B_ONLY", 1]]);
  });

  it("defaults to the last 30 days by day", async () => {
    const series = await chart(a, "event=VIEW");
    expect(series[0]!.points).toHaveLength(31);
    expect(series[0]!.points.at(-1)!.t).toBe(new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString());
  });
});

describe("validation", () => {
  it.each([
    ["from=yesterday", "from"],
    ["to=2026-13-01", "to"],
    ["interval=week", "interval"],
    ["from=2026-02-01&to=2026-01-01", "from"],
    ["from=2026-01-01&to=2026-01-01", "from"],
    ["from=2025-01-01&to=2026-01-01&interval=hour", "interval"],
    [Array.from({ length: 21 }, (_, i) => `event=E${i}`).join("&"), "event"],
    [`event=${"x".repeat(201)}`, "event"],
  ])("%s → 400 naming %s", async (query, path) => {
    const res = await a.master("GET", `/api/v1/analytics/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((d: { path: string }) => d.path.split(".")[0])).toContain(path);
  });

  it("needs the master secret", async () => {
    expect((await a.app("GET", "/api/v1/analytics/events")).status).toBe(403);
  });
});
