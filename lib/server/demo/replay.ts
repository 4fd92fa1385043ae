// The demo's 30 days, played by the engine itself. The journeys (journeys.ts) are set up
// as they would have been a month ago, then the history goes in slice by slice, each
// followed by a tick on a virtual clock at the slice's end: matching, waits, delays,
// quiet hours, caps, segment refreshes, the campaign and delivery all run as they do
// live, only faster. So every journey, held message and conversion a newcomer sees is
// one the engine made, and the live trickle (live.ts) carries on from where it stopped.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createCampaign } from "../campaigns/campaigns";
import { putPolicy } from "../delivery/policy-store";
import { putSubscriptions } from "../delivery/subscriptions";
import { createConnector, publishConnector, updateConnector } from "../engine/connectors";
import { runTick } from "../engine/tick";
import type { ValidEvent } from "../ingest/event-input";
import { ingestEvents } from "../ingest/ingest";
import { createSegment } from "../segments/segments";
import type { SqlDatabase } from "../sql";
import { createTemplate } from "../templates/templates";
import { DEMO_CAMPAIGN, DEMO_POLICY, DEMO_SEGMENT, DEMO_TEMPLATES, DEMO_UNSUBSCRIBED_EVERY, demoConnectors, type DemoTemplateKey } from "./journeys";

type Db = { prisma: PrismaClient; sql: SqlDatabase };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Ticks at most this far apart in the history: a message goes out at most this late
// (in virtual time) after its event or its due time.
const SLICE = 60 * 60_000;

/** Sets the demo's journeys up as of `at`, a month before now. */
async function setUpJourneys({ prisma, sql }: Db, appId: string, userIds: string[], at: Date) {
  const templates = {} as Record<DemoTemplateKey, string>;
  for (const [key, input] of Object.entries(DEMO_TEMPLATES) as [DemoTemplateKey, (typeof DEMO_TEMPLATES)[DemoTemplateKey]][]) {
    templates[key] = (await createTemplate(prisma, appId, input, at)).id;
  }
  await putPolicy(sql, appId, DEMO_POLICY, at);
  for (const { name, graph, goal } of demoConnectors(templates)) {
    const { id } = await createConnector(prisma, appId, { name, graph }, at);
    if (goal) await updateConnector(prisma, appId, id, { goal }, at);
    await publishConnector(prisma, appId, id, null, at);
  }
  await sql.transaction(async (tx) => {
    for (const userId of userIds.filter((_, i) => i % DEMO_UNSUBSCRIBED_EVERY === DEMO_UNSUBSCRIBED_EVERY - 1)) {
      await putSubscriptions(tx, appId, userId, { topics: { marketing: false } }, "link", at);
    }
  });
}

const campaignSendAt = (now: Date) => new Date(Math.floor((now.getTime() - DEMO_CAMPAIGN.daysBeforeNow * DAY) / DAY) * DAY + 10 * HOUR);

/** The segment and its campaign, made the day before it goes out (a dynamic segment costs every tick a refresh). */
async function setUpCampaign({ prisma }: Db, appId: string, at: Date, sendAt: Date) {
  await createSegment(prisma, appId, { name: DEMO_SEGMENT.name, kind: "dynamic", rule: DEMO_SEGMENT.rule }, at);
  const { daysBeforeNow: _, ...texts } = DEMO_CAMPAIGN;
  await createCampaign(prisma, appId, { ...texts, segment: DEMO_SEGMENT.name, name: "Thank-you weekend", sendAt: sendAt.toISOString() }, at);
}

// Anything the tick would do at `until` besides matching new events: a walk, a held or
// queued message, or a campaign that has come due. Quiet slices cost this one query.
async function somethingDue(sql: SqlDatabase, until: Date): Promise<boolean> {
  const [row] = await sql.query<{ due: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Enrollment" WHERE status IN ('entered', 'active') AND "dueAt" <= $1::timestamp(3))
         OR EXISTS (SELECT 1 FROM "Message" WHERE status IN ('queued', 'held') AND "nextAttemptAt" <= $1::timestamp(3))
         OR EXISTS (SELECT 1 FROM "Campaign" WHERE status IN ('scheduled', 'sending') AND "sendAt" <= $1::timestamp(3)) AS due`,
    [until.toISOString()],
  );
  return Boolean(row?.due);
}

/** Sets the journeys up at `start`, then plays `events` (in time order) through them up to `now`. */
export async function replayDemoHistory(db: Db, appId: string, userIds: string[], events: ValidEvent[], start: Date, now: Date): Promise<number> {
  await setUpJourneys(db, appId, userIds, start);
  const sendAt = campaignSendAt(now);
  let campaign = false;
  let next = 0;
  let accepted = 0;
  for (let end = start.getTime() + SLICE; ; end = Math.min(end + SLICE, now.getTime())) {
    const slice: ValidEvent[] = [];
    while (next < events.length && events[next]!.timestamp.getTime() < end) slice.push(events[next++]!);
    const at = new Date(end);
    if (!campaign && end >= sendAt.getTime() - DAY) {
      await setUpCampaign(db, appId, new Date(sendAt.getTime() - DAY), sendAt);
      campaign = true;
    }
    if (slice.length > 0) accepted += (await ingestEvents(db.sql, appId, slice, { match: false })).accepted;
    if (slice.length > 0 || (await somethingDue(db.sql, at))) await runTick(db, () => at, { inactivity: false, budgetMs: 60_000 });
    if (end >= now.getTime()) break;
  }
  // An event stamped exactly `now` falls after the last slice: stored unmatched, the server's first drain matches it live.
  while (next < events.length) accepted += (await ingestEvents(db.sql, appId, events.slice(next, (next += 500)), { match: false })).accepted;
  return accepted;
}
