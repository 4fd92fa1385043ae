// npm run bench:analytics: how fast the overview's event chart answers over 10 million
// events. Starts its own PostgreSQL, migrates, seeds one app with 10M events over 35
// days (50 names, skewed like real traffic) plus the hourly rollup the matcher would
// have written, and times the 30-day daily chart through eventSeries (what
// GET /api/v1/analytics/events runs): 5 named events, and the no-event top-20 form.
// The same charts counted straight from "Event" are timed for contrast.
// Options: --events N (default 10,000,000), --runs N (default 50).
import pg from "pg";
import { createApp } from "../lib/server/apps";
import { eventSeries } from "../lib/server/analytics/event-series";
import { resolveRange } from "../lib/server/analytics/chart-range";
import { closeDatabase, db } from "../lib/server/db";
import { removePostgres, startPostgres } from "../tests/support/postgres-server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg("events", 10_000_000);
const RUNS = arg("runs", 50);
const NAIVE_RUNS = 5;
const CHUNK = 1_000_000;
const NAMES = 50;
const DAYS = 35;
const PENDING = 2_000; // events just ingested, not rolled up yet
const NAMED = ["event_00", "event_03", "event_10", "event_25", "event_49"];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(runs: number, run: () => Promise<unknown>) {
  const first = process.hrtime.bigint();
  await run();
  const cold = ms(first);
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run();
    warm.push(ms(start));
  }
  warm.sort((a, b) => a - b);
  return { first: cold, median: percentile(warm, 50), p95: percentile(warm, 95), runs };
}

// Secondary indexes are dropped while seeding and rebuilt after: same end state, minutes faster.
const EVENT_INDEXES = [
  `CREATE UNIQUE INDEX "Event_appId_eventId_key" ON "Event"("appId", "eventId")`,
  `CREATE INDEX "Event_appId_userId_timestamp_idx" ON "Event"("appId", "userId", "timestamp")`,
  `CREATE INDEX "Event_appId_name_timestamp_idx" ON "Event"("appId", "name", "timestamp")`,
  `CREATE INDEX "Event_matchedAt_seq_idx" ON "Event"("matchedAt", "seq")`,
];

async function seed(pool: pg.Pool, appId: string, now: Date) {
  const log = (line: string) => console.log(`  ${line}`);
  for (const statement of EVENT_INDEXES) await pool.query(`DROP INDEX IF EXISTS "${statement.match(/"(Event_[^"]+)"/)![1]}"`);
  const span = DAYS * 86_400;
  // Name skew: event_00 is the most frequent, roughly a power law down to event_49.
  for (let offset = 0; offset < EVENTS; offset += CHUNK) {
    const start = process.hrtime.bigint();
    const count = Math.min(CHUNK, EVENTS - offset);
    await pool.query(
      `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, timestamp, "receivedAt", "matchedAt")
       SELECT $1, 'e' || g, 'u' || (random() * 200000)::int,
              'event_' || lpad(least(${NAMES - 1}, floor(${NAMES} * power(random(), 2.5)))::int::text, 2, '0'),
              '{}'::jsonb, t, t, t
       FROM (SELECT g, $4::timestamp(3) - random() * make_interval(secs => $5) AS t FROM generate_series($2::bigint, $3::bigint) g) s`,
      [appId, offset, offset + count - 1, now.toISOString(), span],
    );
    log(`${(offset + count).toLocaleString("en-US")} events (${(ms(start) / 1000).toFixed(1)} s)`);
  }
  const rollup = process.hrtime.bigint();
  // What the matcher would have written for them, one row per (hour, name).
  await pool.query(
    `INSERT INTO "EventCount" ("appId", hour, name, count)
     SELECT "appId", date_trunc('hour', timestamp), name, count(*)::int FROM "Event" WHERE "appId" = $1 GROUP BY 1, 2, 3`,
    [appId],
  );
  log(`rollup (${(ms(rollup) / 1000).toFixed(1)} s)`);
  // A few just ingested: pending, counted by the same statement from the Event table.
  await pool.query(
    `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, timestamp)
     SELECT $1, 'p' || g, 'u' || (random() * 200000)::int, 'event_' || lpad((g % ${NAMES})::text, 2, '0'), '{}'::jsonb,
            $2::timestamp(3) - random() * interval '1 hour'
     FROM generate_series(1, ${PENDING}) g`,
    [appId, now.toISOString()],
  );
  const indexes = process.hrtime.bigint();
  for (const statement of EVENT_INDEXES) await pool.query(statement);
  log(`indexes (${(ms(indexes) / 1000).toFixed(1)} s)`);
  await pool.query(`VACUUM ANALYZE "Event"`);
  await pool.query(`VACUUM ANALYZE "EventCount"`);
}

