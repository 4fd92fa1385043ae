"use client";

// Times render in UTC on the server and switch to the viewer's zone once hydrated, so the
// markup always matches during hydration.
import { useSyncExternalStore } from "react";
import { formatDate, formatDateTime, formatRelative } from "@/lib/client/format";

const subscribe = () => () => {};

function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}

export function DateTime({ value, dateOnly, className }: { value: string; dateOnly?: boolean; className?: string }) {
  const hydrated = useHydrated();
  const zone = hydrated ? undefined : "UTC";
  return (
    <time dateTime={value} className={className} title={formatDateTime(value, zone)}>
      {dateOnly ? formatDate(value, zone) : formatDateTime(value, zone)}
    </time>
  );
}

export function RelativeTime({ value, className }: { value: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={value} className={className} title={formatDateTime(value, hydrated ? undefined : "UTC")} suppressHydrationWarning>
      {formatRelative(value)}
    </time>
  );
}
