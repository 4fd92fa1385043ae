// event_to_message_p50_ms / _p99_ms: from the start of the ingest request to the moment
// the message of an immediate action (trigger → send a webhook through the log provider)
// is recorded as sent (its sentAt, so recording and delivery are both inside). Events go
// out open-loop at a steady rate, one user each, so a slow answer never slows the sender,
// after an unmeasured warm-up.
import http from "node:http";
import { auth, type CueServer } from "../tests/support/cue-server";
import { post } from "./load";
import { api, publishConnector } from "./workload";

const EVENT = "BENCH_NOW";

type Message = { userId: string; status: string; sentAt: string | null };

async function messagesOf(server: CueServer, connectorId: string): Promise<Message[]> {
  const all: Message[] = [];
  let cursor: string | null = null;
  do {
    const page: { messages: Message[]; nextCursor: string | null } = await api(
      server,
      "GET",
      `/api/v1/messages?connectorId=${connectorId}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    );
    all.push(...page.messages);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export async function eventToMessage(server: CueServer, options: { count: number; perSecond: number }) {
  const connectorId = await publishConnector(server, "bench latency", {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: EVENT, reentry: "always" } },
      { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "Order {{ event.data.n }}" } },
    ],
    edges: [{ id: "e1", source: "t", target: "a" }],
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const target = { url: server.url, path: "/api/v1/events", authorization: auth(server) };
  // Open-loop at a steady rate; returns when each user's event started.
  const sendAtRate = async (prefix: string, count: number) => {
    const started = new Map<string, number>();
    const sends: Promise<void>[] = [];
    const interval = 1000 / options.perSecond;
    const t0 = performance.now();
    for (let n = 0; n < count; n++) {
      // Scheduled against the start, so timer drift does not lower the rate.
      const wait = t0 + n * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const userId = `${prefix}_${n}`;
      started.set(userId, Date.now());
      sends.push(
        post(agent, target, JSON.stringify({ userId, event: EVENT, data: { n } })).then((res) => {
          if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${res.text}`);
        }),
      );
    }
    await Promise.all(sends);
    return started;
  };
  // A warm-up at the same rate, not measured: the first requests of a fresh server pay
  // for JIT compilation, Prisma's query plans and opening pool connections.
  await sendAtRate("warm", Math.max(10, Math.round(options.count / 5)));
  await new Promise((r) => setTimeout(r, 1000));
  const started = await sendAtRate("lat", options.count);
  agent.destroy();

  let messages: Message[] = [];
  for (let i = 0; i < 120; i++) {
    messages = (await messagesOf(server, connectorId)).filter((m) => m.status === "sent" && m.sentAt && started.has(m.userId));
    if (messages.length >= options.count) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (messages.length < options.count) throw new Error(`only ${messages.length} of ${options.count} messages were sent within a minute`);
  const latencies = messages.filter((m) => started.has(m.userId)).map((m) => Date.parse(m.sentAt!) - started.get(m.userId)!).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { event_to_message_p50_ms: at(0.5), event_to_message_p99_ms: at(0.99), event_to_message_count: latencies.length };
}
