"use client";

// A compact absolute time for dense tables: the time alone for today, day and time
// otherwise. Rendered in UTC on the server, then in the viewer's zone once hydrated.
import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/client/format";

const subscribe = () => () => {};

export function formatShortTime(iso: string, now: Date, timeZone?: string): string {
  const date = new Date(iso);
  const day = (d: Date) => new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(d);
  const sameDay = day(date) === day(now);
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  return new Intl.DateTimeFormat("en-GB", {
    ...(sameDay ? {} : { day: "numeric", month: "short" }),
    ...(sameDay || sameYear ? {} : { year: "numeric" }),
    hour: "2-digit",
    minute: "2-digit",
    ...(sameDay ? { second: "2-digit" } : {}),
    timeZone,
  }).format(date);
}

export function ShortTime({ value, className }: { value: string; className?: string }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const zone = hydrated ? undefined : "UTC";
  return (
    <time dateTime={value} className={className} title={formatDateTime(value, zone)} suppressHydrationWarning>
      {formatShortTime(value, new Date(), zone)}
    </time>
  );
}
