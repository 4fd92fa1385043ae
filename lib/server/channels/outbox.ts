// The outbox: messages are recorded as queued first, then delivered here — by the tick,
// and right after an immediate action. Due messages are leased with FOR UPDATE SKIP
// LOCKED (so concurrent ticks never send one twice at once); a lease that outlives a
// crashed process expires and the message is retried with the same id, which is the
// provider's idempotency key. Transient failures back off exponentially.
import type { Channel } from "@/lib/engine/rule";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "../ids";
import { configuredPublicUrl } from "../public-url";
import { loadChannel, type LoadedChannel } from "./channel-config";
import { recordLifecycleEvent } from "./lifecycle";
import { TIMEOUT_MS, type Delivery, type OutboundMessage } from "./provider";
import { takeToken } from "./rate-limit";
import { defaultRatePerSecond, providerFor } from "./registry";

export type DeliveryTally = { attempted: number; sent: number; failed: number; retrying: number; deferred: number; events: number };

const settings = () => ({
  leaseMs: Number(process.env.CUE_DELIVERY_LEASE_MS) || 60_000,
  retryBaseMs: Number(process.env.CUE_RETRY_BASE_MS) || 30_000,
  maxAttempts: Number(process.env.CUE_MAX_ATTEMPTS) || 6,
  publicUrl: configuredPublicUrl(),
});

type Leased = { id: string; appId: string; userId: string; channel: string; title: string | null; subject: string | null; body: string; url: string | null; connectorId: string | null; nodeId: string | null; enrollmentId: string | null; attempts: number; nextAttemptAt: Date };

async function lease(prisma: PrismaClient, now: Date, limit: number, ids?: string[]): Promise<{ until: string; leased: Leased[] }> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + settings().leaseMs).toISOString();
  const only = ids ?? null;
  const leased = await prisma.$queryRaw<Leased[]>`
    UPDATE "Message" SET "leasedUntil" = ${until}::timestamp(3)
    WHERE id IN (
      SELECT id FROM "Message"
      WHERE status = 'queued' AND "nextAttemptAt" <= ${at}::timestamp(3)
        AND ("leasedUntil" IS NULL OR "leasedUntil" < ${at}::timestamp(3))
        AND (${only}::text[] IS NULL OR id = ANY(${only}::text[]))
      ORDER BY "nextAttemptAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "appId", "userId", channel, title, subject, body, url, "connectorId", "nodeId", "enrollmentId", attempts, "nextAttemptAt"`;
  // RETURNING has no order: deliver in due order.
  return { until, leased: leased.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1)) };
}

// Right before handing a message to the provider: is it still ours? A batch can take
// longer than its lease (a slow provider, a loaded machine); then another process may
// have leased the message again, and sending it here too would send it twice. The
// check also renews the lease for the time the send may take.
async function stillOurs(prisma: PrismaClient, id: string, until: string): Promise<string | null> {
  // A lease with most of its time left cannot have lapsed, so nobody else can hold the
  // message, and it outlasts the slowest send (an SMTP exchange is up to three timeouts):
  // no need to ask the database. Only a batch running late pays for the check.
  if (Date.parse(until) - Date.now() > Math.max(settings().leaseMs / 2, 3 * TIMEOUT_MS)) return until;
  const renewed = new Date(Date.now() + settings().leaseMs).toISOString();
  const count = await prisma.$executeRaw`
    UPDATE "Message" SET "leasedUntil" = ${renewed}::timestamp(3)
    WHERE id = ${id} AND status = 'queued' AND "leasedUntil" = ${until}::timestamp(3)`;
  return count === 1 ? renewed : null;
}

