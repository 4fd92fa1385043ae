// The outbox: messages are recorded as queued first, then delivered here — by the tick,
// and right after an immediate action. Due messages are leased with FOR UPDATE SKIP
// LOCKED (so concurrent ticks never send one twice at once); a lease that outlives a
// crashed process expires and the message is retried with the same id, which is the
// provider's idempotency key. Transient failures back off exponentially.
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import type { Channel } from "@/lib/engine/nodes/fields";
import { UNSUBSCRIBE_URL_PLACEHOLDER } from "@/lib/engine/templates";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { unsubscribeUrl } from "../delivery/unsubscribe-token";
import { newId } from "../ids";
import { storeEvents } from "../ingest/ingest";
import { configuredPublicUrl } from "../public-url";
import type { Sql, SqlDatabase } from "../sql";
import { loadChannel, type LoadedChannel } from "./channel-config";
import { TIMEOUT_MS, type Delivery, type OutboundMessage } from "./provider";
import { takeToken } from "./rate-limit";
import { defaultRatePerSecond, providerFor } from "./registry";

// events: message.sent/failed events whose matching queued more messages (deliver again).
export type DeliveryTally = { attempted: number; sent: number; failed: number; retrying: number; deferred: number; events: number };

const settings = () => ({
  leaseMs: Number(process.env.CUE_DELIVERY_LEASE_MS) || 60_000,
  retryBaseMs: Number(process.env.CUE_RETRY_BASE_MS) || 30_000,
  maxAttempts: Number(process.env.CUE_MAX_ATTEMPTS) || 6,
  publicUrl: configuredPublicUrl(),
});

type Leased = { id: string; appId: string; userId: string; channel: string; topic: string | null; title: string | null; subject: string | null; body: string; html: string | null; url: string | null; connectorId: string | null; nodeId: string | null; enrollmentId: string | null; attempts: number; nextAttemptAt: Date };

async function lease(sql: Sql, now: Date, limit: number, ids?: string[]): Promise<{ until: string; leased: Leased[] }> {
  const until = new Date(now.getTime() + settings().leaseMs).toISOString();
  const leased = await sql.query<Leased>(
    `UPDATE "Message" SET "leasedUntil" = $2::timestamp(3)
     WHERE id IN (
       SELECT id FROM "Message"
       WHERE status = 'queued' AND "nextAttemptAt" <= $1::timestamp(3)
         AND ("leasedUntil" IS NULL OR "leasedUntil" < $1::timestamp(3))
         AND ($3::text[] IS NULL OR id = ANY($3::text[]))
       ORDER BY "nextAttemptAt", id
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING id, "appId", "userId", channel, topic, title, subject, body, html, url, "connectorId", "nodeId", "enrollmentId", attempts, "nextAttemptAt"`,
    [now.toISOString(), until, ids ?? null, limit],
  );
  // RETURNING has no order: deliver in due order.
  return { until, leased: leased.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1)) };
}

// Right before handing a message to the provider: is it still ours? A batch can take
// longer than its lease (a slow provider, a loaded machine); then another process may
// have leased the message again, and sending it here too would send it twice. The
// check also renews the lease for the time the send may take.
async function stillOurs(sql: Sql, id: string, until: string): Promise<string | null> {
  // A lease with most of its time left cannot have lapsed, so nobody else can hold the
  // message, and it outlasts the slowest send (an SMTP exchange is up to three timeouts):
  // no need to ask the database. Only a batch running late pays for the check.
  if (Date.parse(until) - Date.now() > Math.max(settings().leaseMs / 2, 3 * TIMEOUT_MS)) return until;
  const renewed = new Date(Date.now() + settings().leaseMs).toISOString();
  const count = await sql.execute(
    `UPDATE "Message" SET "leasedUntil" = $2::timestamp(3) WHERE id = $1 AND status = 'queued' AND "leasedUntil" = $3::timestamp(3)`,
    [id, renewed, until],
  );
  return count === 1 ? renewed : null;
}

