// The background loop, by role (CUE_ROLE). Right after something commits work (an
// ingest, an inbound reply, an open), kickMatching() gets it done without the request
// waiting for it or failing because of it:
// - `all` (default): this process drains in-process — match pending events, run what
//   they started (a trigger followed straight by an action), deliver;
// - `web`: this process runs no engine; it wakes the workers with a "cue_work" notice;
// - `worker`: drains on every "cue_work" notice and ticks every CUE_TICK_SECONDS.
// Whatever a wake-up misses — a crash, an error, a notice lost while reconnecting — stays
// unmatched or due in the database, and the next tick does it.
import { runDueCampaigns } from "../campaigns/fan-out";
import { deliverDue } from "../channels/outbox";
import { database, sqlDb } from "../db";
import { listen, notify } from "../notify";
import { matchPendingEvents } from "./match-events";
import { runDueWalks, runTick } from "./tick";

export type CueRole = "web" | "worker" | "all";

const BATCH = 100;

// Process-wide, on globalThis like the database handle: Next.js bundles route handlers
// and instrumentation separately, and they must share one loop, not start one each.
type State = {
  running: boolean; // a drain is under way
  again: boolean; // work arrived during it: one more pass
  walks: boolean; // matching woke walks (a wait's event came): run due walks in the next pass
  idle: Promise<void>;
  waking: boolean; // web: a notice is on its way
  wakeAgain: boolean;
  wakeIdle: Promise<void>;
  ticker?: NodeJS.Timeout;
  ticking: Promise<void> | null;
  unlisten?: () => void;
  stopping: boolean;
};
const holder = globalThis as unknown as { __cueBackground?: State };
const state: State = (holder.__cueBackground ??= {
  running: false,
  again: false,
  walks: false,
  idle: Promise.resolve(),
  waking: false,
  wakeAgain: false,
  wakeIdle: Promise.resolve(),
  ticking: null,
  stopping: false,
});

// Read per call, not cached: the role is fixed per process, and integration tests that
// call the route handlers in-process never start the loop (they are `all`).
const isWeb = () => process.env.CUE_ROLE === "web";

async function drain(): Promise<void> {
  const { prisma, sql } = await database();
  do {
    state.again = false;
    for (;;) {
      // Events stored unmatched (Segment batches, engagement); ingest matches its own.
      // Small batches keep each transaction short, so ingest requests never queue long
      // behind the sweep (PGlite runs one transaction at a time).
      const match = await matchPendingEvents(sql, new Date(), { limit: BATCH });
      if (match.woken > 0) state.walks = true;
      if (match.events < BATCH || state.stopping) break;
    }
    // Walks that matching woke (a wait node's event came) are due now: run them at once,
    // only then (the tick runs the rest), so an ordinary drain costs no lease query.
    if (state.walks) {
      state.walks = false;
      const deadline = Date.now() + 1000;
      const woke = await runDueWalks(sql, () => new Date(), () => Date.now() < deadline && !state.stopping);
      if (woke.queued > 0) state.again = true;
    }
    // Sends to a segment that steps just started (connectors' fan-outs), a page or a few.
    await runDueCampaigns(prisma, new Date(), { budgetMs: 1000 });
    // Deliver what was queued; the message.sent/failed events this records are matched as they are stored.
    for (;;) {
      if (state.stopping) return;
      const delivered = await deliverDue({ prisma, sql }, new Date(), { limit: BATCH });
      if (delivered.events > 0) state.again = true;
      if (delivered.attempted === 0 || delivered.attempted + delivered.deferred < BATCH) break;
    }
  } while (state.again && !state.stopping);
}

// Coalesced: a burst of wake-ups during a drain costs one more pass, never a pile-up.
function drainSoon(): void {
  if (state.stopping) return;
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  state.idle = drain()
    .catch((error) => console.error("[cue] background matching failed; the next tick retries", error))
    .finally(() => {
      state.running = false;
    });
}

// One notice on its way at a time. A wake-up that arrives meanwhile sends one more after
// it: the notice in flight may reach a worker that starts draining before this commit.
function wakeWorkers(): void {
  if (state.waking) {
    state.wakeAgain = true;
    return;
  }
  state.waking = true;
  state.wakeIdle = (async () => {
    const sql = await sqlDb();
    do {
      state.wakeAgain = false;
      await notify(sql, "cue_work");
    } while (state.wakeAgain);
  })()
    .catch((error) => console.warn("[cue] could not wake the workers; their next tick finds the work:", error instanceof Error ? error.message : error))
    .finally(() => {
      state.waking = false;
    });
}

/**
 * Call after a commit that left work to do: drains here (`all`, `worker`) or wakes the
 * workers (`web`). `walks`: the commit woke walks, which the drain then runs.
 */
export function kickMatching(work: { walks?: boolean } = {}): void {
  if (work.walks) state.walks = true;
  if (isWeb()) wakeWorkers();
  else drainSoon();
}

/** Resolves once the background matcher has nothing left (for tests and shutdown). */
export async function backgroundIdle(): Promise<void> {
  while (state.running) await state.idle;
  while (state.waking) await state.wakeIdle;
}

/** The built-in ticker: every CUE_TICK_SECONDS (0 = off), never overlapping. */
export function startTicker(seconds: number): void {
  if (state.ticker || !(seconds > 0)) return;
  let lastInactivity = 0;
  const tick = async () => {
    try {
      // Inactivity scans are heavier and measured in days: once a minute is plenty.
      const inactivity = Date.now() - lastInactivity > 60_000;
      if (inactivity) lastInactivity = Date.now();
      await runTick(await database(), () => new Date(), { inactivity });
    } catch (error) {
      console.error("[cue] tick failed; retrying next period", error);
    }
  };
  state.ticker = setInterval(() => {
    if (state.ticking || state.stopping) return;
    state.ticking = tick().finally(() => {
      state.ticking = null;
    });
  }, seconds * 1000);
  state.ticker.unref();
}

/**
 * Starts what the role runs besides HTTP: `web` nothing; `worker` and `all` the ticker,
 * plus (on PostgreSQL) a drain on every "cue_work" notice from web processes.
 */
export async function startBackground(role: CueRole, tickSeconds: number): Promise<void> {
  state.stopping = false;
  if (role === "web") return;
  startTicker(tickSeconds);
  // On PGlite there is no other process, and notify() delivers in-process: an `all`
  // process hears nothing it did not already drain.
  // A notice does not say what the web process left, so it may have woken walks too.
  const onNotice = () => {
    state.walks = true;
    drainSoon();
  };
  if (process.env.DATABASE_URL && !state.unlisten) state.unlisten = await listen("cue_work", onNotice);
  drainSoon(); // events a crash left unmatched are picked up now, not at the first tick
}

/** Stops ticking and listening, and waits for the batch under way (shutdown, tests). */
export async function stopBackground(): Promise<void> {
  state.stopping = true;
  if (state.ticker) clearInterval(state.ticker);
  state.ticker = undefined;
  state.unlisten?.();
  state.unlisten = undefined;
  await backgroundIdle();
  await state.ticking;
  // Nothing can start a drain any more but a direct kick, which may run again (tests).
  state.stopping = false;
}
