// The raw baselines each ratio divides by: the same rows written by plain SQL from this
// process, into tables created LIKE Cue's own (INCLUDING ALL: same columns, defaults and
// indexes), on the same database server, in the same run.
import { randomUUID } from "node:crypto";
import { eventMaker } from "./workload";

/** One way to send SQL: a pg pool, or an embedded PGlite. */
export type Sql = (text: string, params?: unknown[]) => Promise<unknown[]>;

export async function createBaselineTables(sql: Sql): Promise<void> {
  await sql(`DROP TABLE IF EXISTS bench_event, bench_enrollment`);
  await sql(`CREATE TABLE bench_event (LIKE "Event" INCLUDING ALL)`);
  await sql(`CREATE TABLE bench_enrollment (LIKE "Enrollment" INCLUDING ALL)`);
}

// A multi-row INSERT of `perStatement` events shaped exactly as ingest stores them.
function insertStatement(appId: string, perStatement: number, next: ReturnType<typeof eventMaker>) {
  const params: unknown[] = [];
  const values: string[] = [];
  for (let i = 0; i < perStatement; i++) {
    const e = next();
    const p = params.length;
    params.push(appId, randomUUID(), e.userId, e.event, JSON.stringify(e.data), new Date().toISOString());
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, NULL, $${p + 6}::timestamp(3))`);
  }
  return { text: `INSERT INTO bench_event ("appId", "eventId", "userId", name, data, context, timestamp) VALUES ${values.join(", ")}`, params };
}

/** Events/s of `clients` connections each inserting `perStatement` rows per statement, for `seconds`. */
export async function rawInsertRate(sql: Sql, appId: string, options: { clients: number; perStatement: number; seconds: number; users: number }) {
  const next = eventMaker(options.users, 11);
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  let rows = 0;
  const client = async () => {
    while (performance.now() < deadline) {
      const { text, params } = insertStatement(appId, options.perStatement, next);
      await sql(text, params);
      rows += options.perStatement;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return rows / ((performance.now() - started) / 1000);
}

/**
 * Steps/s of the simplest possible scheduler: claim the 100 oldest due rows in index order
 * with FOR UPDATE SKIP LOCKED and mark them done, statement after statement, until none
 * is due (autocommit: one transaction per batch, as the tick runs them). The rows
 * are copies of `count` due enrollments, so the index and the row sizes match the tick's;
 * `before` makes them due.
 */
export async function rawClaimRate(sql: Sql, source: { appId: string; userPrefix: string; count: number; before?: () => Promise<unknown> }) {
  await sql(`INSERT INTO bench_enrollment SELECT * FROM "Enrollment" WHERE "appId" = $1 AND "userId" LIKE $2`, [source.appId, `${source.userPrefix}%`]);
  await source.before?.();
  await sql(`ANALYZE bench_enrollment`);
  const started = performance.now();
  let claimed = 0;
  for (;;) {
    const now = new Date().toISOString();
    const rows = await sql(
      `UPDATE bench_enrollment SET status = 'completed', "nodeId" = NULL, "dueAt" = NULL, "leasedUntil" = NULL, "updatedAt" = $1::timestamp(3)
       WHERE id IN (SELECT id FROM bench_enrollment WHERE status = 'active' AND "dueAt" <= $1::timestamp(3)
                    ORDER BY "dueAt" LIMIT 100 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now],
    );
    if (rows.length === 0) break;
    claimed += rows.length;
  }
  if (claimed < source.count) throw new Error(`the raw claim loop found ${claimed} of ${source.count} due rows`);
  return claimed / ((performance.now() - started) / 1000);
}