function backoffMs(attempt: number, base: number): number {
  const exponential = Math.min(3_600_000, base * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

type Recipient = { email: string | null; phone: string | null; name: string | null };

// The recipients of a leased batch, in one query rather than one per message.
async function recipientsOf(sql: Sql, leased: Leased[]): Promise<Map<string, Recipient>> {
  if (leased.length === 0) return new Map();
  const pairs = [...new Set(leased.map((m) => `${m.appId}\u0000${m.userId}`))].map((k) => k.split("\u0000"));
  const users = await sql.query<Recipient & { appId: string; userId: string }>(
    `SELECT u."appId", u."userId", u.email, u.phone, u.name FROM unnest($1::text[], $2::text[]) AS w(a, id) JOIN "User" u ON u."appId" = w.a AND u."userId" = w.id`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  return new Map(users.map((u) => [`${u.appId}\u0000${u.userId}`, u]));
}

type DeviceRow = OutboundMessage["devices"][number];

// The signed link every email carries, and any message whose template placed
// {{ unsubscribe_url }}: the marker rendering left is replaced here, now that the
// message has the id the link names.
function withUnsubscribeUrl(m: Leased, publicUrl: string) {
  const topic = m.topic ?? DEFAULT_TOPIC;
  const placed = m.body.includes(UNSUBSCRIBE_URL_PLACEHOLDER) || Boolean(m.url?.includes(UNSUBSCRIBE_URL_PLACEHOLDER));
  if (m.channel !== "email" && !placed) return { topic, unsubscribeUrl: null, body: m.body, html: m.html, url: m.url };
  const link = unsubscribeUrl(publicUrl, { appId: m.appId, userId: m.userId, topic, messageId: m.id });
  const fill = (text: string) => text.replaceAll(UNSUBSCRIBE_URL_PLACEHOLDER, () => link);
  return { topic, unsubscribeUrl: link, body: fill(m.body), html: m.html === null ? null : fill(m.html), url: m.url === null ? null : fill(m.url) };
}

async function outbound(sql: Sql, m: Leased, user: Recipient | undefined, publicUrl: string): Promise<OutboundMessage> {
  const devices =
    m.channel === "push"
      ? await sql.query<DeviceRow>(`SELECT id, platform, token, subscription FROM "Device" WHERE "appId" = $1 AND "userId" = $2 AND "disabledAt" IS NULL`, [m.appId, m.userId])
      : [];
  return {
    id: m.id, appId: m.appId, channel: m.channel as Channel, title: m.title, subject: m.subject, ...withUnsubscribeUrl(m, publicUrl),
    to: { userId: m.userId, email: user?.email ?? null, phone: user?.phone ?? null, name: user?.name ?? null },
    devices,
    meta: { connectorId: m.connectorId, nodeId: m.nodeId, enrollmentId: m.enrollmentId },
  };
}

type Sent = { m: Leased; delivery: Delivery; at: Date; held: string };

// What a batch of sends came to, recorded in one transaction a few statements long rather
// than one per message (graphile-worker and River batch their completions the same way):
// the outcomes, the attempts, gone devices and the message.sent/failed events (stored and
// matched like any event, so connectors can react to them). Only the holder of a lease
// records its message's outcome. Flushed every few dozen sends or a fraction of a second,
// so a crash leaves few sent-but-unrecorded messages: those are sent again after their
// lease lapses, with the same id as the provider's idempotency key.
async function recordAll(sql: SqlDatabase, sent: Sent[], tally: DeliveryTally, clock: () => Date) {
  if (sent.length === 0) return;
  const { retryBaseMs, maxAttempts } = settings();
  const rows = sent.map(({ m, delivery, at, held }) => {
    const attempt = m.attempts + 1;
    const giveUp = !delivery.ok && (!delivery.retryable || attempt >= maxAttempts);
    const next = delivery.ok || giveUp ? null : new Date(at.getTime() + Math.max(backoffMs(attempt, retryBaseMs), delivery.retryAfterMs ?? 0));
    const outcome = delivery.ok ? "sent" : giveUp ? "failed" : "retry";
    return {
      m, delivery, at, held, outcome, attempt, next,
      status: delivery.ok ? "sent" : giveUp ? "failed" : "queued",
      providerMessageId: delivery.ok ? (delivery.providerMessageId ?? null) : null,
      error: delivery.ok ? null : delivery.error,
    };
  });
  const col = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
  const done = await sql.transaction(async (tx) => {
    const updated = await tx.query<{ id: string }>(
      `UPDATE "Message" AS x SET status = v.status, attempts = v.attempts, "sentAt" = v.sent::timestamp(3),
         "providerMessageId" = COALESCE(v.pmid, x."providerMessageId"), error = v.error,
         -- A sent message keeps the time it was due: frequency caps count it there (lib/server/delivery/gate.ts).
         "nextAttemptAt" = CASE WHEN v.status = 'sent' THEN x."nextAttemptAt" ELSE v.next::timestamp(3) END, "leasedUntil" = NULL
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[]) AS v(id, held, status, attempts, sent, pmid, error, next)
       WHERE x.id = v.id AND x.status = 'queued' AND x."leasedUntil" = v.held::timestamp(3)
       RETURNING x.id`,
      [col((r) => r.m.id), col((r) => r.held), col((r) => r.status), col((r) => r.attempt), col((r) => (r.delivery.ok ? r.at.toISOString() : null)),
       col((r) => r.providerMessageId), col((r) => r.error), col((r) => r.next?.toISOString() ?? null)],
    );
    const mine = new Set(updated.map((u) => u.id));
    const recorded = rows.filter((r) => mine.has(r.m.id));
    if (recorded.length === 0) return { recorded, queued: 0 };
    const pick = <T>(f: (r: (typeof rows)[number]) => T) => recorded.map(f);
    await tx.execute(
      `INSERT INTO "MessageAttempt" (id, "messageId", at, outcome, "statusCode", "providerMessageId", error)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::text[], $5::int[], $6::text[], $7::text[])`,
      [pick(() => newId("att")), pick((r) => r.m.id), pick((r) => r.at.toISOString()), pick((r) => r.outcome),
       pick((r) => r.delivery.statusCode ?? null), pick((r) => r.providerMessageId), pick((r) => r.error)],
    );
    const gone = recorded.flatMap((r) => r.delivery.disabledDevices ?? []);
    if (gone.length > 0) await tx.execute(`UPDATE "Device" SET "disabledAt" = $2::timestamp(3) WHERE id = ANY($1::text[])`, [gone, recorded[0]!.at.toISOString()]);
    // Their ids derive from the message, so recording twice stores each once.
    let queued = 0;
    const byApp = new Map<string, (typeof recorded)[number][]>();
    for (const r of recorded) if (r.outcome !== "retry") byApp.set(r.m.appId, [...(byApp.get(r.m.appId) ?? []), r]);
    for (const [appId, done] of [...byApp].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const events = done.map(({ m, delivery, at }) => {
        const name = delivery.ok ? "message.sent" : "message.failed";
        const data = { messageId: m.id, channel: m.channel, connectorId: m.connectorId, nodeId: m.nodeId, ...(delivery.ok ? {} : { error: delivery.error }) };
        return { eventId: `${m.id}:${name}`, userId: m.userId, name, data, timestamp: at };
      });
      queued += (await storeEvents(tx, appId, events, clock())).matched.queued;
    }
    return { recorded, queued };
  });
  if (done.queued > 0) tally.events++;
  for (const r of done.recorded) tally[r.outcome === "sent" ? "sent" : r.outcome === "failed" ? "failed" : "retrying"]++;
}

const FLUSH_EVERY = 50;
const FLUSH_AFTER_MS = 200;

const release = (sql: Sql, id: string) => sql.execute(`UPDATE "Message" SET "leasedUntil" = NULL WHERE id = $1`, [id]);

/** Delivers due queued messages (or just `ids`), at most `limit` of them. */
export async function deliverDue(
  { prisma, sql }: { prisma: PrismaClient; sql: SqlDatabase },
  now: Date,
  // clock: when a send happened. The wall clock, except when the demo replays its history on a virtual one.
  options: { limit?: number; ids?: string[]; clock?: () => Date } = {},
): Promise<DeliveryTally> {
  const clock = options.clock ?? (() => new Date());
  const tally: DeliveryTally = { attempted: 0, sent: 0, failed: 0, retrying: 0, deferred: 0, events: 0 };
  const { until, leased } = await lease(sql, now, options.limit ?? 100, options.ids);
  const recipients = await recipientsOf(sql, leased);
  const channels = new Map<string, Promise<LoadedChannel>>();
  const exhausted = new Set<string>();
  const { publicUrl } = settings();
  let sent: Sent[] = [];
  let since = 0;
  const flush = async () => {
    const batch = sent;
    sent = [];
    await recordAll(sql, batch, tally, clock);
  };
  for (const m of leased) {
    if (sent.length >= FLUSH_EVERY || (sent.length > 0 && Date.now() - since > FLUSH_AFTER_MS)) await flush();
    const key = `${m.appId}:${m.channel}`;
    // Over the send rate: hand the message back untouched, so it keeps its place in due order.
    if (exhausted.has(key)) {
      await release(sql, m.id);
      tally.deferred++;
      continue;
    }
    if (!channels.has(key)) channels.set(key, loadChannel(prisma, m.appId, m.channel as Channel));
    let channel: LoadedChannel;
    try {
      channel = await channels.get(key)!;
    } catch (error) {
      const held = await stillOurs(sql, m.id, until);
      if (held) sent.push({ m, delivery: { ok: false, retryable: false, error: `The ${m.channel} channel's settings cannot be read: ${(error as Error).message}` }, at: now, held });
      continue;
    }
    // The log provider costs nothing: only a rate set on purpose limits it.
    const rate = Number(channel.config.ratePerSecond) || (channel.provider === "log" ? Infinity : defaultRatePerSecond[m.channel as Channel]);
    if (rate !== Infinity && takeToken(key, rate, Date.now()) > 0) {
      exhausted.add(key);
      await release(sql, m.id);
      tally.deferred++;
      continue;
    }
    const held = await stillOurs(sql, m.id, until);
    if (!held) continue;
    tally.attempted++;
    let delivery: Delivery;
    try {
      delivery = await providerFor(channel.provider).send(await outbound(sql, m, recipients.get(`${m.appId}\u0000${m.userId}`), publicUrl), { config: channel.config, secrets: channel.secrets, publicUrl });
    } catch (error) {
      delivery = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
    if (sent.length === 0) since = Date.now();
    sent.push({ m, delivery, at: clock(), held });
  }
  await flush();
  return tally;
}
