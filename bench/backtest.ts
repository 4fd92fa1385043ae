// backtest_eps and backtest_raw_eps (issue 16): the cart-abandonment draft backtested over
// 1 M stored events (ADDTOCART and PURCHASE of 50,000 users over 30 days) through the
// built server's route, as a marketer's "Backtest" asks it, against a raw SELECT of the
// same rows in the same run; their ratio is backtest_ratio. The server runs on a database
// of its own; its app's users, events and the draft go straight in, in a few set-based
// statements (stored as matched, so the server's matcher leaves them be).
import { seedGraphs } from "../lib/engine/seed-graphs";
import { pgSql } from "../lib/server/sql";
import type { CueServer } from "../tests/support/cue-server";
import { api } from "./workload";

const DAYS = 30;
const CONNECTOR = "con_bench_backtest";

export type BacktestSizes = { users: number; events: number };
export const FULL_BACKTEST: BacktestSizes = { users: 50_000, events: 1_000_000 };

/** Starts Cue on `databaseUrl`, seeds, then times a raw read of the rows and the backtest route (events per second each). */
export async function backtestRates(
  databaseUrl: string,
  startCue: (databaseUrl: string) => Promise<CueServer>,
  sizes: BacktestSizes = FULL_BACKTEST,
): Promise<{ backtest_eps: number; backtest_raw_eps: number; backtest_ms: number }> {
  const sql = pgSql({ connectionString: databaseUrl, max: 2 });
  const server = await startCue(databaseUrl).catch(async (error) => {
    await sql.close();
    throw error;
  });
  const to = new Date();
  to.setUTCSeconds(0, 0);
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  try {
    const appId = (await sql.query<{ id: string }>(`SELECT id FROM "App" WHERE key = $1`, [server.key]))[0]!.id;
    await sql.execute(`INSERT INTO "Connector" (id, "appId", name, status, graph) VALUES ($1, $2, 'bench backtest', 'draft', $3::jsonb)`, [CONNECTOR, appId, JSON.stringify(seedGraphs.cartAbandonment)]);
    await sql.execute(`INSERT INTO "User" ("appId", "userId") SELECT $1, 'bu_' || u FROM generate_series(0, $2::int - 1) u`, [appId, sizes.users]);
    // Event g: user g % users, a fixed scatter over the window; one in four a PURCHASE.
    await sql.execute(
      `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, timestamp, "receivedAt", "matchedAt")
       SELECT $1, 'be_' || g, 'bu_' || (g % $3::int), CASE WHEN g % 4 = 0 THEN 'PURCHASE' ELSE 'ADDTOCART' END,
              jsonb_build_object('qty', (g % 5 + 1)::text, 'amount', (g % 200)::text || '.00', 'currency', 'EUR'),
              $4::timestamp(3) + make_interval(secs => (g::bigint * 7919) % ($5::int * 86400)), now(), now()
       FROM generate_series(0, $2::int - 1) g`,
      [appId, sizes.events, sizes.users, from.toISOString(), DAYS],
    );
    await sql.execute(`VACUUM ANALYZE "Event"`);
    // The million rows just written are flushed now, not by a checkpoint during the timing.
    await sql.execute(`CHECKPOINT`);

    const rawStarted = performance.now();
    const raw = await sql.query(
      `SELECT seq, "eventId", "userId", name, data, timestamp FROM "Event"
       WHERE "appId" = $1 AND name = ANY($2::text[]) AND timestamp >= $3::timestamp(3) AND timestamp < $4::timestamp(3) ORDER BY timestamp, seq`,
      [appId, ["ADDTOCART", "PURCHASE"], from.toISOString(), to.toISOString()],
    );
    const rawMs = performance.now() - rawStarted;

    const started = performance.now();
    const result = await api(server, "POST", `/api/v1/connectors/${CONNECTOR}/backtest`, { from: from.toISOString(), to: to.toISOString() });
    const ms = performance.now() - started;
    if (result.eventsScanned !== raw.length || result.entered === 0) throw new Error(`the backtest read ${result.eventsScanned} of ${raw.length} events and entered ${result.entered}`);
    return { backtest_eps: result.eventsScanned / (ms / 1000), backtest_raw_eps: raw.length / (rawMs / 1000), backtest_ms: Math.round(ms) };
  } finally {
    await server.stop();
    await sql.close();
  }
}
