// npm run bench [-- --json] [-- --smoke] [-- --only=postgres|pglite] [-- --profile=DIR]
// [-- --scenarios=tick,raw_claim]:
// builds Cue into .next-bench (or uses the build in CUE_BENCH_DIST), starts its own
// PostgreSQL and a Cue server against it, runs every scenario for a bounded time, then the
// same scenarios, smaller, on embedded PGlite. Prints a table, or with --json one JSON
// object. --smoke runs each for a moment and only checks that every figure is a finite
// positive number (scripts/test-all.sh).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { startCue, type CueServer } from "../tests/support/cue-server";
import { removePostgres, startPostgres } from "../tests/support/postgres-server";
import { createBaselineTables, rawClaimRate, rawInsertRate, type Sql } from "./baselines";
import { eventToMessage } from "./event-to-message";
import { ingestBatched, ingestSingle, routeCeiling, settle, USERS } from "./ingest";
import { rssSampler } from "./rss";
import { publishDelayConnector, seedWaitingEnrollments, waitForLastStep } from "./tick";
import { publishSeedConnectors } from "./workload";
import { applyMigrations } from "../lib/server/migrate";

type Sizes = { seconds: number; latencyEvents: number; latencyRate: number; tickEnrollments: number };
type Figures = Record<string, number>;

const SIZES: Record<"postgres" | "pglite" | "smoke", Sizes> = {
  postgres: { seconds: 20, latencyEvents: 1000, latencyRate: 50, tickEnrollments: 100_000 },
  pglite: { seconds: 8, latencyEvents: 300, latencyRate: 25, tickEnrollments: 10_000 },
  smoke: { seconds: 1.5, latencyEvents: 30, latencyRate: 30, tickEnrollments: 300 },
};

const json = process.argv.includes("--json");
const smoke = process.argv.includes("--smoke");
const log = (line: string) => !json && console.log(line);
const load = () => Number(loadavg()[0]!.toFixed(2));
// --profile=DIR: every server writes a V8 CPU profile there when it stops.
const profileDir = process.argv.find((a) => a.startsWith("--profile="))?.slice(10);
const BENCH_ENV = {
  CUE_TICK_SECONDS: "1",
  CUE_BENCH_ROUTES: "1",
  CUE_API_RATE_LIMIT: "0",
};
const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];

// Each measurement notes the 1-minute load average when it ended: other work on the
// machine shows up there, and a figure taken under load should be repeated.
// --scenarios=a,b: only the measurements whose names start with one of these (to iterate on one).
const scenarios = process.argv.find((a) => a.startsWith("--scenarios="))?.slice(12).split(",");

async function measure(figures: Figures, loads: Figures, name: string, run: () => Promise<number | Figures>) {
  if (scenarios && !scenarios.some((prefix) => name.startsWith(prefix))) return;
  log(`  ${name}…`);
  const value = await run();
  Object.assign(figures, typeof value === "number" ? { [name]: value } : value);
  loads[name] = load();
}

function ratios(f: Figures) {
  f.ingest_batched_ratio = f.ingest_batched_eps! / f.raw_insert_batched_eps!;
  f.ingest_single_ratio = f.ingest_single_rps! / f.route_ceiling_rps!;
  f.ingest_single_db_ratio = f.ingest_single_rps! / f.raw_insert_single_rps!;
  f.tick_ratio = f.tick_steps_per_s! / f.raw_claim_steps_per_s!;
}

