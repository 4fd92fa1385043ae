// Immediate steps: right after an ingest commits, match its events and run what they
// started (a trigger followed straight by an action) in the background, so the request
// neither waits for it nor fails because of it. Whatever this misses — a crash, an
// error — stays unmatched or due in the database and the next tick does it.
import { deliverDue } from "../channels/outbox";
import { db } from "../db";
import { matchPendingEvents } from "./match-events";
import { runEnrollments } from "./run-enrollments";
import { runTick } from "./tick";

const BATCH = 100;

type State = { running: boolean; again: boolean; idle: Promise<void>; ticker?: NodeJS.Timeout; ticking: boolean };
const holder = globalThis as unknown as { __cueBackground?: State };
const state: State = (holder.__cueBackground ??= { running: false, again: false, idle: Promise.resolve(), ticking: false });

async function drain(): Promise<void> {
  const prisma = await db();
  do {
    state.again = false;
    for (;;) {
      // Small batches keep each transaction short, so ingest requests never queue long
      // behind the matcher (PGlite runs one transaction at a time).
      const match = await matchPendingEvents(prisma, new Date(), { limit: BATCH });
      await runEnrollments(prisma, match.enrolled, new Date());
      if (match.claimed < BATCH) break;
    }
    // Deliver what those steps queued; message.sent/failed events they record are matched next round.
    for (;;) {
      const delivered = await deliverDue(prisma, new Date(), { limit: BATCH });
      if (delivered.events > 0) state.again = true;
      if (delivered.attempted === 0 || delivered.attempted + delivered.deferred < BATCH) break;
    }
  } while (state.again);
}

export function kickMatching(): void {
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

/** Resolves once the background matcher has nothing left (for tests and shutdown). */
export async function backgroundIdle(): Promise<void> {
  while (state.running) await state.idle;
}

/** The built-in ticker: every CUE_TICK_SECONDS (default 5, 0 = off), never overlapping. */
export function startTicker(seconds: number): void {
  if (state.ticker || !(seconds > 0)) return;
  let lastInactivity = 0;
  state.ticker = setInterval(async () => {
    if (state.ticking) return;
    state.ticking = true;
    try {
      // Inactivity scans are heavier and measured in days: once a minute is plenty.
      const inactivity = Date.now() - lastInactivity > 60_000;
      if (inactivity) lastInactivity = Date.now();
      await runTick(await db(), () => new Date(), { inactivity });
    } catch (error) {
      console.error("[cue] tick failed; retrying next period", error);
    } finally {
      state.ticking = false;
    }
  }, seconds * 1000);
  state.ticker.unref();
}
