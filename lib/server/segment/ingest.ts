// Stores one Segment call or batch in one transaction: identity links first (merging
// anonymous users into the users they turned out to be), then the events in ingest's
// single insert, then profile updates. Either all of it is stored or none of it.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { canonicalTimeZone } from "@/lib/time-zone";
import type { ValidEvent } from "../ingest/event-input";
import { INGEST_TX_OPTIONS, insertEvents, type IngestResult } from "../ingest/ingest";
import { mergeUsers } from "../ingest/merge-users";
import { applyProfileUpdates, type ProfileUpdate } from "../ingest/profiles";
import { mentionedIds, planIdentities, type IdentityPlan } from "./identity";
import { eventOf, profileOf } from "./mapping";
import type { SegmentMessage } from "./messages";

type Tx = Prisma.TransactionClient | PrismaClient;

async function readAliases(tx: Tx, appId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.userAlias.findMany({
    where: { appId, OR: [{ anonymousId: { in: ids } }, { userId: { in: ids } }] },
    select: { anonymousId: true, userId: true },
  });
  return new Map(rows.map((r) => [r.anonymousId, r.userId]));
}

// Merging re-points aliases and moves rows, so batches that link take the app's merge
// lock exclusively and every other batch shares it: no batch maps an anonymous id
// while another is moving that id's history.
async function lockMerges(tx: Prisma.TransactionClient, appId: string, exclusive: boolean) {
  const key = `cue:segment-identity:${appId}`;
  if (exclusive) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))`;
}

function toRows(messages: SegmentMessage[], plan: IdentityPlan) {
  const events: ValidEvent[] = [];
  const profiles: ProfileUpdate[] = [];
  for (const m of messages) {
    const who = m.userId ?? m.anonymousId;
    if (!who) continue; // alias carries no subject of its own
    const userId = plan.resolve(who);
    const event = eventOf(m);
    if (event) events.push({ eventId: m.messageId ?? null, userId, ...event, timestamp: m.timestamp, context: m.context });
    const profile = profileOf(m);
    if (profile) profiles.push({ userId, ...profile, seenAt: m.timestamp });
    // Any call's context.timezone (analytics.js sets it from the browser) sets the user's
    // zone; a value that is not an IANA name is left out, as Segment would pass it on.
    const timezone = canonicalTimeZone(m.context?.timezone);
    if (timezone) profiles.push({ userId, fields: { timezone }, attributes: {}, seenAt: m.timestamp });
  }
  return { events, profiles };
}

export async function ingestSegmentMessages(
  prisma: PrismaClient,
  appId: string,
  messages: SegmentMessage[],
  now: Date,
): Promise<IngestResult> {
  if (messages.length === 0) return { accepted: 0, duplicates: 0, stored: [] };
  const ids = mentionedIds(messages);
  // A first look outside the transaction decides which lock this batch needs; the plan
  // that counts is made again under the lock.
  const mayLink = messages.some((m) => m.type === "alias") || planIdentities(messages, await readAliases(prisma, appId, ids)).links.length > 0;

  return prisma.$transaction(async (tx) => {
    await lockMerges(tx, appId, mayLink);
    const plan = planIdentities(messages, await readAliases(tx, appId, ids));
    for (const { from, to } of plan.links) await mergeUsers(tx, appId, from, to, now);
    const { events, profiles } = toRows(messages, plan);
    const result = await insertEvents(tx, appId, events);
    await applyProfileUpdates(tx, appId, profiles, now);
    return result;
  }, INGEST_TX_OPTIONS);
}
