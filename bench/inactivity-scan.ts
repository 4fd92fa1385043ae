// inactivity_scan_ms: one enrollInactiveUsers scan of an app with 100,000 users and 1 M
// app.open events over 35 days (issue 18). The app, its live inactivity connector ("no
// app.open for 30 days"), its users, events and the ActiveDay rows the matcher would
// have written go straight into the bench's PostgreSQL in a few set-based statements;
// the events are stored as matched, so a Cue server on the same database leaves them be.
// Every fifth user opened the app only 31–35 days ago and is due to enter; the others
// spread their opens over all 35 days. The connector is live only around the timed scan,
// so a server's own once-a-minute scan does not enter these users meanwhile. Everything
// is removed afterwards (deleting the app cascades).
import { validateGraph, type Graph } from "../lib/engine/graph";
import { enrollInactiveUsers } from "../lib/server/engine/inactivity";
import { appRules } from "../lib/server/engine/rule-index";
import { pgSql } from "../lib/server/sql";

const USERS = 100_000;
const EVENTS = 1_000_000;
const DAYS = 35;
const APP = "app_bench_inactivity";

const graph: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "inactivity", event: "app.open", days: 30 } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "We miss you, {{ user.id }}" } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
};

/** Seeds, times one scan (ms), and removes what it created. */
export async function inactivityScanMs(databaseUrl: string): Promise<number> {
  const compiled = validateGraph(graph);
  if (!compiled.ok) throw new Error(`bench graph does not compile: ${compiled.problems[0]?.message}`);
  const sql = pgSql({ connectionString: databaseUrl, max: 2 });
  try {
    await sql.execute(`DELETE FROM "App" WHERE id = $1`, [APP]); // a crashed earlier run
    await sql.execute(`INSERT INTO "App" (id, name, key, "secretHash", "masterSecretHash") VALUES ($1, 'bench inactivity', $1, '-', '-')`, [APP]);
    await sql.execute(
      `INSERT INTO "Connector" (id, "appId", name, status, graph, version) VALUES ('con_bench_inactive', $1, 'bench inactivity', 'paused', $2::jsonb, 1)`,
      [APP, JSON.stringify(graph)],
    );
    await sql.execute(
      `INSERT INTO "ConnectorVersion" (id, "connectorId", version, graph, rule) VALUES ('ver_bench_inactive', 'con_bench_inactive', 1, $1::jsonb, $2::jsonb)`,
      [JSON.stringify(graph), JSON.stringify(compiled.rule)],
    );
    await sql.execute(`INSERT INTO "User" ("appId", "userId") SELECT $1, 'iu_' || u FROM generate_series(0, $2::int - 1) u`, [APP, USERS]);
    // Event g belongs to user g % USERS; its age is a fixed scatter of g over the window.
    await sql.execute(
      `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, timestamp, "receivedAt", "matchedAt")
       SELECT $1, 'ie_' || g, 'iu_' || (g % $3::int), 'app.open', '{}'::jsonb,
              date_trunc('second', now()::timestamp) - make_interval(secs => CASE WHEN (g % $3::int) % 5 = 0
                THEN 31 * 86400 + (g::bigint * 7919) % (($4::int - 31) * 86400)
                ELSE (g::bigint * 7919) % ($4::int * 86400) END),
              now(), now()
       FROM generate_series(0, $2::int - 1) g`,
      [APP, EVENTS, USERS, DAYS],
    );
    await sql.execute(`INSERT INTO "ActiveDay" ("appId", day, "userId") SELECT DISTINCT "appId", timestamp::date, "userId" FROM "Event" WHERE "appId" = $1`, [APP]);
    // As autovacuum leaves long-lived tables: statistics, and a visibility map for index-only scans.
    await sql.execute(`VACUUM ANALYZE "Event"`);
    await sql.execute(`VACUUM ANALYZE "ActiveDay"`);
    await sql.execute(`ANALYZE "Enrollment"`);

    const apps = await sql.query<{ id: string }>(`SELECT id FROM "App"`);
    await appRules(sql, apps.map((a) => a.id)); // a running process has the other apps' rules cached
    // Live now, the way a publish makes it: the scan's rule read sees the counter move.
    await sql.execute(`UPDATE "Connector" SET status = 'active' WHERE id = 'con_bench_inactive'`);
    await sql.execute(`UPDATE "App" SET "rulesVersion" = "rulesVersion" + 1 WHERE id = $1`, [APP]);
    const started = performance.now();
    const enrolled = await enrollInactiveUsers(sql, new Date());
    const ms = performance.now() - started;
    if (enrolled.length === 0) throw new Error("the inactivity scan entered nobody; the bench data is wrong");
    return Math.round(ms);
  } finally {
    await sql.execute(`DELETE FROM "App" WHERE id = $1`, [APP]).catch(() => {});
    await sql.close();
  }
}