async function main() {
  console.log(`Analytics chart benchmark: ${EVENTS.toLocaleString("en-US")} events, ${NAMES} names, ${DAYS} days`);
  const postgres = await startPostgres({ fsync: false });
  process.env.DATABASE_URL = postgres.url;
  process.env.CUE_DB_STATEMENT_TIMEOUT_MS = String(10 * 60_000);
  const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
  // A socket still closing when PostgreSQL stops must not crash the run.
  pool.on("error", (error) => console.warn(`  (pool: ${error.message})`));
  try {
    const prisma = await db();
    const { app } = await createApp(prisma, "Analytics bench");
    const now = new Date();
    const seedStart = process.hrtime.bigint();
    await seed(pool, app.id, now);
    console.log(`  seeded in ${(ms(seedStart) / 1000).toFixed(0)} s`);

    const range = resolveRange({ interval: "day" }, now);
    const rawSql = (names: boolean) =>
      `SELECT name, date_trunc('day', timestamp) AS t, count(*) FROM "Event"
       WHERE "appId" = $1 AND timestamp >= $2 AND timestamp < $3 ${names ? "AND name = ANY($4)" : ""} GROUP BY 1, 2`;
    const rawParams = (names: boolean) => [app.id, range.from.toISOString(), range.to.toISOString(), ...(names ? [NAMED] : [])];
    const rows = [
      ["rollup, 5 named events", await time(RUNS, () => eventSeries(prisma, app.id, range, NAMED))],
      ["rollup, top 20 (no event)", await time(RUNS, () => eventSeries(prisma, app.id, range, []))],
      ["raw Event scan, 5 named", await time(NAIVE_RUNS, () => pool.query(rawSql(true), rawParams(true)))],
      ["raw Event scan, all names", await time(NAIVE_RUNS, () => pool.query(rawSql(false), rawParams(false)))],
    ] as const;

    // The two forms agree with the raw count (the rollup plus pending is exact).
    const [viaRollup, viaRaw] = await Promise.all([
      eventSeries(prisma, app.id, range, NAMED),
      pool.query<{ count: string }>(`SELECT count(*) FROM "Event" WHERE "appId" = $1 AND timestamp >= $2 AND timestamp < $3 AND name = ANY($4)`, rawParams(true)),
    ]);
    const rollupTotal = viaRollup.series.flatMap((s) => s.points).reduce((sum, p) => sum + p.count, 0);
    const eventRows = (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Event"`)).rows[0]!.n;
    const countRows = (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "EventCount"`)).rows[0]!.n;

    console.log(`\n30-day chart by day (${range.from.toISOString().slice(0, 10)} → ${range.to.toISOString().slice(0, 10)}), PostgreSQL, ${Number(eventRows).toLocaleString("en-US")} events, ${Number(countRows).toLocaleString("en-US")} rollup rows\n`);
    console.log("| query | first call ms | median ms | p95 ms | runs |");
    console.log("|---|---:|---:|---:|---:|");
    for (const [name, t] of rows) console.log(`| ${name} | ${t.first.toFixed(1)} | ${t.median.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.runs} |`);
    console.log(`\n5 named events, 30 days: rollup + pending ${rollupTotal.toLocaleString("en-US")}, raw ${Number(viaRaw.rows[0]!.count).toLocaleString("en-US")} (${rollupTotal === Number(viaRaw.rows[0]!.count) ? "equal" : "DIFFERENT"})`);
    if (rollupTotal !== Number(viaRaw.rows[0]!.count)) process.exitCode = 1;
  } finally {
    await pool.end();
    await closeDatabase();
    removePostgres(postgres);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
