// tick_steps_per_s: `count` enrollments waiting in a delay (trigger → delay → send a
// webhook through the log provider) all fall due at once and the server's own ticker
// drains them. They are written straight into the database in the state the matcher and
// the first step leave them in, so the figure is the scheduler's alone, not ingest's.
// Due times ascend by user number and ticks run the oldest first, so the last user's
// message marks the end; it is polled through the messages API, which works the same on
// PostgreSQL and on PGlite.
import type { CueServer } from "../tests/support/cue-server";
import type { Sql } from "./baselines";
import { api, publishConnector } from "./workload";

export const TICK_USER_PREFIX = "tick_user_";
export const TICK_EVENT = "BENCH_DELAYED";

export async function publishDelayConnector(server: CueServer): Promise<string> {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: TICK_EVENT, reentry: "always" } },
      { id: "d", type: "delay", position: { x: 0, y: 150 }, data: { amount: 1, unit: "hours" } },
      { id: "a", type: "action", position: { x: 0, y: 300 }, data: { kind: "send", channel: "webhook", body: "Order {{ event.data.n }} for {{ user.id }}" } },
    ],
    edges: [
      { id: "e1", source: "t", target: "d" },
      { id: "e2", source: "d", target: "a" },
    ],
  };
  return publishConnector(server, "bench tick", graph);
}

/** Users and their enrollments waiting in the delay, due at `dueFrom` + n ms for user n. */
export async function seedWaitingEnrollments(sql: Sql, options: { connectorId: string; count: number; dueFrom: Date }) {
  const [row] = (await sql(`SELECT c."appId", v.id AS "versionId" FROM "Connector" c JOIN "ConnectorVersion" v ON v."connectorId" = c.id AND v.version = c.version WHERE c.id = $1`, [
    options.connectorId,
  ])) as { appId: string; versionId: string }[];
  if (!row) throw new Error(`connector ${options.connectorId} has no published version`);
  const params = [row.appId, options.connectorId, row.versionId, options.count, options.dueFrom.toISOString(), TICK_USER_PREFIX, TICK_EVENT];
  await sql(
    `INSERT INTO "User" ("appId", "userId", name, "lastSeenAt")
     SELECT $1, $2 || g, 'Bench user ' || g, now() FROM generate_series(1, $3::int) g`,
    [row.appId, TICK_USER_PREFIX, options.count],
  );
  await sql(
    `INSERT INTO "Enrollment" (id, "appId", "connectorId", "versionId", "userId", "entryKey", status, "nodeId", "dueAt", "triggerEvent", "triggerTimestamp", trace, "createdAt", "updatedAt")
     SELECT 'enr_bench_' || g, $1, $2, $3, $6 || g, 'enr_bench_' || g, 'active', 'd',
            $5::timestamp(3) + g * interval '1 millisecond',
            jsonb_build_object('id', 'bench_evt_' || g, 'event', $7::text, 'userId', $6 || g, 'data', jsonb_build_object('n', g), 'timestamp', to_char($5::timestamp(3), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
            $5::timestamp(3),
            jsonb_build_array(jsonb_build_object('nodeId', 't', 'at', to_char($5::timestamp(3), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'what', 'passed', 'detail', 'entered from ' || $7::text),
                              jsonb_build_object('nodeId', 'd', 'at', to_char($5::timestamp(3), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'what', 'waited')),
            $5::timestamp(3), $5::timestamp(3)
     FROM generate_series(1, $4::int) g`,
    params,
  );
  await sql(`ANALYZE "Enrollment"`);
  return { appId: row.appId };
}

/** Waits until the last-due user's message is recorded; returns the seconds since `since` (performance.now()). */
export async function waitForLastStep(server: CueServer, connectorId: string, count: number, since: number, timeoutSeconds: number): Promise<number> {
  const path = `/api/v1/messages?connectorId=${connectorId}&userId=${TICK_USER_PREFIX}${count}&limit=1`;
  for (;;) {
    // PGlite runs inside the server's event loop: a long batch can stall it until a
    // kept-alive socket is reset under the poll. That is "not yet", not a failure.
    const page = await api(server, "GET", path).catch((error: Error) => ({ messages: [], error }));
    if (page.messages.length > 0) return (performance.now() - since) / 1000;
    if (performance.now() - since > timeoutSeconds * 1000) throw new Error(`the tick did not reach the last of ${count} enrollments in ${timeoutSeconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
