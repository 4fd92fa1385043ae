import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { ActivityIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/time";
import { EventName } from "@/components/users/event-name";
import { formatNumber } from "@/lib/client/format";
import { userHref } from "@/lib/client/paging";
import { currentApp } from "../current-app";
import { overviewStats } from "./overview-stats";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview · Cue" };

function Stat({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <Card className="px-5 py-4">
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{formatNumber(value)}</p>
      <p className="mt-1 text-xs text-slate-400">{hint}</p>
    </Card>
  );
}

export default async function OverviewPage() {
  const { prisma, app } = await currentApp();
  const stats = await overviewStats(prisma, app.id, new Date());
  const topMax = Math.max(1, ...stats.topEvents.map((e) => e.count));

  return (
    <>
      <PageHeader title="Overview" description={`What is happening in ${app.name}: who is active and which events they send.`} />

      <section aria-label="Key numbers" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Users" value={stats.users} hint="All profiles in this application" />
        <Stat label="Active users" value={stats.activeUsers} hint="Seen in the last 7 days" />
        <Stat label="Events, 24 hours" value={stats.events24h} hint="By event time" />
        <Stat label="Events, 7 days" value={stats.events7d} hint="By event time" />
      </section>

      {stats.events7d === 0 && stats.latestEvents.length === 0 ? (
        <Card className="mt-6">
          <EmptyState
            icon={ActivityIcon}
            title="Send your first event"
            actions={<ButtonLink href="/settings">Get your credentials</ButtonLink>}
          >
            Events are what Cue reacts to: a sign-up, an item added to a cart, an order that shipped. Send one from
            your app or server with the application key, and it appears here and on the user&apos;s timeline within
            seconds.
          </EmptyState>
        </Card>
      ) : (
        <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
          <Card className="lg:col-span-3">
            <CardHeader title="Top events" description="The most frequent event names over the last 7 days" />
            {stats.topEvents.length === 0 ? (
              <p className="px-5 py-8 text-center text-sm text-slate-500">No events in the last 7 days.</p>
            ) : (
              <ol className="divide-y divide-slate-100">
                {stats.topEvents.map((row, index) => (
                  <li key={row.name} className="flex items-center gap-4 px-5 py-3.5">
                    <span className="w-4 text-right text-xs font-medium text-slate-400 tabular-nums">{index + 1}</span>
                    <div className="min-w-0 flex-1">
                      <EventName name={row.name} />
                      <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                        <div className="h-full rounded-full bg-brand-500" style={{ width: `${(row.count / topMax) * 100}%` }} />
                      </div>
                    </div>
                    <span className="w-16 text-right text-sm font-medium text-slate-900 tabular-nums">{formatNumber(row.count)}</span>
                  </li>
                ))}
              </ol>
            )}
          </Card>

          <Card className="lg:col-span-2">
            <CardHeader
              title="Latest events"
              actions={
                <Link href="/users" className="text-sm font-medium text-brand-600 hover:text-brand-700">
                  All users
                </Link>
              }
            />
            <ul className="divide-y divide-slate-100">
              {stats.latestEvents.map((event) => (
                <li key={event.id} className="flex items-center justify-between gap-3 px-5 py-2.5">
                  <div className="min-w-0">
                    <EventName name={event.name} />
                    <Link
                      href={userHref(event.userId)}
                      className="mt-0.5 block truncate font-mono text-xs text-slate-500 hover:text-brand-700"
                    >
                      {event.userId}
                    </Link>
                  </div>
                  <RelativeTime value={event.timestamp} className="shrink-0 text-xs text-slate-400" />
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </>
  );
}
