// The demo keeps moving while someone watches: demo shoppers come back one at a time and
// go through a visit (dataset.ts's shopVisit), one event every few seconds, stored and
// matched as any app's events are. Only in the application that holds the demo data,
// only in a process that runs the engine, and off with CUE_DEMO_LIVE=0.
import type { Sql, SqlDatabase } from "../sql";
import { kickMatching } from "../engine/background";
import { ingestEvents } from "../ingest/ingest";
import { DEMO_USER_PREFIX, prng, shopVisit, type VisitStep } from "./dataset";

export const DEMO_LIVE_SECONDS = 12; // about five events a minute

/** The application holding the demo shoppers, and those still there (erased ones stay gone). */
export async function demoShoppers(sql: Sql): Promise<{ appId: string; users: string[] } | null> {
  const rows = await sql.query<{ appId: string; userId: string }>(
    `SELECT "appId", "userId" FROM "User" WHERE "appId" = (SELECT "appId" FROM "User" WHERE "userId" LIKE $1 ORDER BY "createdAt" LIMIT 1) AND "userId" LIKE $1`,
    [`${DEMO_USER_PREFIX.replace(/_/g, "\\_")}%`],
  );
  return rows.length > 0 ? { appId: rows[0]!.appId, users: rows.map((r) => r.userId) } : null;
}

type Trickle = { timer: NodeJS.Timeout };
const holder = globalThis as unknown as { __cueDemoLive?: Trickle };

/** Starts the trickle into `appId` (once per process); `users` are the demo shoppers' ids. */
export function startDemoLive(sql: SqlDatabase, appId: string, users: string[], seconds = DEMO_LIVE_SECONDS): void {
  if (holder.__cueDemoLive || users.length === 0) return;
  const rand = prng(Date.now() % 2 ** 31);
  let visit: { userId: string; steps: VisitStep[] } | null = null;
  let sent = 0;
  let busy = false;
  const step = async () => {
    if (busy) return; // a slow database: skip a beat rather than pile up
    busy = true;
    try {
      if (!visit || visit.steps.length === 0) {
        visit = { userId: users[Math.floor(rand() * users.length)]!, steps: shopVisit(rand, Date.now(), `L${Date.now().toString(36).toUpperCase()}`) };
      }
      const { name, data } = visit.steps.shift()!;
      // Stamped now, not at the visit's planned time: the story is compressed to the beat.
      const event = { eventId: `demo-live-${Date.now().toString(36)}-${sent++}`, userId: visit.userId, name, data, timestamp: new Date() };
      const { matched } = await ingestEvents(sql, appId, [event]);
      if (matched.queued > 0 || matched.fanOuts > 0 || matched.woken > 0) kickMatching({ walks: matched.woken > 0 });
    } catch (error) {
      console.error("[cue] demo live event not stored; trying again at the next beat", error instanceof Error ? error.message : error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void step(), seconds * 1000);
  timer.unref();
  holder.__cueDemoLive = { timer };
}

export function stopDemoLive(): void {
  if (holder.__cueDemoLive) clearInterval(holder.__cueDemoLive.timer);
  holder.__cueDemoLive = undefined;
}