async function onPostgres(dist: string, sizes: Sizes, loads: Figures): Promise<Figures> {
  const postgres = await startPostgres();
  const pool = new pg.Pool({ connectionString: postgres.url, max: 8 });
  // pool.end() can resolve while a socket is still closing; PostgreSQL, stopped right
  // after, then ends it with an error that must not crash the run (it did, once, in CI).
  pool.on("error", (error) => log(`  (baseline pool: ${error.message})`));
  const sql: Sql = async (text, params) => (await pool.query(text, params)).rows;
  let server: CueServer | undefined;
  try {
    server = await startCue({ DATABASE_URL: postgres.url, ...BENCH_ENV }, dist, nodeArgs);
    const rss = rssSampler(server.process.pid!);
    const f: Figures = {};
    const cue = server;
    await publishSeedConnectors(cue, 20);
    const appId = ((await sql(`SELECT id FROM "App" WHERE key = $1`, [cue.key])) as { id: string }[])[0]!.id;
    await createBaselineTables(sql);

    await measure(f, loads, "ingest_batched_eps", () => ingestBatched(cue, sizes.seconds));
    await settle(cue);
    await measure(f, loads, "raw_insert_batched_eps", () => rawInsertRate(sql, appId, { clients: 4, perStatement: 100, seconds: sizes.seconds, users: USERS }));
    await measure(f, loads, "ingest_single_rps", () => ingestSingle(cue, sizes.seconds));
    await settle(cue);
    await measure(f, loads, "route_ceiling_rps", () => routeCeiling(cue, sizes.seconds));
    await measure(f, loads, "raw_insert_single_rps", () => rawInsertRate(sql, appId, { clients: 8, perStatement: 1, seconds: sizes.seconds, users: USERS }));
    await measure(f, loads, "event_to_message", () => eventToMessage(cue, { count: sizes.latencyEvents, perSecond: sizes.latencyRate }));

    // Seeded due a day from now, so the ticker leaves them alone while the raw loop runs on
    // copies; then one statement makes them all due at once.
    const connectorId = await publishDelayConnector(cue);
    const future = new Date(Date.now() + 86_400_000);
    await seedWaitingEnrollments(sql, { connectorId, count: sizes.tickEnrollments, dueFrom: future });
    const pastShift = () => `${future.getTime() - (Date.now() - sizes.tickEnrollments - 1000)} milliseconds`;
    await measure(f, loads, "raw_claim_steps_per_s", () =>
      rawClaimRate(sql, { appId: appId, userPrefix: "tick_user_", count: sizes.tickEnrollments, before: () => sql(`UPDATE bench_enrollment SET "dueAt" = "dueAt" - $1::interval`, [pastShift()]) }),
    );
    await measure(f, loads, "tick_steps_per_s", async () => {
      await sql(`UPDATE "Enrollment" SET "dueAt" = "dueAt" - $1::interval WHERE "connectorId" = $2`, [pastShift(), connectorId]);
      const since = performance.now();
      return sizes.tickEnrollments / (await waitForLastStep(cue, connectorId, sizes.tickEnrollments, since, 900));
    });
    rss.stop();
    f.peak_rss_mb = rss.peakMb();
    ratios(f);
    return f;
  } finally {
    await server?.stop();
    await pool.end();
    removePostgres(postgres);
  }
}

