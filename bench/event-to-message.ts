// event_to_message_p50_ms / _p99_ms: from the start of the ingest request to the
// moment the message is recorded as sent (its sentAt), for a trigger followed
// straight by an action. Events are sent one at a time, a few ms apart.
import pg from "pg";
import { auth, type CueServer } from "../tests/support/cue-server";

export async function eventToMessage(server: CueServer, databaseUrl: string, count: number) {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "BENCH_NOW", reentry: "always" } },
      { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "Order {{ event.data.n }}" } },
    ],
    edges: [{ id: "e1", source: "t", target: "a" }],
  };
  const headers = { authorization: auth(server, "master"), "content-type": "application/json" };
  const created = await (await fetch(`${server.url}/api/v1/connectors`, { method: "POST", headers, body: JSON.stringify({ name: "bench latency", graph }) })).json();
  await fetch(`${server.url}/api/v1/connectors/${created.id}/publish`, { method: "POST", headers });

  const started = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    const userId = `lat_${n}`;
    started.set(userId, Date.now());
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: auth(server), "content-type": "application/json" },
      body: JSON.stringify({ userId, event: "BENCH_NOW", data: { n } }),
    });
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Message" WHERE "connectorId" = $1`, [created.id]);
      if (rows[0].n >= count) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { rows } = await client.query<{ userId: string; sentAt: Date }>(
      `SELECT "userId", "sentAt" FROM "Message" WHERE "connectorId" = $1`,
      [created.id],
    );
    const latencies = rows.map((r) => r.sentAt.getTime() - started.get(r.userId)!).sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    return { event_to_message_p50_ms: at(0.5), event_to_message_p99_ms: at(0.99), event_to_message_count: latencies.length };
  } finally {
    await client.end();
  }
}
