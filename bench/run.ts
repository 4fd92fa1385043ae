// npm run bench [-- --json] [-- --smoke] [-- --only=postgres|pglite] [-- --profile=DIR]
// [-- --scenarios=tick,raw_claim]:
// builds Cue into .next-bench (or uses the build in CUE_BENCH_DIST), starts its own
// PostgreSQL and a Cue server against it, runs every scenario for a bounded time, then the
// same scenarios, smaller, on embedded PGlite. Prints a table, or with --json one JSON
// object. --smoke runs each for a moment and only checks that every figure is a finite
// number (scripts/test-all.sh). A scenario that fails is reported and the run goes on;
// however the run ends, every server it started is stopped (bench/lifecycle.ts).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { CueServer } from "../tests/support/cue-server";
import { applyMigrations } from "../lib/server/migrate";
import { createBaselineTables, rawClaimRate, rawInsertRate, type Sql } from "./baselines";
import { capacitySearch, type CapacityStep } from "./capacity";
import { E2M_EVENT, eventToMessage, publishSendConnector } from "./event-to-message";
import { ingestBatched, ingestSingle, routeCeiling, settle, USERS } from "./ingest";
import { holdDirectory, installExitHandlers, releaseAll, startHeldCue, startHeldPostgres } from "./lifecycle";
import { manyConnectorsLatency } from "./many-connectors";
import { anyFailure, checkServerAlive, json, log, measure, prepare, timed, printResults, results, Skip, smokeProblems, wanted, type Database } from "./results";
import { rssSampler } from "./rss";
import { sentOverHttp, sentOverSql, type SentReader } from "./sent-messages";
import { backtestRates, FULL_BACKTEST } from "./backtest";
import { SIZES, SMOKE_BACKTEST, SMOKE_INACTIVITY, type Sizes } from "./sizes";
import { publishDelayConnector, seedWaitingEnrollments, waitForLastStep } from "./tick";
import { publishSeedConnectors } from "./workload";

const smoke = process.argv.includes("--smoke");
// --profile=DIR: every server writes a V8 CPU profile there when it stops.
const profileDir = process.argv.find((a) => a.startsWith("--profile="))?.slice(10);
const BENCH_ENV = {
  CUE_TICK_SECONDS: "1",
  CUE_BENCH_ROUTES: "1",
  CUE_API_RATE_LIMIT: "0",
};
const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];

/** The two capacity searches, through one trigger → send connector. */
async function capacities(db: Database, cue: CueServer, read: SentReader, connectorId: () => Promise<string>, sizes: Sizes) {
  for (const [kind, perRequest, options] of [["single", 1, sizes.capacitySingle], ["batched", 100, sizes.capacityBatched]] as const) {
    await measure(db, `e2m_capacity_${kind}_eps`, async () => {
      const steps: CapacityStep[] = (results.capacity_steps[db][kind] = []);
      const search = await capacitySearch(cue, read, await connectorId(), kind, { ...options, perRequest }, steps);
      return { [`e2m_capacity_${kind}_eps`]: search.eps, [`e2m_capacity_${kind}_errors`]: search.errors };
    }, cue);
    await settle(cue);
  }
}

/**
 * bench/inactivity-scan.ts is written separately: used when it is there. In --smoke it is
 * called with small sizes as a second argument, and only if it declares one.
 */
async function inactivityScan(): Promise<((databaseUrl: string, sizes?: typeof SMOKE_INACTIVITY) => Promise<number>) | undefined> {
  const file = path.join(__dirname, "inactivity-scan.ts");
  if (!existsSync(file)) return undefined;
  const module = await import(file);
  return module.inactivityScanMs ?? module.default?.inactivityScanMs;
}