// PGlite lives inside the server process, so the raw baselines run while the server is
// stopped, on the same data directory, from this process: the same engine and files.
async function onPglite(dist: string, sizes: Sizes, loads: Figures): Promise<Figures> {
  const dir = mkdtempSync(path.join(tmpdir(), "cue-bench-pglite-"));
  const env = { DATABASE_URL: "", CUE_DATA_DIR: dir, CUE_DEMO_DATA: "0", ...BENCH_ENV };
  const f: Figures = {};
  let peak = 0;
  const withServer = async <T>(run: (server: CueServer) => Promise<T>): Promise<T> => {
    const server = await startCue(env, dist, nodeArgs);
    const rss = rssSampler(server.process.pid!);
    try {
      return await run(server);
    } catch (error) {
      console.error(`the PGlite server's output:\n${server.log().slice(-4000)}`);
      throw error;
    } finally {
      rss.stop();
      peak = Math.max(peak, rss.peakMb());
      await server.stop();
    }
  };
  const withSql = async <T>(run: (sql: Sql) => Promise<T>): Promise<T> => {
    const db = await PGlite.create(dir);
    try {
      return await run(async (text, params) => (await db.query(text, params)).rows);
    } finally {
      await db.close();
    }
  };
  try {
    const connectorId = await withServer(async (cue) => {
      await publishSeedConnectors(cue, 20);
      await measure(f, loads, "ingest_batched_eps", () => ingestBatched(cue, sizes.seconds));
      await settle(cue);
      await measure(f, loads, "ingest_single_rps", () => ingestSingle(cue, sizes.seconds));
      await settle(cue);
      await measure(f, loads, "route_ceiling_rps", () => routeCeiling(cue, sizes.seconds));
      await measure(f, loads, "event_to_message", () => eventToMessage(cue, { count: sizes.latencyEvents, perSecond: sizes.latencyRate }));
      return publishDelayConnector(cue);
    });
    await withSql(async (sql) => {
      await applyMigrations({ exec: async (s) => void (await sql(s)), query: async <T>(s: string, p?: unknown[]) => (await sql(s, p)) as T[] });
      const appId = ((await sql(`SELECT id FROM "App" LIMIT 1`)) as { id: string }[])[0]!.id;
      await createBaselineTables(sql);
      await measure(f, loads, "raw_insert_batched_eps", () => rawInsertRate(sql, appId, { clients: 4, perStatement: 100, seconds: sizes.seconds, users: USERS }));
      await measure(f, loads, "raw_insert_single_rps", () => rawInsertRate(sql, appId, { clients: 8, perStatement: 1, seconds: sizes.seconds, users: USERS }));
      await seedWaitingEnrollments(sql, { connectorId, count: sizes.tickEnrollments, dueFrom: new Date(Date.now() - sizes.tickEnrollments - 60_000) });
      await measure(f, loads, "raw_claim_steps_per_s", () => rawClaimRate(sql, { appId: appId, userPrefix: "tick_user_", count: sizes.tickEnrollments }));
    });
    // Everything is due before the server starts: the clock runs from its first answer.
    await withServer(async (cue) =>
      measure(f, loads, "tick_steps_per_s", async () => sizes.tickEnrollments / (await waitForLastStep(cue, connectorId, sizes.tickEnrollments, performance.now(), 900))),
    );
    f.peak_rss_mb = peak;
    ratios(f);
    return f;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TARGETS: Record<string, [">=" | "<=", number]> = {
  ingest_batched_ratio: [">=", 0.5],
  ingest_single_ratio: [">=", 0.7],
  event_to_message_p99_ms: ["<=", 50],
  tick_ratio: [">=", 0.5],
  peak_rss_mb: ["<=", 600],
};

function printTable(postgres: Figures, pglite: Figures) {
  const round = (v: number | undefined) => (v === undefined ? "" : v >= 100 ? Math.round(v) : Number(v.toFixed(2)));
  // Either half may be missing (--only=…): a row per figure of either.
  const rows = [...new Set([...Object.keys(postgres), ...Object.keys(pglite)])].map((name) => {
    const target = TARGETS[name];
    const value = postgres[name];
    const met = target && value !== undefined ? (target[0] === ">=" ? value >= target[1] : value <= target[1]) : undefined;
    return { metric: name, postgres: round(postgres[name]), pglite: round(pglite[name]), target: target ? target.join(" ") : "", met: met === undefined ? "" : met ? "yes" : "NO" };
  });
  console.table(rows);
}

async function main() {
  const dist = process.env.CUE_BENCH_DIST || ".next-bench";
  if (!process.env.CUE_BENCH_DIST) {
    log(`building into ${dist}…`);
    execFileSync("npx", ["next", "build"], { env: { ...process.env, CUE_DIST_DIR: dist }, stdio: json ? "ignore" : "inherit" });
  }
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
  const loads: { postgres: Figures; pglite: Figures } = { postgres: {}, pglite: {} };
  log("PostgreSQL:");
  const postgres = only === "pglite" ? {} : await onPostgres(dist, smoke ? SIZES.smoke : SIZES.postgres, loads.postgres);
  log("PGlite:");
  const pglite = only === "postgres" ? {} : await onPglite(dist, smoke ? { ...SIZES.smoke, tickEnrollments: 200 } : SIZES.pglite, loads.pglite);
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? "", memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version };
  if (json) console.log(JSON.stringify({ postgres, pglite, load_1m: loads, machine }));
  else {
    printTable(postgres, pglite);
    console.log("1-minute load average after each measurement:", loads);
  }
  if (smoke) {
    const bad = Object.entries({ ...postgres, ...Object.fromEntries(Object.entries(pglite).map(([k, v]) => [`pglite.${k}`, v])) }).filter(([, v]) => !(Number.isFinite(v) && v > 0));
    if (bad.length || !Object.keys(postgres).length || !Object.keys(pglite).length) {
      console.error("bench smoke: figures that are not finite positive numbers:", bad);
      process.exit(1);
    }
    log("bench smoke: every figure is a finite positive number");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
