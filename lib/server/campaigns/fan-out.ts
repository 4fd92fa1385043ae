// Turns due campaigns into messages, from the tick. A campaign is claimed with FOR
// UPDATE SKIP LOCKED and a lease, then its segment is paged by user id after the
// stored cursor. Each page's messages and the cursor that moves past them commit in
// one transaction, and the (campaignId, userId) unique index makes a page written
// twice a no-op, so a crash, an expired lease or two ticks at once never reach a
// member twice. Runs are time-bound: a million-member campaign goes on over many ticks.
import { isMarkup, type Channel, type Content } from "@/lib/engine/nodes/fields";
import { audienceScope, renderContent, templateScope } from "@/lib/engine/templates";
import type { UserRecord } from "@/lib/engine/types";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { unreachableReason } from "../engine/addresses";
import { storedEvent, userRecord } from "../engine/records";
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import { gate } from "../delivery/gate";
import { newId } from "../ids";
import { prismaSql } from "../sql";
import { messageParts } from "../templates/email-body";

type Tx = Prisma.TransactionClient;

// pages: pages that recorded messages; finished: campaigns that reached their last member.
export type FanOutTally = { pages: number; queued: number; held: number; skipped: number; failed: number; finished: number };
export type FanOutOptions = { budgetMs?: number; pageSize?: number };

// Long enough for one page; a page renews it, and a crashed run's campaign is taken
// over by another tick once it lapses.
const leaseMs = () => Number(process.env.CUE_CAMPAIGN_LEASE_MS) || 60_000;
const PAGE_SIZE = 500;

type Claimed = {
  id: string; appId: string; segmentId: string | null; channel: string; title: string | null; subject: string | null; body: string; url: string | null;
  // A connector's send to a segment: the step its messages belong to, and its trigger event.
  connectorId: string | null; enrollmentId: string | null; nodeId: string | null; triggerEvent: unknown;
  topic: string | null; ignoreQuietHours: boolean; ignoreCaps: boolean; format: string | null;
};

async function claimOne(prisma: PrismaClient, now: Date, lease: Date): Promise<Claimed | null> {
  const at = now.toISOString();
  const [claimed] = await prisma.$queryRaw<Claimed[]>`
    UPDATE "Campaign" SET "leasedUntil" = ${lease.toISOString()}::timestamp(3), status = 'sending', "startedAt" = COALESCE("startedAt", ${at}::timestamp(3))
    WHERE id IN (
      SELECT id FROM "Campaign"
      WHERE status IN ('scheduled', 'sending') AND "sendAt" <= ${at}::timestamp(3)
        AND ("leasedUntil" IS NULL OR "leasedUntil" < ${at}::timestamp(3))
      ORDER BY "sendAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "appId", "segmentId", channel, title, subject, body, url, "connectorId", "enrollmentId", "nodeId", "triggerEvent", topic, "ignoreQuietHours", "ignoreCaps", format`;
  return claimed ?? null;
}

const contentOf = (c: Claimed): Content => ({
  body: c.body,
  ...(c.title !== null ? { title: c.title } : {}),
  ...(c.subject !== null ? { subject: c.subject } : {}),
  ...(c.url !== null ? { url: c.url } : {}),
  ...(isMarkup(c.format) ? { format: c.format } : {}),
});

// A member whose profile is gone (or was never created) still gets a record: skipped
// for lack of an address on most channels, sent by webhook.
const bareUser = (userId: string): UserRecord => ({ id: userId, email: null, phone: null, name: null, attributes: {} });

async function reachableByPush(tx: Tx, appId: string, userIds: string[]): Promise<Set<string>> {
  const rows = await tx.device.findMany({ where: { appId, userId: { in: userIds }, disabledAt: null }, select: { userId: true }, distinct: ["userId"] });
  return new Set(rows.map((r) => r.userId));
}

