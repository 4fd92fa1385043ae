// event_to_message_p50_ms / _p99_ms: from the start of the ingest request to the moment
// the message of an immediate action (trigger → send a webhook through the log provider)
// is recorded as sent (its sentAt, so recording and delivery are both inside). Events go
// out open-loop at a steady rate, one user each, so a slow answer never slows the sender,
// after an unmeasured warm-up. A request that fails (reset, refused, timed out, not 202)
// is counted in `errors` and its users are left out; it never ends the run.
import http from "node:http";
import { auth, type CueServer } from "../tests/support/cue-server";
import { tryPost } from "./load";
import type { SentReader } from "./sent-messages";
import { publishConnector, serverGone } from "./workload";

export const E2M_EVENT = "BENCH_NOW";

/** The trigger → send (webhook, log provider) connector every event → message figure runs through. */
export function publishSendConnector(server: CueServer, name: string, event: string): Promise<string> {
  return publishConnector(server, name, {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
      { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "Order {{ event.data.n }}" } },
    ],
    edges: [{ id: "e1", source: "t", target: "a" }],
  });
}

export type Sent = { started: Map<string, number>; errors: number; firstError?: string };

/**
 * `events` events of E2M_EVENT, `perRequest` to a request, open-loop at `eventsPerSecond`
 * (scheduled against the start, so timer drift does not lower the rate); user `${prefix}_${n}`
 * for event n. Returns when each user's request started, once every request has answered.
 */
export async function sendAtRate(server: CueServer, options: { prefix: string; events: number; eventsPerSecond: number; perRequest?: number }): Promise<Sent> {
  const perRequest = options.perRequest ?? 1;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const target = { url: server.url, path: "/api/v1/events", authorization: auth(server) };
  const result: Sent = { started: new Map(), errors: 0 };
  const requests: Promise<void>[] = [];
  const interval = (1000 * perRequest) / options.eventsPerSecond;
  const t0 = performance.now();
  for (let r = 0; r * perRequest < options.events; r++) {
    const wait = t0 + r * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const users = Array.from({ length: Math.min(perRequest, options.events - r * perRequest) }, (_, i) => `${options.prefix}_${r * perRequest + i}`);
    const events = users.map((userId) => ({ userId, event: E2M_EVENT, data: { n: userId } }));
    const at = Date.now();
    for (const userId of users) result.started.set(userId, at);
    const body = JSON.stringify(perRequest === 1 ? events[0] : { events });
    requests.push(
      tryPost(agent, target, body).then((res) => {
        if (res.status === 202) return;
        result.errors++;
        result.firstError ??= `${res.status} ${res.text.slice(0, 300)}`;
        for (const userId of users) result.started.delete(userId);
      }),
    );
  }
  await Promise.all(requests);
  agent.destroy();
  return result;
}

/**
 * Polls until every started user's message is sent, `waitSeconds` have passed or the
 * server has exited. Returns
 * the latencies, sorted, with a message that never came counted as Infinity.
 */
export async function collectLatencies(server: CueServer, read: SentReader, connectorId: string, started: Map<string, number>, waitSeconds: number) {
  if (started.size === 0) return { latencies: [] as number[], missing: 0 };
  let since = Infinity;
  for (const at of started.values()) since = Math.min(since, at - 5000);
  const deadline = performance.now() + waitSeconds * 1000;
  let sent = new Map<string, number>();
  let readErrors = 0;
  for (;;) {
    try {
      sent = await read(connectorId, since);
    } catch (error) {
      // PGlite can stall the server's event loop until a poll's socket is reset: "not yet".
      if (++readErrors === 1) console.error(`  (reading messages: ${(error as Error).message})`);
    }
    const arrived = [...started.keys()].filter((userId) => sent.has(userId)).length;
    if (arrived === started.size || performance.now() > deadline || serverGone(server)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const latencies = [...started].map(([userId, at]) => (sent.has(userId) ? sent.get(userId)! - at : Infinity)).sort((a, b) => a - b);
  return { latencies, missing: latencies.filter((l) => l === Infinity).length };
}

/** The q-quantile of sorted values, as the figures have always read it. */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function eventToMessage(server: CueServer, read: SentReader, options: { connectorId: string; count: number; perSecond: number; prefix?: string }) {
  const prefix = options.prefix ?? "lat";
  // A warm-up at the same rate, not measured: the first requests of a fresh server pay
  // for JIT compilation, Prisma's query plans and opening pool connections.
  const warm = await sendAtRate(server, { prefix: `${prefix}_warm`, events: Math.max(10, Math.round(options.count / 5)), eventsPerSecond: options.perSecond });
  await new Promise((r) => setTimeout(r, 1000));
  const sent = await sendAtRate(server, { prefix, events: options.count, eventsPerSecond: options.perSecond });
  const errors = warm.errors + sent.errors;
  if (errors) console.error(`  (${errors} ingest request(s) failed, first: ${sent.firstError ?? warm.firstError})`);
  const { latencies, missing } = await collectLatencies(server, read, options.connectorId, sent.started, 60);
  if (missing) console.error(`  (${missing} of ${sent.started.size} messages were not sent (waited up to a minute))`);
  // What arrived is reported; event_to_message_count says how much that was.
  const arrived = latencies.filter(Number.isFinite);
  return {
    event_to_message_p50_ms: quantile(arrived, 0.5),
    event_to_message_p99_ms: quantile(arrived, 0.99),
    event_to_message_count: arrived.length,
    event_to_message_errors: errors,
  };
}
