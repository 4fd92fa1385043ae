import type { Metadata } from "next";
import { ActiveUsersChart } from "@/components/overview/active-users-chart";
import { percent } from "@/components/overview/chart-format";
import { ConnectorTable } from "@/components/overview/connector-table";
import { EventsChart } from "@/components/overview/events-chart";
import { LatestEvents } from "@/components/overview/latest-events";
import { MessagesChart } from "@/components/overview/messages-chart";
import { RangePicker } from "@/components/overview/range-picker";
import { RANGES, parseRangeKey, rangeWindow } from "@/components/overview/ranges";
import { StatCard } from "@/components/overview/stat-card";
import { TopEventsTable } from "@/components/overview/top-events-table";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber } from "@/lib/client/format";
import { overviewData } from "@/lib/server/analytics/overview";
import { changeRatio } from "@/lib/server/analytics/top-events";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview · Cue" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { prisma, app } = await currentApp();
  const rangeKey = parseRangeKey((await searchParams).range);
  const range = RANGES[rangeKey];
  const now = new Date();
  const data = await overviewData(prisma, app.id, { ...rangeWindow(rangeKey, now), interval: range.interval }, now);
  const anyEvents = data.latest.length > 0;

  const sent = data.messages.reduce((sum, c) => sum + (c.byStatus.sent ?? 0), 0);
  const failed = data.messages.reduce((sum, c) => sum + (c.byStatus.failed ?? 0), 0);
  const recorded = data.messages.reduce((sum, c) => sum + c.total, 0);
  const withGoal = data.connectors.filter((c) => c.goal);
  const entered = withGoal.reduce((sum, c) => sum + c.entered, 0);
  const converted = withGoal.reduce((sum, c) => sum + (c.converted ?? 0), 0);

  return (
    <>
      <PageHeader
        title="Overview"
        description={`What is happening in ${app.name}: who is active, what they do, and what Cue sends.`}
        actions={<RangePicker current={rangeKey} />}
      />

      <section aria-label="Key numbers" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Events" value={formatNumber(data.top.total)} change={changeRatio(data.top.total, data.top.previousTotal)} hint={`Last ${range.label}, vs the ${range.label} before`} />
        <StatCard label="Active users" value={formatNumber(data.active.total)} hint={`Opened the app ${range.interval === "hour" ? "yesterday or today (UTC)" : `in the last ${range.label}`} · ${formatNumber(data.users)} profiles`} />
        <StatCard label="Messages sent" value={formatNumber(sent)} hint={recorded ? `${formatNumber(recorded)} recorded · ${formatNumber(failed)} failed` : "Nothing sent in this range"} />
        <StatCard
          label="Goal conversion"
          value={withGoal.length ? percent(entered ? converted / entered : null) : "—"}
          hint={withGoal.length ? `${formatNumber(converted)} of ${formatNumber(entered)} entered users` : "Set a goal on a connector below"}
        />
      </section>

      {!anyEvents ? (
        <Card className="mt-6">
          <EmptyState
            icon={ActivityIcon}
            title="No events yet — send your first event"
            actions={
              <>
                <ButtonLink href="/settings">Get the SDK snippet</ButtonLink>
                <ButtonLink href="/docs" variant="secondary">
                  Read the API docs
                </ButtonLink>
              </>
            }
          >
            Events are what Cue reacts to: a sign-up, an item added to a cart, an order that shipped. Send one from your app with
            the SDK snippet or from your server with the application key; the charts here fill in within seconds.
          </EmptyState>
        </Card>
      ) : (
        <div className="mt-6 space-y-6">
          <EventsChart
            key={`${rangeKey}-${data.range.from}`}
            from={data.range.from}
            to={data.range.to}
            interval={range.interval}
            initial={data.chart.series}
            rangeLabel={range.label}
          />
          <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
            <div className="space-y-6">
              <TopEventsTable events={data.top.events} rangeLabel={range.label} />
              <LatestEvents events={data.latest} />
            </div>
            <div className="space-y-6">
              <ActiveUsersChart points={data.activity.points} total={data.activity.total} />
              <MessagesChart channels={data.messages} rangeLabel={range.label} />
            </div>
          </div>
        </div>
      )}
      <div className="mt-6">
        <ConnectorTable connectors={data.connectors} rangeLabel={range.label} />
      </div>
    </>
  );
}
