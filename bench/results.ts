// What a benchmark run has measured so far, how a measurement is recorded (a failing
// one is noted and the run goes on), and how the results are printed: whole at the end,
// or partial when the run is interrupted.
import { cpus, loadavg, totalmem } from "node:os";
import type { CueServer } from "../tests/support/cue-server";
import { serverGone } from "./workload";

export type Figures = Record<string, number>;
export type Database = "postgres" | "pglite";

export const results = {
  postgres: {} as Figures,
  pglite: {} as Figures,
  // The 1-minute load average when each measurement ended: other work on the machine
  // shows up there, and a figure taken under load should be repeated.
  load_1m: { postgres: {} as Figures, pglite: {} as Figures },
  machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? "", memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
  // Measurements that threw (with the error), and those skipped on purpose.
  failures: { postgres: {} as Record<string, string>, pglite: {} as Record<string, string> },
  skipped: { postgres: {} as Record<string, string>, pglite: {} as Record<string, string> },
  // How long each measurement took, in seconds (what a full run's time is made of).
  seconds: { postgres: {} as Figures, pglite: {} as Figures },
  // Each rate a capacity search tried, and how it went.
  capacity_steps: { postgres: {} as Record<string, unknown[]>, pglite: {} as Record<string, unknown[]> },
  // Rejections nobody handled (none is expected; each is a bench bug worth fixing).
  unhandled_rejections: 0,
  // Set when the run ended early (signal, uncaught exception): what ended it.
  incomplete: undefined as string | undefined,
};

export const json = process.argv.includes("--json");
export const log = (line: string) => !json && console.log(line);

/** Thrown by a measurement that cannot run here (not a failure). */
export class Skip extends Error {}

// --scenarios=a,b: only the measurements whose names start with one of these (to iterate on one).
const scenarios = process.argv.find((a) => a.startsWith("--scenarios="))?.slice(12).split(",");
export const wanted = (name: string) => !scenarios || scenarios.some((prefix) => name.startsWith(prefix));

/**
 * Runs one measurement and records its figure(s) under `db`. If it throws, the error is
 * recorded in `failures` and printed, and the run goes on with the next measurement.
 */
export async function measure(db: Database, name: string, run: () => Promise<number | Figures>, server?: CueServer): Promise<void> {
  if (!wanted(name)) return;
  log(`  ${name}…`);
  const started = performance.now();
  try {
    // A server that died earlier fails the rest at once instead of each waiting out its timeouts.
    if (server && serverGone(server)) throw new Error(`the Cue server had exited (${server.process.exitCode ?? server.process.signalCode}); not measured`);
    const value = await run();
    Object.assign(results[db], typeof value === "number" ? { [name]: value } : value);
  } catch (error) {
    if (error instanceof Skip) {
      results.skipped[db][name] = error.message;
      console.error(`  ${name} skipped: ${error.message}`);
    } else {
      results.failures[db][name] = (error as Error).message?.slice(0, 2000) ?? String(error);
      console.error(`  ${name} failed:`, error);
      if (server) reportServerExit(server);
    }
  }
  results.load_1m[db][name] = Number(loadavg()[0]!.toFixed(2));
  results.seconds[db][name] = Math.round((performance.now() - started) / 100) / 10;
}

const reported = new WeakSet<CueServer>();
/** The end of a dead server's output, once: why it died. */
function reportServerExit(server: CueServer) {
  if (!serverGone(server) || reported.has(server)) return;
  reported.add(server);
  console.error(`  the Cue server exited (${server.process.exitCode ?? server.process.signalCode}); its last output:\n${server.log().slice(-3000)}`);
}

/** Before stopping a server: if it had exited by itself, that is a failure of the run, whatever the figures say. */
export function checkServerAlive(db: Database, server: CueServer) {
  if (!serverGone(server)) return;
  results.failures[db]["server"] = `the Cue server exited by itself (${server.process.exitCode ?? server.process.signalCode})`;
  reportServerExit(server);
}

