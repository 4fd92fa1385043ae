// e2m_p99_many_connectors_ratio: event → message p99 at a steady rate with `count`
// unrelated live connectors (trigger → send, each on an event name no bench event has)
// over the same p99 with no other live connector, both measured back to back on one
// server. What it shows: whether matching an event costs in the number of connectors
// rather than in the number that listen to it.
import type { CueServer } from "../tests/support/cue-server";
import { eventToMessage, publishSendConnector } from "./event-to-message";
import type { SentReader } from "./sent-messages";
import { api } from "./workload";

/** Pauses every active connector but `keep`, so the first measurement runs with none. */
async function pauseAllBut(server: CueServer, keep: string) {
  const { connectors } = (await api(server, "GET", "/api/v1/connectors")) as { connectors: { id: string; status: string }[] };
  for (const c of connectors) if (c.status === "active" && c.id !== keep) await api(server, "POST", `/api/v1/connectors/${c.id}/pause`);
}

/** `count` trigger → send connectors on events named BENCH_OTHER_n, published through the API, 4 at a time. */
async function publishUnrelated(server: CueServer, count: number) {
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) await publishSendConnector(server, `bench unrelated ${n}`, `BENCH_OTHER_${n}`);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

export async function manyConnectorsLatency(server: CueServer, read: SentReader, options: { connectorId: string; connectors: number; count: number; perSecond: number }) {
  await pauseAllBut(server, options.connectorId);
  const none = await eventToMessage(server, read, { ...options, prefix: "few" });
  const started = performance.now();
  await publishUnrelated(server, options.connectors);
  console.error(`  (published ${options.connectors} unrelated connectors in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const many = await eventToMessage(server, read, { ...options, prefix: "many" });
  return {
    e2m_p99_no_connectors_ms: none.event_to_message_p99_ms,
    e2m_p99_many_connectors_ms: many.event_to_message_p99_ms,
    e2m_p99_many_connectors_ratio: many.event_to_message_p99_ms / none.event_to_message_p99_ms,
    e2m_many_connectors_errors: none.event_to_message_errors + many.event_to_message_errors,
  };
}