function backoffMs(attempt: number, base: number): number {
  const exponential = Math.min(3_600_000, base * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

type Recipient = { email: string | null; phone: string | null; name: string | null };

// The recipients of a leased batch, in one query rather than one per message.
async function recipientsOf(prisma: PrismaClient, leased: Leased[]): Promise<Map<string, Recipient>> {
  const byApp = new Map<string, Set<string>>();
  for (const m of leased) byApp.set(m.appId, (byApp.get(m.appId) ?? new Set()).add(m.userId));
  if (byApp.size === 0) return new Map();
  const users = await prisma.user.findMany({
    where: { OR: [...byApp].map(([appId, ids]) => ({ appId, userId: { in: [...ids] } })) },
    select: { appId: true, userId: true, email: true, phone: true, name: true },
  });
  return new Map(users.map((u) => [`${u.appId}\u0000${u.userId}`, u]));
}

async function outbound(prisma: PrismaClient, m: Leased, user: Recipient | undefined): Promise<OutboundMessage> {
  const devices =
    m.channel === "push"
      ? await prisma.device.findMany({ where: { appId: m.appId, userId: m.userId, disabledAt: null }, select: { id: true, platform: true, token: true, subscription: true } })
      : [];
  return {
    id: m.id, appId: m.appId, channel: m.channel as Channel, title: m.title, subject: m.subject, body: m.body, url: m.url,
    to: { userId: m.userId, email: user?.email ?? null, phone: user?.phone ?? null, name: user?.name ?? null },
    devices,
    meta: { connectorId: m.connectorId, nodeId: m.nodeId, enrollmentId: m.enrollmentId },
  };
}

async function record(prisma: PrismaClient, m: Leased, delivery: Delivery, now: Date, tally: DeliveryTally, held: string) {
  const { retryBaseMs, maxAttempts } = settings();
  const attempt = m.attempts + 1;
  const giveUp = !delivery.ok && (!delivery.retryable || attempt >= maxAttempts);
  const outcome = delivery.ok ? "sent" : giveUp ? "failed" : "retry";
  const next = delivery.ok || giveUp ? null : new Date(now.getTime() + Math.max(backoffMs(attempt, retryBaseMs), delivery.retryAfterMs ?? 0));
  const recorded = await prisma.$transaction(async (tx) => {
    // Only the holder of the lease records the outcome.
    const { count } = await tx.message.updateMany({
      where: { id: m.id, status: "queued", leasedUntil: new Date(held) },
      data: delivery.ok
        ? { status: "sent", attempts: attempt, sentAt: now, providerMessageId: delivery.providerMessageId ?? null, error: null, nextAttemptAt: null, leasedUntil: null }
        : { status: giveUp ? "failed" : "queued", attempts: attempt, error: delivery.error, nextAttemptAt: next, leasedUntil: null },
    });
    if (count === 0) return null;
    await tx.messageAttempt.create({
      data: { id: newId("att"), messageId: m.id, at: now, outcome, statusCode: delivery.statusCode ?? null, providerMessageId: delivery.ok ? (delivery.providerMessageId ?? null) : null, error: delivery.ok ? null : delivery.error },
    });
    if (delivery.disabledDevices?.length) {
      await tx.device.updateMany({ where: { id: { in: delivery.disabledDevices } }, data: { disabledAt: now } });
    }
    if (outcome === "retry") return false;
    return recordLifecycleEvent(tx, m, delivery.ok ? "message.sent" : "message.failed", now, delivery.ok ? {} : { error: delivery.error });
  });
  if (recorded === null) return;
  if (recorded) tally.events++;
  tally[outcome === "sent" ? "sent" : outcome === "failed" ? "failed" : "retrying"]++;
}

/** Delivers due queued messages (or just `ids`), at most `limit` of them. */
export async function deliverDue(prisma: PrismaClient, now: Date, options: { limit?: number; ids?: string[] } = {}): Promise<DeliveryTally> {
  const tally: DeliveryTally = { attempted: 0, sent: 0, failed: 0, retrying: 0, deferred: 0, events: 0 };
  const { until, leased } = await lease(prisma, now, options.limit ?? 100, options.ids);
  const recipients = await recipientsOf(prisma, leased);
  const channels = new Map<string, Promise<LoadedChannel>>();
  const exhausted = new Set<string>();
  const { publicUrl } = settings();
  for (const m of leased) {
    const key = `${m.appId}:${m.channel}`;
    // Over the send rate: hand the message back untouched, so it keeps its place in due order.
    if (exhausted.has(key)) {
      await prisma.message.update({ where: { id: m.id }, data: { leasedUntil: null } });
      tally.deferred++;
      continue;
    }
    if (!channels.has(key)) channels.set(key, loadChannel(prisma, m.appId, m.channel as Channel));
    let channel: LoadedChannel;
    try {
      channel = await channels.get(key)!;
    } catch (error) {
      const held = await stillOurs(prisma, m.id, until);
      if (held) await record(prisma, m, { ok: false, retryable: false, error: `The ${m.channel} channel's settings cannot be read: ${(error as Error).message}` }, now, tally, held);
      continue;
    }
    // The log provider costs nothing: only a rate set on purpose limits it.
    const rate = Number(channel.config.ratePerSecond) || (channel.provider === "log" ? Infinity : defaultRatePerSecond[m.channel as Channel]);
    if (rate !== Infinity && takeToken(key, rate, Date.now()) > 0) {
      exhausted.add(key);
      await prisma.message.update({ where: { id: m.id }, data: { leasedUntil: null } });
      tally.deferred++;
      continue;
    }
    const held = await stillOurs(prisma, m.id, until);
    if (!held) continue;
    tally.attempted++;
    let delivery: Delivery;
    try {
      delivery = await providerFor(channel.provider).send(await outbound(prisma, m, recipients.get(`${m.appId}\u0000${m.userId}`)), { config: channel.config, secrets: channel.secrets, publicUrl });
    } catch (error) {
      delivery = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
    await record(prisma, m, delivery, new Date(), tally, held);
  }
  return tally;
}
