"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch, withQuery } from "@/lib/client/api";
import { TIMELINE_PAGE_SIZE } from "@/lib/client/paging";
import { queryKeys } from "@/lib/client/query-keys";
import type { EventsPage } from "@/lib/client/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ActivityIcon } from "../ui/icons";
import { DateTime, RelativeTime } from "../ui/time";
import { EventData } from "./event-data";
import { EventName, isLifecycleEvent } from "./event-name";
import { cx } from "../ui/cx";

/** A user's events, newest first; the first page comes from the server render. */
export function EventTimeline({ userId, firstPage }: { userId: string; firstPage: EventsPage }) {
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery({
    queryKey: queryKeys.users.events(userId),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<EventsPage>(
        withQuery(`/api/v1/users/${encodeURIComponent(userId)}/events`, { limit: TIMELINE_PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    staleTime: 30_000,
  });

  const events = data.pages.flatMap((page) => page.events);
  if (events.length === 0) {
    return (
      <EmptyState icon={ActivityIcon} title="No events yet">
        This profile exists, but no events have been sent for it. Events sent with <code className="font-mono text-xs">userId</code>{" "}
        “{userId}” will show up here, newest first.
      </EmptyState>
    );
  }

  return (
    <div>
      <ol className="relative px-5 py-2" aria-label="Event timeline" data-testid="event-timeline">
        {events.map((event, index) => (
          <li key={event.id} className="relative flex gap-3.5 pb-4 last:pb-2" data-testid="timeline-event">
            <div className="relative flex w-3 shrink-0 justify-center pt-[15px]" aria-hidden="true">
              {index < events.length - 1 ? <span className="absolute top-5 -bottom-5 w-px bg-slate-200" /> : null}
              <span
                className={cx(
                  "relative size-2.5 rounded-full ring-2 ring-white",
                  isLifecycleEvent(event.event) ? "bg-slate-300" : "bg-brand-500",
                )}
              />
            </div>
            <div className="min-w-0 flex-1 pt-2.5">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5">
                <EventName name={event.event} dot={false} />
                <p className="text-xs text-slate-500">
                  <RelativeTime value={event.timestamp} className="font-medium text-slate-600" />
                  <span aria-hidden="true" className="mx-1.5 text-slate-300">·</span>
                  <DateTime value={event.timestamp} />
                </p>
              </div>
              {Object.keys(event.data ?? {}).length > 0 ? (
                <div className="mt-2">
                  <EventData data={event.data} />
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {error ? (
        <div className="px-5 pb-4">
          <Alert>{error.message}</Alert>
        </div>
      ) : null}
      <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3">
        <p className="text-xs text-slate-500">
          Showing {events.length} {events.length === 1 ? "event" : "events"}
          {hasNextPage ? "" : ", the whole history"}
        </p>
        {hasNextPage ? (
          <Button variant="secondary" size="sm" onClick={() => fetchNextPage()} loading={isFetchingNextPage}>
            Load more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
