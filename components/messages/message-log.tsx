"use client";

// The message log: filters kept in the query string (shareable, reload-proof), keyset
// pages with "Load more", and the side panel for one message (?message=id).
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useRef } from "react";
import { messageKeys, messagesApi, type MessageFilters, type MessagesPage } from "@/lib/client/messages";
import { countActiveFilters, messageFiltersSearch, parseMessageFilters } from "@/lib/client/message-filters";
import { Alert } from "../ui/alert";
import { Button, ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { EmptyState } from "../ui/empty-state";
import { MessagesIcon, SearchIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import type { ConnectorName } from "./connector-names";
import { MessageDrawer } from "./message-drawer";
import { MessageFiltersBar } from "./message-filters-bar";
import { MessageRow } from "./message-row";

const sameFilters = (a: MessageFilters, b: MessageFilters) => messageFiltersSearch(a) === messageFiltersSearch(b);

export function MessageLog({
  firstPage,
  firstPageFilters,
  connectors,
  campaignName,
  appName,
}: {
  firstPage: MessagesPage;
  firstPageFilters: MessageFilters;
  connectors: ConnectorName[];
  campaignName?: string;
  appName: string;
}) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseMessageFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const openId = searchParams.get("message");

  // Next.js keeps useSearchParams in step with history.replaceState/pushState, but a
  // render later; changes are computed from the address bar itself so two quick ones
  // (channel, then status) never overwrite each other. No server round trip is needed.
  const fromAddressBar = () => new URLSearchParams(window.location.search);
  const updateFilters = (patch: Partial<MessageFilters> | null) => {
    const params = fromAddressBar();
    const next = patch ? { ...parseMessageFilters(params), ...patch } : {};
    window.history.replaceState(null, "", `${pathname}${messageFiltersSearch(next, params.get("message"))}`);
  };
  // Opening pushes an entry so Back closes the panel; closing then pops that entry
  // instead of stacking another one. A panel opened from a shared link just drops the id.
  const openedHere = useRef(false);
  const openMessage = (id: string) => {
    window.history.pushState(null, "", `${pathname}${messageFiltersSearch(parseMessageFilters(fromAddressBar()), id)}`);
    openedHere.current = true;
  };
  const closeMessage = () => {
    if (openedHere.current) window.history.back();
    else window.history.replaceState(null, "", `${pathname}${messageFiltersSearch(parseMessageFilters(fromAddressBar()))}`);
    openedHere.current = false;
  };

  const { data, error, isPending, isFetching, isPlaceholderData, fetchNextPage, hasNextPage, isFetchingNextPage, refetch } = useInfiniteQuery({
    queryKey: messageKeys.list(filters),
    queryFn: ({ pageParam, signal }) => messagesApi.list(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: sameFilters(filters, firstPageFilters) ? { pages: [firstPage], pageParams: [null] } : undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    // Queued messages settle within seconds; keep the log current while any is on screen.
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.messages.some((m) => m.status === "queued")) ? 5_000 : false),
  });

  const messages = data?.pages.flatMap((page) => page.messages) ?? [];
  const filtered = countActiveFilters(filters) > 0;
  const selected = messages.find((m) => m.id === openId);

  return (
    <>
      <Card className="overflow-hidden">
        <MessageFiltersBar filters={filters} connectors={connectors} campaignName={campaignName} onChange={updateFilters} />
        {error && !data ? (
          <div className="p-5">
            <Alert title="The message log could not be loaded">
              {error.message}{" "}
              <button type="button" className="font-medium underline underline-offset-2" onClick={() => refetch()}>
                Try again
              </button>
            </Alert>
          </div>
        ) : isPending ? (
          <div className="flex items-center justify-center gap-2 py-20 text-sm text-slate-500">
            <Spinner /> Loading messages…
          </div>
        ) : messages.length === 0 && filtered ? (
          <EmptyState
            icon={SearchIcon}
            title={filters.userId ? `No messages to “${filters.userId}”` : "No messages match these filters"}
            actions={<Button variant="secondary" onClick={() => updateFilters(null)}>Clear filters</Button>}
          >
            {filters.userId
              ? "User ids must match exactly, case included. Copy the id from the user's profile, or widen the other filters."
              : "Nothing was sent with this combination yet. Widen the channel, status or connector to see more."}
          </EmptyState>
        ) : messages.length === 0 ? (
          <EmptyState
            icon={MessagesIcon}
            title="No messages sent yet"
            actions={
              <>
                <ButtonLink href="/connectors">Go to connectors</ButtonLink>
                <ButtonLink href="/settings/channels" variant="secondary">Set up channels</ButtonLink>
              </>
            }
          >
            Live connectors send messages when events arrive. Until a channel has a provider, Cue only records each message here as
            sent, so you can try a flow safely. A test send from channel settings shows up here too.
          </EmptyState>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className={cx("w-full table-fixed text-left", isPlaceholderData && "opacity-60 transition-opacity")} data-testid="message-log">
                <thead>
                  <tr className="border-b border-slate-100 bg-slate-50/60 text-xs font-medium tracking-wide text-slate-500 uppercase">
                    <th scope="col" className="hidden w-36 py-2.5 pr-3 pl-5 font-medium md:table-cell">Created</th>
                    <th scope="col" className="hidden w-[17%] px-3 py-2.5 font-medium md:table-cell">User</th>
                    <th scope="col" className="hidden w-28 px-3 py-2.5 font-medium md:table-cell">Channel</th>
                    <th scope="col" className="py-2.5 pr-3 pl-5 font-medium md:pl-3">Message</th>
                    <th scope="col" className="hidden w-[16%] px-3 py-2.5 font-medium xl:table-cell">Connector</th>
                    <th scope="col" className="w-28 py-2.5 pr-5 pl-3 font-medium">Status</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {messages.map((message) => (
                    <MessageRow
                      key={message.id}
                      message={message}
                      connectors={connectors}
                      href={`${pathname}${messageFiltersSearch(filters, message.id)}`}
                      selected={message.id === openId}
                      onOpen={(m) => openMessage(m.id)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            {error ? (
              <div className="px-5 pb-4">
                <Alert>{error.message}</Alert>
              </div>
            ) : null}
            <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3">
              <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
                {isFetching && !isFetchingNextPage ? <Spinner className="size-3.5 text-slate-400" /> : null}
                Showing {messages.length} {messages.length === 1 ? "message" : "messages"}
                {hasNextPage ? ", newest first" : filtered ? ", all that match" : ", the whole log"}
              </p>
              {hasNextPage ? (
                <Button variant="secondary" size="sm" onClick={() => fetchNextPage()} loading={isFetchingNextPage}>
                  Load more
                </Button>
              ) : null}
            </div>
          </>
        )}
      </Card>
      <MessageDrawer messageId={openId} summary={selected} connectors={connectors} appName={appName} onClose={closeMessage} />
    </>
  );
}
