// Everything the overview page shows for one range, read in parallel.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dailyActiveUsers } from "./active-users";
import { resolveRange, type Interval } from "./chart-range";
import { connectorPerformance } from "./connector-performance";
import { eventSeries } from "./event-series";
import { latestEvents } from "./latest-events";
import { messageBreakdown } from "./message-breakdown";
import { topEvents } from "./top-events";

/** Names charted when the page opens: the most frequent of the range. */
const CHARTED = 5;
const MIN_ACTIVITY_DAYS = 7;
const DAY_MS = 86_400_000;

export async function overviewData(prisma: PrismaClient, appId: string, window: { from: string; to: string; interval: Interval }, now: Date) {
  const range = resolveRange(window, now);
  // Counts by the hour for the totals, so "24 hours" compares with the 24 before it.
  const hourly = resolveRange({ ...window, interval: "hour" }, now);
  const daily = resolveRange({ ...window, interval: "day" }, now);
  // A daily chart needs a few days to say anything: at least the last week.
  const weekAgo = Math.min(daily.from.getTime(), daily.to.getTime() - MIN_ACTIVITY_DAYS * DAY_MS);
  const activityRange = { ...daily, from: new Date(weekAgo) };
  const [top, active, activity, messages, connectors, users, latest] = await Promise.all([
    topEvents(prisma, appId, hourly, 10),
    dailyActiveUsers(prisma, appId, daily),
    weekAgo < daily.from.getTime() ? dailyActiveUsers(prisma, appId, activityRange) : null,
    messageBreakdown(prisma, appId, range),
    connectorPerformance(prisma, appId, range),
    prisma.user.count({ where: { appId } }),
    latestEvents(prisma, appId),
  ]);
  const charted = top.events.slice(0, CHARTED).map((e) => e.event);
  const chart = charted.length ? await eventSeries(prisma, appId, range, charted) : { series: [] };
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), interval: range.interval },
    top,
    active,
    activity: activity ?? active,
    messages,
    connectors,
    users,
    latest,
    chart,
  };
}

export type OverviewData = Awaited<ReturnType<typeof overviewData>>;
