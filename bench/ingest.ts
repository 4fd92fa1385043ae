// The HTTP halves of the ingest figures: events/s through POST /api/v1/events (batched
// and single), and the framework's ceiling for the same single-event load
// (app/api/bench/ceiling, which validates the body and stores nothing).
import { auth, type CueServer } from "../tests/support/cue-server";
import { closedLoop, type LoadResult } from "./load";
import { api, requestBodies, serverGone } from "./workload";

export const USERS = 50_000;

/** `name` (the rate, of answered requests only) and `<scenario>_errors` (requests that failed: reset, refused, not 202). */
function rate(result: LoadResult, perRequest: number, name: string) {
  if (result.failures > 0) console.error(`  (${name}: ${result.failures} request(s) failed, first: ${result.firstFailure})`);
  return { [name]: (result.requests * perRequest) / result.seconds, [`${name.replace(/_(eps|rps)$/, "")}_errors`]: result.failures };
}

/**
 * Lets the background matcher and the ticker finish what a scenario left, so the next
 * starts idle. Gives up after `seconds` (the next figure then says so); a failed tick
 * request is retried.
 */
export async function settle(server: CueServer, seconds = 120): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline && !serverGone(server)) {
    const tick = await api(server, "POST", "/api/v1/cron/tick").catch((error: Error) => ({ error }));
    if ("error" in tick) await new Promise((r) => setTimeout(r, 500));
    else if (tick.events === 0 && tick.steps === 0 && tick.sent + tick.failed + tick.retrying === 0) return;
  }
  if (!serverGone(server)) console.error(`  (the server was still busy after ${seconds} s of ticks)`);
}

export async function ingestBatched(server: CueServer, seconds: number) {
  const bodies = requestBodies(400, 100, USERS, 1);
  const result = await closedLoop({ url: server.url, path: "/api/v1/events", authorization: auth(server) }, { concurrency: 4, seconds, bodies });
  return rate(result, 100, "ingest_batched_eps");
}

export async function ingestSingle(server: CueServer, seconds: number) {
  const bodies = requestBodies(20_000, 1, USERS, 2);
  const result = await closedLoop({ url: server.url, path: "/api/v1/events", authorization: auth(server) }, { concurrency: 8, seconds, bodies });
  return rate(result, 1, "ingest_single_rps");
}

export async function routeCeiling(server: CueServer, seconds: number) {
  const bodies = requestBodies(20_000, 1, USERS, 2);
  const result = await closedLoop({ url: server.url, path: "/api/bench/ceiling", authorization: auth(server) }, { concurrency: 8, seconds, bodies });
  return rate(result, 1, "route_ceiling_rps");
}