async function onPostgres(dist: string, sizes: Sizes): Promise<void> {
  const db = "postgres";
  const postgres = await timed(db, "start PostgreSQL", startHeldPostgres);
  const pool = new pg.Pool({ connectionString: postgres.url, max: 8 });
  // pool.end() can resolve while a socket is still closing; PostgreSQL, stopped right
  // after, then ends it with an error that must not crash the run (it did, once, in CI).
  pool.on("error", (error) => log(`  (baseline pool: ${error.message})`));
  const sql: Sql = async (text, params) => (await pool.query(text, params)).rows;
  let server: CueServer | undefined;
  try {
    server = await timed(db, "start the server", () => startHeldCue({ DATABASE_URL: postgres.url, ...BENCH_ENV }, dist, nodeArgs));
    const rss = rssSampler(server.process.pid!);
    const f = results.postgres;
    const cue = server;
    await prepare(db, "seed connectors", () => publishSeedConnectors(cue, 20));
    const appId = ((await sql(`SELECT id FROM "App" WHERE key = $1`, [cue.key])) as { id: string }[])[0]!.id;
    await createBaselineTables(sql);
    const read = sentOverSql(sql, appId);
    // One trigger → send connector for every event → message figure, published when the first needs it.
    let sendConnector: Promise<string> | undefined;
    const connectorId = () => (sendConnector ??= publishSendConnector(cue, "bench latency", E2M_EVENT));

    await measure(db, "ingest_batched_eps", () => ingestBatched(cue, sizes.seconds), cue);
    await settle(cue);
    await measure(db, "raw_insert_batched_eps", () => rawInsertRate(sql, appId, { clients: 4, perStatement: 100, seconds: sizes.seconds, users: USERS }));
    await measure(db, "ingest_single_rps", () => ingestSingle(cue, sizes.seconds), cue);
    await settle(cue);
    await measure(db, "route_ceiling_rps", () => routeCeiling(cue, sizes.seconds), cue);
    await measure(db, "raw_insert_single_rps", () => rawInsertRate(sql, appId, { clients: 8, perStatement: 1, seconds: sizes.seconds, users: USERS }));
    await measure(db, "event_to_message", async () => eventToMessage(cue, read, { connectorId: await connectorId(), count: sizes.latencyEvents, perSecond: sizes.latencyRate }), cue);

    // Seeded due a day from now, so the ticker leaves them alone while the raw loop runs on
    // copies; then one statement makes them all due at once.
    const tickConnector = wanted("raw_claim") || wanted("tick") ? await prepare(db, "delay connector", () => publishDelayConnector(cue)) : undefined;
    const future = new Date(Date.now() + 86_400_000);
    const seeded = tickConnector && (await prepare(db, "waiting enrollments", () => seedWaitingEnrollments(sql, { connectorId: tickConnector, count: sizes.tickEnrollments, dueFrom: future })));
    const pastShift = () => `${future.getTime() - (Date.now() - sizes.tickEnrollments - 1000)} milliseconds`;
    await measure(db, "raw_claim_steps_per_s", () => {
      if (!seeded) throw new Error("no enrollments were seeded");
      return rawClaimRate(sql, { appId: appId, userPrefix: "tick_user_", count: sizes.tickEnrollments, before: () => sql(`UPDATE bench_enrollment SET "dueAt" = "dueAt" - $1::interval`, [pastShift()]) });
    });
    await measure(db, "tick_steps_per_s", async () => {
      if (!seeded) throw new Error("no enrollments were seeded");
      await sql(`UPDATE "Enrollment" SET "dueAt" = "dueAt" - $1::interval WHERE "connectorId" = $2`, [pastShift(), tickConnector]);
      const since = performance.now();
      return sizes.tickEnrollments / (await waitForLastStep(cue, tickConnector!, sizes.tickEnrollments, since, 900));
    }, cue);

    // The new figures come after the old ones, so those run as they always have.
    await settle(cue);
    await capacities(db, cue, read, connectorId, sizes);
    // Last: it pauses the other connectors and leaves many live ones behind.
    await measure(db, "e2m_p99_many_connectors", async () =>
      manyConnectorsLatency(cue, read, { connectorId: await connectorId(), connectors: sizes.unrelatedConnectors, count: sizes.latencyEvents, perSecond: sizes.latencyRate }), cue,
    );
    rss.stop();
    f.peak_rss_mb = rss.peakMb();
    checkServerAlive(db, cue);
    await server.stop();

    // A database of its own on the same server, with the schema applied: its URL.
    const migratedDatabase = async (name: string): Promise<string> => {
      await sql(`CREATE DATABASE ${name}`);
      const url = postgres.url.replace(/\/postgres$/, `/${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await applyMigrations({ exec: async (s) => void (await client.query(s)), query: async <T>(s: string, p?: unknown[]) => (await client.query(s, p)).rows as T[] });
      } finally {
        await client.end();
      }
      return url;
    };
    // On a database of its own on the same server, with Cue stopped.
    await measure(db, "inactivity_scan_ms", async () => {
      const scan = await inactivityScan();
      if (!scan) throw new Skip("bench/inactivity-scan.ts is not there (yet)");
      // Full size takes minutes: smoke runs it only once it takes the sizes (a second parameter).
      if (smoke && scan.length < 2) throw new Skip("inactivityScanMs takes no sizes argument, and full size is too slow for --smoke");
      const url = await migratedDatabase("bench_inactivity");
      return smoke ? scan(url, SMOKE_INACTIVITY) : scan(url);
    });
    // Likewise, with a server of its own on it: the backtest route over 1 M stored events against a raw read of the same rows.
    await measure(db, "backtest_eps", async () => {
      const start = (url: string) => startHeldCue({ DATABASE_URL: url, ...BENCH_ENV }, dist, nodeArgs);
      return backtestRates(await migratedDatabase("bench_backtest"), start, smoke ? SMOKE_BACKTEST : FULL_BACKTEST);
    });
  } finally {
    await server?.stop();
    await pool.end().catch(() => undefined);
    await postgres.release();
  }
}

// PGlite lives inside the server process, so the raw baselines run while the server is
// stopped, on the same data directory, from this process: the same engine and files.
async function onPglite(dist: string, sizes: Sizes): Promise<void> {
  const db = "pglite";
  const dir = mkdtempSync(path.join(tmpdir(), "cue-bench-pglite-"));
  const removeDir = holdDirectory(dir);
  const env = { DATABASE_URL: "", CUE_DATA_DIR: dir, CUE_DEMO_DATA: "0", ...BENCH_ENV };
  const f = results.pglite;
  let peak = 0;
  const withServer = async <T>(run: (server: CueServer) => Promise<T>): Promise<T | undefined> => {
    const server = await prepare(db, "start the server", () => startHeldCue(env, dist, nodeArgs));
    if (!server) return undefined;
    const rss = rssSampler(server.process.pid!);
    const failedBefore = Object.keys(results.failures.pglite).length;
    try {
      return await run(server);
    } finally {
      if (Object.keys(results.failures.pglite).length > failedBefore) console.error(`the PGlite server's output:\n${server.log().slice(-4000)}`);
      rss.stop();
      peak = Math.max(peak, rss.peakMb());
      checkServerAlive(db, server);
      await server.stop();
    }
  };
  const withSql = async <T>(run: (sql: Sql) => Promise<T>): Promise<T> => {
    const pglite = await PGlite.create(dir);
    try {
      return await run(async (text, params) => (await pglite.query(text, params)).rows);
    } finally {
      await pglite.close();
    }
  };
  try {
    let sendConnector: Promise<string> | undefined;
    const tickConnector = await withServer(async (cue) => {
      const connectorId = () => (sendConnector ??= publishSendConnector(cue, "bench latency", E2M_EVENT));
      await prepare(db, "seed connectors", () => publishSeedConnectors(cue, 20));
      await measure(db, "ingest_batched_eps", () => ingestBatched(cue, sizes.seconds), cue);
      await settle(cue);
      await measure(db, "ingest_single_rps", () => ingestSingle(cue, sizes.seconds), cue);
      await settle(cue);
      await measure(db, "route_ceiling_rps", () => routeCeiling(cue, sizes.seconds), cue);
      await measure(db, "event_to_message", async () =>
        eventToMessage(cue, sentOverHttp(cue), { connectorId: await connectorId(), count: sizes.latencyEvents, perSecond: sizes.latencyRate }), cue,
      );
      return wanted("raw_claim") || wanted("tick") ? prepare(db, "delay connector", () => publishDelayConnector(cue)) : undefined;
    });
    await prepare(db, "raw baselines", () =>
      withSql(async (sql) => {
        await applyMigrations({ exec: async (s) => void (await sql(s)), query: async <T>(s: string, p?: unknown[]) => (await sql(s, p)) as T[] });
        const appId = ((await sql(`SELECT id FROM "App" LIMIT 1`)) as { id: string }[])[0]!.id;
        await createBaselineTables(sql);
        await measure(db, "raw_insert_batched_eps", () => rawInsertRate(sql, appId, { clients: 4, perStatement: 100, seconds: sizes.seconds, users: USERS }));
        await measure(db, "raw_insert_single_rps", () => rawInsertRate(sql, appId, { clients: 8, perStatement: 1, seconds: sizes.seconds, users: USERS }));
        if (!tickConnector) return;
        await seedWaitingEnrollments(sql, { connectorId: tickConnector, count: sizes.tickEnrollments, dueFrom: new Date(Date.now() - sizes.tickEnrollments - 60_000) });
        await measure(db, "raw_claim_steps_per_s", () => rawClaimRate(sql, { appId: appId, userPrefix: "tick_user_", count: sizes.tickEnrollments }));
      }),
    );
    await withServer(async (cue) => {
      // Everything is due before the server starts: the clock runs from its first answer.
      if (tickConnector) {
        await measure(db, "tick_steps_per_s", async () => sizes.tickEnrollments / (await waitForLastStep(cue, tickConnector, sizes.tickEnrollments, performance.now(), 900)), cue);
      }
      // The new figures after the old ones, so those run as they always have.
      await settle(cue);
      await capacities(db, cue, sentOverHttp(cue), () => (sendConnector ??= publishSendConnector(cue, "bench latency", E2M_EVENT)), sizes);
    });
    f.peak_rss_mb = peak;
  } finally {
    await removeDir();
  }
}

async function main() {
  installExitHandlers(
    (reason) => {
      results.incomplete = reason;
      printResults();
    },
    () => results.unhandled_rejections++,
  );
  const dist = process.env.CUE_BENCH_DIST || ".next-bench";
  if (!process.env.CUE_BENCH_DIST) {
    log(`building into ${dist}…`);
    execFileSync("npx", ["next", "build"], { env: { ...process.env, CUE_DIST_DIR: dist }, stdio: json ? "ignore" : "inherit" });
  }
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
  const databases = (["postgres", "pglite"] as const).filter((db) => !only || only === db);
  const started = performance.now();
  for (const db of databases) {
    log(db === "postgres" ? "PostgreSQL:" : "PGlite:");
    const sizes = smoke ? SIZES.smoke : SIZES[db];
    // Whatever fails here (PostgreSQL would not start, …) is recorded; the other database still runs.
    const t0 = performance.now();
    try {
      await (db === "postgres" ? onPostgres(dist, sizes) : onPglite(dist, { ...sizes, tickEnrollments: smoke ? 200 : sizes.tickEnrollments }));
    } catch (error) {
      results.failures[db].run = (error as Error).message?.slice(0, 2000) ?? String(error);
      console.error(`  the ${db} run failed:`, error);
    }
    results.seconds[db].total = Math.round((performance.now() - t0) / 1000);
  }
  await releaseAll();
  printResults();
  log(`the run took ${Math.round((performance.now() - started) / 1000)} s`);
  if (smoke) {
    const problems = smokeProblems([...databases]);
    if (problems.length) {
      console.error("bench smoke: figures missing or not finite, or measurements that failed:", problems);
      process.exit(1);
    }
    log("bench smoke: every figure is a finite number, none failed");
  } else if (anyFailure()) {
    console.error("bench: some measurements failed (see failures above)");
    process.exit(1);
  }
}

main().catch(async (error) => {
  console.error(error);
  await releaseAll();
  printResults();
  process.exit(1);
});
