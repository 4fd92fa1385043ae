// The HTTP halves of the ingest figures: events/s through POST /api/v1/events (batched
// and single), and the framework's ceiling for the same single-event load
// (app/api/bench/ceiling, which validates the body and stores nothing).
import { auth, type CueServer } from "../tests/support/cue-server";
import { closedLoop, type LoadResult } from "./load";
import { api, requestBodies } from "./workload";

export const USERS = 50_000;

function rate(result: LoadResult, perRequest: number, what: string): number {
  if (result.failures > 0) throw new Error(`${what}: ${result.failures} request(s) failed, first: ${result.firstFailure}`);
  return (result.requests * perRequest) / result.seconds;
}

/** Lets the background matcher and the ticker finish what a scenario left, so the next starts idle. */
export async function settle(server: CueServer): Promise<void> {
  for (;;) {
    const tick = await api(server, "POST", "/api/v1/cron/tick");
    if (tick.events === 0 && tick.steps === 0 && tick.sent + tick.failed + tick.retrying === 0) return;
  }
}

export async function ingestBatched(server: CueServer, seconds: number): Promise<number> {
  const bodies = requestBodies(400, 100, USERS, 1);
  const result = await closedLoop({ url: server.url, path: "/api/v1/events", authorization: auth(server) }, { concurrency: 4, seconds, bodies });
  return rate(result, 100, "batched ingest");
}

export async function ingestSingle(server: CueServer, seconds: number): Promise<number> {
  const bodies = requestBodies(20_000, 1, USERS, 2);
  const result = await closedLoop({ url: server.url, path: "/api/v1/events", authorization: auth(server) }, { concurrency: 8, seconds, bodies });
  return rate(result, 1, "single-event ingest");
}

export async function routeCeiling(server: CueServer, seconds: number): Promise<number> {
  const bodies = requestBodies(20_000, 1, USERS, 2);
  const result = await closedLoop({ url: server.url, path: "/api/bench/ceiling", authorization: auth(server) }, { concurrency: 8, seconds, bodies });
  return rate(result, 1, "ceiling route");
}
