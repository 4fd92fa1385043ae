import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { AttributeList } from "@/components/users/attribute-list";
import { EraseUser } from "@/components/users/erase-user";
import { EventTimeline } from "@/components/users/event-timeline";
import { JourneyList } from "@/components/users/journey-list";
import { UserMessages } from "@/components/users/user-messages";
import { UserSubscriptions } from "@/components/users/user-subscriptions";
import type { MessagesPage } from "@/lib/client/messages";
import { messageFiltersSearch } from "@/lib/client/message-filters";
import { TIMELINE_PAGE_SIZE } from "@/lib/client/paging";
import { ApiError } from "@/lib/server/api/errors";
import { listMessages } from "@/lib/server/messages";
import { userEvents, userProfile } from "@/lib/server/users";
import { localTime } from "@/lib/time-zone";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";

const LATEST_MESSAGES = 5;

type Props = { params: Promise<{ userId: string }> };

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeParam((await params).userId)} · Users · Cue` };
}

async function loadProfile(prisma: Awaited<ReturnType<typeof currentApp>>["prisma"], appId: string, userId: string) {
  try {
    return await Promise.all([
      userProfile(prisma, appId, userId),
      userEvents(prisma, appId, userId, { limit: TIMELINE_PAGE_SIZE }),
      listMessages(prisma, appId, { userId, limit: LATEST_MESSAGES }),
    ]);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function UserProfilePage({ params }: Props) {
  const { prisma, app } = await currentApp();
  const userId = decodeParam((await params).userId);
  const [profile, firstPage, latestMessages] = await loadProfile(prisma, app.id, userId);
  // The service types channel and status as plain strings; the API contract narrows them.
  const messages = (latestMessages as MessagesPage).messages;
  const displayName = profile.name || profile.email || profile.userId;
  const custom = Object.entries(profile.attributes);

  return (
    <>
      <BackLink href="/users" className="mb-5">Users</BackLink>

      <header className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-center">
        <span
          aria-hidden="true"
          className="flex size-14 shrink-0 items-center justify-center rounded-full bg-linear-to-br from-brand-100 to-brand-50 text-lg font-semibold text-brand-700 uppercase ring-1 ring-brand-100"
        >
          {displayName.slice(0, 1)}
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{displayName}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
            <span className="inline-flex min-w-0 items-center gap-1.5">
              <code className="truncate font-mono text-[13px] text-slate-600" data-testid="profile-user-id">
                {profile.userId}
              </code>
              <CopyButton value={profile.userId} label="Copy user id" className="h-6 px-1.5 ring-0" />
            </span>
            <span aria-hidden="true" className="hidden text-slate-300 sm:inline">·</span>
            <span>
              Last seen <RelativeTime value={profile.lastSeenAt} className="font-medium text-slate-700" />
            </span>
          </div>
        </div>
        <EraseUser userId={profile.userId} />
      </header>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:sticky lg:top-8">
          <Card>
            <CardHeader title="Profile" />
            <AttributeList
              items={[
                { label: "Email", value: profile.email },
                { label: "Phone", value: profile.phone },
                { label: "Name", value: profile.name },
                // Rendered on request: the person's wall clock now, for "is it night there?".
                { label: "Time zone", value: profile.timezone ? `${profile.timezone} · ${localTime(new Date(), profile.timezone)} local time` : null },
                { label: "Created", value: <DateTime value={profile.createdAt} /> },
                { label: "Last seen", value: <DateTime value={profile.lastSeenAt} /> },
              ]}
            />
          </Card>

          <UserSubscriptions userId={profile.userId} timezone={profile.timezone} />

          <Card>
            <CardHeader title="Attributes" description={custom.length ? undefined : "Custom properties set through the API"} />
            {custom.length ? (
              <AttributeList items={custom.map(([key, value]) => ({ label: key, value, mono: true }))} />
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">
                None yet. Set them with <code className="font-mono text-xs text-slate-700">PUT /api/v1/users/&#123;userId&#125;</code>{" "}
                and use them in audience filters.
              </p>
            )}
          </Card>

          <Card>
            <CardHeader title="Segments" />
            {profile.segments.length ? (
              <ul className="divide-y divide-slate-100">
                {profile.segments.map((segment) => (
                  <li key={segment.id} className="flex items-center justify-between gap-3 px-5 py-2.5">
                    <Badge tone="brand">{segment.name}</Badge>
                    <span className="text-xs text-slate-500">
                      since <DateTime value={segment.addedAt} dateOnly />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">Not in any segment. Connectors and campaigns add users to segments.</p>
            )}
          </Card>
        </div>

        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title="Journeys"
              description={
                profile.journeys.length
                  ? "Connectors this user entered, newest first, step by step"
                  : undefined
              }
            />
            <JourneyList journeys={profile.journeys} userId={profile.userId} />
          </Card>

          <Card>
            <CardHeader
              title="Messages"
              description={messages.length ? "The latest messages sent to this user" : undefined}
              actions={
                messages.length ? (
                  <Link
                    href={`/messages${messageFiltersSearch({ userId: profile.userId })}`}
                    className="rounded text-sm font-medium text-brand-600 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
                  >
                    View all
                  </Link>
                ) : undefined
              }
            />
            <UserMessages messages={messages} userId={profile.userId} />
          </Card>

          <Card>
            <CardHeader title="Event timeline" description="Every event for this user, newest first" />
            <EventTimeline userId={profile.userId} firstPage={firstPage} />
          </Card>
        </div>
      </div>
    </>
  );
}
