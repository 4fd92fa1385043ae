// npm run bench [-- --json]: builds Cue into .next-bench, starts its own PostgreSQL and
// a Cue server against it, runs each scenario for a bounded time and prints the figures.
import { execFileSync } from "node:child_process";
import { removePostgres, startPostgres } from "../tests/support/postgres-server";
import { startCue } from "../tests/support/cue-server";

const BENCH_DIST_DIR = ".next-bench";
import { eventToMessage } from "./event-to-message";

async function main() {
  const json = process.argv.includes("--json");
  const log = (line: string) => !json && console.log(line);
  log("building…");
  execFileSync("npx", ["next", "build"], { env: { ...process.env, CUE_DIST_DIR: BENCH_DIST_DIR }, stdio: json ? "ignore" : "inherit" });
  const postgres = await startPostgres();
  const server = await startCue({ DATABASE_URL: postgres.url, CUE_TICK_SECONDS: "1" }, BENCH_DIST_DIR);
  try {
    const results: Record<string, number> = {};
    log("event → message latency (1,000 events)…");
    Object.assign(results, await eventToMessage(server, postgres.url, 1000));
    if (json) console.log(JSON.stringify(results));
    else console.table(results);
  } finally {
    await server.stop();
    removePostgres(postgres);
  }
}

void main();
