import Link from "next/link";
import { userHref } from "@/lib/client/paging";
import { Card, CardHeader } from "../ui/card";
import { RelativeTime } from "../ui/time";
import { EventName } from "../users/event-name";

type LatestEvent = { id: string; userId: string; name: string; timestamp: string };

export function LatestEvents({ events }: { events: LatestEvent[] }) {
  return (
    <Card>
      <CardHeader
        title="Latest events"
        description="The last few received"
        actions={
          <Link href="/users" className="text-sm font-medium text-brand-600 hover:text-brand-700">
            All users
          </Link>
        }
      />
      <ul className="divide-y divide-slate-100" aria-label="Latest events">
        {events.map((event) => (
          <li key={event.id} className="flex items-center justify-between gap-3 px-5 py-2.5">
            <div className="min-w-0">
              <EventName name={event.name} />
              <Link href={userHref(event.userId)} className="mt-0.5 block truncate font-mono text-xs text-slate-500 hover:text-brand-700">
                {event.userId}
              </Link>
            </div>
            <RelativeTime value={event.timestamp} className="shrink-0 text-xs text-slate-400" />
          </li>
        ))}
      </ul>
    </Card>
  );
}