async function messageRow(c: Claimed, app: { id: string; name: string }, user: UserRecord, hasDevice: boolean, now: Date) {
  const base = {
    id: newId("msg"), appId: c.appId, userId: user.id, channel: c.channel, campaignId: c.id, createdAt: now,
    connectorId: c.connectorId, enrollmentId: c.enrollmentId, nodeId: c.nodeId,
    topic: c.topic ?? DEFAULT_TOPIC, ignoreQuietHours: c.ignoreQuietHours, ignoreCaps: c.ignoreCaps,
  };
  let content: ReturnType<typeof renderContent>;
  try {
    const scope = c.triggerEvent ? templateScope(storedEvent(c.triggerEvent), user, app) : audienceScope(user, app);
    content = renderContent(contentOf(c), scope);
  } catch (error) {
    // Templates parse at creation; only a render limit (a runaway loop) lands here.
    const reason = `The message could not be rendered: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    return { ...base, status: "failed", body: c.body, error: reason };
  }
  // A markdown or MJML email: its HTML and text part (a layout shared by the page is converted once).
  const parts = await messageParts(c.channel as Channel, content);
  if (parts && "error" in parts) return { ...base, status: "failed", body: c.body, error: parts.error };
  const reason = unreachableReason(c.channel as Channel, user, hasDevice);
  return {
    ...base,
    status: reason ? "skipped" : "queued",
    title: content.title ?? null,
    subject: content.subject ?? null,
    body: parts ? parts.text : content.body,
    html: parts ? parts.html : null,
    url: content.url ?? null,
    error: reason,
    reason,
    nextAttemptAt: reason ? null : now,
  };
}

type Row = Awaited<ReturnType<typeof messageRow>>;

// Consent, quiet hours and caps for the members that could be reached (lib/server/delivery/gate.ts).
async function applyGate(tx: Tx, c: Claimed, rows: Row[]) {
  const open = rows.filter((r) => r.status === "queued");
  const verdicts = await gate(prismaSql(tx), open.map((r) => ({
    appId: c.appId, userId: r.userId, channel: c.channel as Channel, topic: r.topic, at: r.createdAt, ignoreQuietHours: c.ignoreQuietHours, ignoreCaps: c.ignoreCaps,
  })));
  open.forEach((row, i) => {
    const { status, reason, sendAt } = verdicts[i]!;
    Object.assign(row, { status, reason, nextAttemptAt: status === "skipped" ? null : sendAt });
  });
}

type PageOutcome = "more" | "finished" | "lost";
type Page = { outcome: PageOutcome; lease: Date; statuses: string[] };

// A page waits its turn behind other transactions (PGlite runs one at a time), and a
// failure to start would cost a whole lease period, so it may wait longer than Prisma's 2 s.
const PAGE_TX = { maxWait: 10_000, timeout: 30_000 };

/** One page in one transaction: the messages, and the cursor past them. */
async function sendPage(prisma: PrismaClient, c: Claimed, lease: Date, now: Date, pageSize: number): Promise<Page> {
  const renewed = new Date(now.getTime() + leaseMs());
  return prisma.$transaction(async (tx): Promise<Page> => {
    // Still ours and not cancelled? The row lock also makes a cancel wait for this page.
    const [held] = await tx.$queryRaw<{ cursor: string | null }[]>`
      SELECT cursor FROM "Campaign"
      WHERE id = ${c.id} AND status = 'sending' AND "leasedUntil" = ${lease.toISOString()}::timestamp(3)
      FOR UPDATE`;
    if (!held) return { outcome: "lost", lease, statuses: [] };
    // One member past the page tells whether this page is the last, so the campaign is
    // done in the same commit as its last messages (not one empty page later).
    const ahead = c.segmentId
      ? await tx.segmentMember.findMany({
          where: { segmentId: c.segmentId, ...(held.cursor !== null ? { userId: { gt: held.cursor } } : {}) },
          orderBy: { userId: "asc" },
          take: pageSize + 1,
          select: { userId: true },
        })
      : [];
    const members = ahead.slice(0, pageSize);
    let statuses: string[] = [];
    if (members.length > 0) {
      const ids = members.map((m) => m.userId);
      const [app, users, devices] = await Promise.all([
        tx.app.findUniqueOrThrow({ where: { id: c.appId }, select: { id: true, name: true } }),
        tx.user.findMany({ where: { appId: c.appId, userId: { in: ids } }, select: { userId: true, email: true, phone: true, name: true, attributes: true } }),
        c.channel === "push" ? reachableByPush(tx, c.appId, ids) : Promise.resolve(new Set<string>()),
      ]);
      // Members an earlier run already reached are left out, which keeps the tally exact
      // and spares a RETURNING (the insert's main cost); skipDuplicates stays the guarantee.
      const reached = await tx.message.findMany({ where: { campaignId: c.id, userId: { in: ids } }, select: { userId: true } });
      const done = new Set(reached.map((m) => m.userId));
      const profiles = new Map(users.map((u) => [u.userId, userRecord(u)]));
      const rows = await Promise.all(ids.filter((id) => !done.has(id)).map((id) => messageRow(c, app, profiles.get(id) ?? bareUser(id), devices.has(id), now)));
      await applyGate(tx, c, rows);
      if (rows.length) await tx.message.createMany({ data: rows, skipDuplicates: true });
      statuses = rows.map((r) => r.status);
    }
    const finished = ahead.length <= pageSize;
    await tx.campaign.update({
      where: { id: c.id },
      data: {
        cursor: members.at(-1)?.userId ?? held.cursor,
        ...(finished ? { status: "done", finishedAt: now, leasedUntil: null } : { leasedUntil: renewed }),
      },
    });
    return { outcome: finished ? "finished" : "more", lease: renewed, statuses };
  }, PAGE_TX);
}

/** Fans out due campaigns, one at a time, for about budgetMs (at least one page). */
export async function runDueCampaigns(prisma: PrismaClient, now: Date, options: FanOutOptions = {}): Promise<FanOutTally> {
  const started = Date.now();
  const within = () => Date.now() - started < (options.budgetMs ?? 5_000);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const tally: FanOutTally = { pages: 0, queued: 0, held: 0, skipped: 0, failed: 0, finished: 0 };
  do {
    let lease = new Date(now.getTime() + leaseMs());
    const campaign = await claimOne(prisma, now, lease);
    if (!campaign) break;
    try {
      let outcome: PageOutcome;
      do {
        const page = await sendPage(prisma, campaign, lease, now, pageSize);
        // Counted once committed, so a page that rolls back counts nothing.
        ({ outcome, lease } = page);
        if (page.statuses.length) tally.pages++;
        for (const status of page.statuses) tally[status as "queued" | "held" | "skipped" | "failed"]++;
        if (outcome === "finished") tally.finished++;
      } while (outcome === "more" && within());
      // Out of time with pages left: hand the campaign back so the next tick goes on
      // at once instead of waiting for the lease to lapse.
      if (outcome === "more") {
        await prisma.campaign.updateMany({ where: { id: campaign.id, status: "sending", leasedUntil: lease }, data: { leasedUntil: null } });
      }
    } catch (error) {
      // The failed page rolled back and the cursor stayed before it; the lease lapses
      // and a later tick retries from there. Other campaigns and the tick go on.
      console.error(`[cue] campaign ${campaign.id}: fan-out stopped, will retry`, error);
    }
  } while (within());
  return tally;
}