/** Runs `run`, adding the seconds it took to `seconds["setup: <what>"]` (it may throw). */
export async function timed<T>(db: Database, what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    const key = `setup: ${what}`;
    results.seconds[db][key] = Math.round(((results.seconds[db][key] ?? 0) + (performance.now() - started) / 1000) * 10) / 10;
  }
}

/** A step a measurement needs (starting a server, publishing connectors): a failure is recorded as such. */
export async function prepare<T>(db: Database, what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await timed(db, what, run);
  } catch (error) {
    results.failures[db][`setup: ${what}`] = (error as Error).message?.slice(0, 2000) ?? String(error);
    console.error(`  setting up (${what}) failed:`, error);
    return undefined;
  }
}

const RATIOS: [string, string, string][] = [
  ["ingest_batched_ratio", "ingest_batched_eps", "raw_insert_batched_eps"],
  ["ingest_single_ratio", "ingest_single_rps", "route_ceiling_rps"],
  ["ingest_single_db_ratio", "ingest_single_rps", "raw_insert_single_rps"],
  ["tick_ratio", "tick_steps_per_s", "raw_claim_steps_per_s"],
  ["e2m_capacity_single_ratio", "e2m_capacity_single_eps", "route_ceiling_rps"],
  ["e2m_capacity_batched_ratio", "e2m_capacity_batched_eps", "raw_insert_batched_eps"],
  ["backtest_ratio", "backtest_eps", "backtest_raw_eps"],
];

/** Each ratio whose two figures were measured. */
export function addRatios(f: Figures) {
  for (const [ratio, over, under] of RATIOS) if (f[over] !== undefined && f[under] !== undefined) f[ratio] = f[over]! / f[under]!;
}

const TARGETS: Record<string, [">=" | "<=", number]> = {
  ingest_batched_ratio: [">=", 0.5],
  ingest_single_ratio: [">=", 0.7],
  event_to_message_p99_ms: ["<=", 50],
  tick_ratio: [">=", 0.5],
  peak_rss_mb: ["<=", 600],
  backtest_ratio: [">=", 0.3],
  backtest_ms: ["<=", 10_000],
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

/** Prints what the run has: one JSON object with --json, else a table and the notes. */
export function printResults() {
  addRatios(results.postgres);
  addRatios(results.pglite);
  if (json) {
    console.log(JSON.stringify(results));
    return;
  }
  printTable(results.postgres, results.pglite);
  console.log("1-minute load average after each measurement:", results.load_1m);
  console.log("seconds each measurement took:", results.seconds);
  for (const db of ["postgres", "pglite"] as const) {
    for (const [search, steps] of Object.entries(results.capacity_steps[db])) console.log(`${db} ${search} steps:`, steps);
    if (Object.keys(results.failures[db]).length) console.log(`${db}: FAILED`, results.failures[db]);
    if (Object.keys(results.skipped[db]).length) console.log(`${db}: skipped`, results.skipped[db]);
  }
  if (results.unhandled_rejections) console.log(`unhandled rejections: ${results.unhandled_rejections}`);
  if (results.incomplete) console.log(`INCOMPLETE: ${results.incomplete}`);
}

export const anyFailure = () => Object.keys(results.failures.postgres).length + Object.keys(results.failures.pglite).length > 0;

/**
 * --smoke: every figure measured must be finite, positive (errors, capacities: ≥ 0: a
 * machine too loaded for one passing step gives 0), and no measurement may have failed.
 */
export function smokeProblems(databases: Database[]): string[] {
  const problems: string[] = [];
  for (const db of databases) {
    if (!Object.keys(results[db]).length) problems.push(`${db}: no figures`);
    for (const [name, v] of Object.entries(results[db])) {
      const mayBeZero = /(_errors|^e2m_capacity_.*)$/.test(name);
      if (!(Number.isFinite(v) && (mayBeZero ? v >= 0 : v > 0))) problems.push(`${db}.${name} = ${v}`);
    }
    for (const [name, error] of Object.entries(results.failures[db])) problems.push(`${db}.${name} failed: ${error.split("\n")[0]}`);
  }
  if (results.unhandled_rejections) problems.push(`${results.unhandled_rejections} unhandled rejection(s)`);
  return problems;
}
