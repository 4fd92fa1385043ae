// backtest_eps and backtest_raw_eps (issue 16): the cart-abandonment draft backtested over
// 1 M stored events (ADDTOCART and PURCHASE of 50,000 users over 30 days) through the
// route's own function, against a raw SELECT of the same rows in the same run; their
// ratio is backtest_ratio. The app, its users, events and the draft go straight into the
// bench's PostgreSQL in a few set-based statements (stored as matched, so a Cue server
// on the same database leaves them be), on a database of their own; removed afterwards.
import { PrismaPg } from "@prisma/adapter-pg";
import { seedGraphs } from "../lib/engine/seed-graphs";
import { PrismaClient } from "../lib/generated/prisma/client";
import { backtestConnector } from "../lib/server/engine/connector-backtest";
import { pgSql } from "../lib/server/sql";

const APP = "app_bench_backtest";
const DAYS = 30;

export type BacktestSizes = { users: number; events: number };
export const FULL_BACKTEST: BacktestSizes = { users: 50_000, events: 1_000_000 };

/** Seeds, then times a raw read of the rows and the backtest (events per second each). */
export async function backtestRates(databaseUrl: string, sizes: BacktestSizes = FULL_BACKTEST): Promise<{ backtest_eps: number; backtest_raw_eps: number; backtest_ms: number }> {
  const sql = pgSql({ connectionString: databaseUrl, max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  const to = new Date();
  to.setUTCSeconds(0, 0);
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  try {
    await sql.execute(`DELETE FROM "App" WHERE id = $1`, [APP]);
    await sql.execute(`INSERT INTO "App" (id, name, key, "secretHash", "masterSecretHash") VALUES ($1, 'bench backtest', $1, '-', '-')`, [APP]);
    await sql.execute(`INSERT INTO "Connector" (id, "appId", name, status, graph) VALUES ('con_bench_backtest', $1, 'bench backtest', 'draft', $2::jsonb)`, [APP, JSON.stringify(seedGraphs.cartAbandonment)]);
    await sql.execute(`INSERT INTO "User" ("appId", "userId") SELECT $1, 'bu_' || u FROM generate_series(0, $2::int - 1) u`, [APP, sizes.users]);
    // Event g: user g % users, a fixed scatter over the window; one in four a PURCHASE.
    await sql.execute(
      `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, timestamp, "receivedAt", "matchedAt")
       SELECT $1, 'be_' || g, 'bu_' || (g % $3::int), CASE WHEN g % 4 = 0 THEN 'PURCHASE' ELSE 'ADDTOCART' END,
              jsonb_build_object('qty', (g % 5 + 1)::text, 'amount', (g % 200)::text || '.00', 'currency', 'EUR'),
              $4::timestamp(3) + make_interval(secs => (g::bigint * 7919) % ($5::int * 86400)), now(), now()
       FROM generate_series(0, $2::int - 1) g`,
      [APP, sizes.events, sizes.users, from.toISOString(), DAYS],
    );
    await sql.execute(`VACUUM ANALYZE "Event"`);
    // The million rows just written are flushed now, not by a checkpoint during the timing.
    await sql.execute(`CHECKPOINT`);

    const rawStarted = performance.now();
    const raw = await sql.query(
      `SELECT seq, "eventId", "userId", name, data, timestamp FROM "Event"
       WHERE "appId" = $1 AND name = ANY($2::text[]) AND timestamp >= $3::timestamp(3) AND timestamp < $4::timestamp(3) ORDER BY timestamp, seq`,
      [APP, ["ADDTOCART", "PURCHASE"], from.toISOString(), to.toISOString()],
    );
    const rawMs = performance.now() - rawStarted;

    const started = performance.now();
    const result = await backtestConnector(prisma, sql, APP, "con_bench_backtest", { from: from.toISOString(), to: to.toISOString() }, to);
    const ms = performance.now() - started;
    if (result.eventsScanned !== raw.length || result.entered === 0) throw new Error(`the backtest read ${result.eventsScanned} of ${raw.length} events and entered ${result.entered}`);
    return { backtest_eps: result.eventsScanned / (ms / 1000), backtest_raw_eps: raw.length / (rawMs / 1000), backtest_ms: Math.round(ms) };
  } finally {
    await sql.execute(`DELETE FROM "App" WHERE id = $1`, [APP]).catch(() => {});
    await prisma.$disconnect();
    await sql.close();
  }
}
