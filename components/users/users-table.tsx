"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { apiFetch, withQuery } from "@/lib/client/api";
import { formatNumber, formatValue } from "@/lib/client/format";
import { USERS_PAGE_SIZE, userHref } from "@/lib/client/paging";
import { queryKeys } from "@/lib/client/query-keys";
import type { UserRecord, UsersResponse } from "@/lib/client/types";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { SearchIcon, UsersIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { DateTime, RelativeTime } from "../ui/time";
import { cx } from "../ui/cx";
import { SearchField } from "../ui/search-field";
import { Pager } from "../ui/pager";


/** Keeps the search and page in the address bar, so reload and Back return to the same list. */
function syncUrl(q: string, page: number) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 0) params.set("page", String(page + 1));
  const search = params.toString();
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

function AttributeChips({ attributes }: { attributes: Record<string, unknown> }) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return <span className="text-slate-300">—</span>;
  const shown = entries.slice(0, 2);
  return (
    <span className="flex min-w-0 flex-wrap gap-1">
      {shown.map(([key, value]) => (
        <span key={key} className="inline-flex max-w-40 items-center rounded-md bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
          <span className="text-slate-400">{key}:</span>
          <span className="ml-1 truncate">{formatValue(value)}</span>
        </span>
      ))}
      {entries.length > shown.length ? (
        <span className="rounded-md px-1 py-0.5 text-xs text-slate-400">+{entries.length - shown.length}</span>
      ) : null}
    </span>
  );
}

function UserRow({ user }: { user: UserRecord }) {
  const href = userHref(user.userId);
  return (
    <tr className="group relative hover:bg-slate-50/80">
      <td className="py-3 pr-3 pl-5">
        <Link href={href} className="block min-w-0 focus-visible:outline-none">
          {/* The link's box covers the whole row, so any click on it opens the profile. */}
          <span className="absolute inset-0 group-has-focus-visible:ring-2 group-has-focus-visible:ring-brand-500 group-has-focus-visible:ring-inset" aria-hidden="true" />
          {user.name || user.email ? (
            <>
              <span className="block truncate text-sm font-medium text-slate-900 group-hover:text-brand-700">
                {user.name || user.email}
              </span>
              <span className="block truncate font-mono text-xs text-slate-500">{user.userId}</span>
            </>
          ) : (
            <span className="block truncate font-mono text-[13px] font-medium text-slate-900 group-hover:text-brand-700">
              {user.userId}
            </span>
          )}
        </Link>
      </td>
      <td className="hidden px-3 py-3 text-sm text-slate-600 md:table-cell">
        <span className="block max-w-56 truncate">{user.email ?? <span className="text-slate-300">—</span>}</span>
      </td>
      <td className="hidden px-3 py-3 text-sm whitespace-nowrap text-slate-600 tabular-nums xl:table-cell">
        {user.phone ?? <span className="text-slate-300">—</span>}
      </td>
      <td className="hidden px-3 py-3 xl:table-cell">
        <AttributeChips attributes={user.attributes} />
      </td>
      <td className="px-3 py-3 text-right text-sm whitespace-nowrap text-slate-600">
        <RelativeTime value={user.lastSeenAt} />
      </td>
      <td className="hidden py-3 pr-5 pl-3 text-right text-sm whitespace-nowrap text-slate-500 sm:table-cell">
        <DateTime value={user.createdAt} dateOnly />
      </td>
    </tr>
  );
}

export function UsersTable({ initialQuery, initialPage }: { initialQuery: string; initialPage: number }) {
  const [search, setSearch] = useState(initialQuery);
  const [page, setPage] = useState(initialPage);
  const q = useDebouncedValue(search.trim(), 250);
  const [lastQ, setLastQ] = useState(q);
  // A new search starts again from the first page.
  if (q !== lastQ) {
    setLastQ(q);
    setPage(0);
  }

  const params = { q, limit: USERS_PAGE_SIZE, offset: page * USERS_PAGE_SIZE };
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useQuery({
    queryKey: queryKeys.users.list(params),
    queryFn: ({ signal }) => apiFetch<UsersResponse>(withQuery("/api/v1/users", params), { signal }),
    placeholderData: keepPreviousData,
  });

  useEffect(() => syncUrl(q, page), [q, page]);

  const total = data?.total ?? 0;

  return (
    <Card className="overflow-hidden">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
        <SearchField
          id="user-search"
          label="Search users"
          value={search}
          onValueChange={setSearch}
          placeholder="Search by user id, email or name"
          className="sm:max-w-sm"
        />
        <div className="flex items-center gap-2 text-sm text-slate-500" aria-live="polite">
          {isFetching ? <Spinner className="text-slate-400" /> : null}
          {data ? (
            <span>
              {total === 0 ? "No users" : `${formatNumber(total)} ${total === 1 ? "user" : "users"}`}
              {q ? ` matching “${q}”` : ""}
            </span>
          ) : null}
        </div>
      </div>

      {error ? (
        <div className="p-5">
          <Alert title="The user list could not be loaded">
            {error.message}{" "}
            <button type="button" className="font-medium underline underline-offset-2" onClick={() => refetch()}>
              Try again
            </button>
          </Alert>
        </div>
      ) : isPending ? (
        <div className="flex items-center justify-center gap-2 py-20 text-sm text-slate-500">
          <Spinner /> Loading users…
        </div>
      ) : total === 0 && q ? (
        <EmptyState icon={SearchIcon} title="No users match your search" actions={<Button variant="secondary" onClick={() => setSearch("")}>Clear search</Button>}>
          Search looks at user ids, email addresses and names. Check the spelling, or try part of the id.
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState icon={UsersIcon} title="No users yet">
          A user appears here the first time your app or server sends an event for them, or when you create the profile
          with <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs whitespace-nowrap text-slate-700">PUT /api/v1/users/&#123;userId&#125;</code>.
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className={cx("w-full table-fixed text-left", isPlaceholderData && "opacity-60 transition-opacity")}>
              <thead>
                <tr className="border-b border-slate-100 bg-slate-50/60 text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <th scope="col" className="py-2.5 pr-3 pl-5 font-medium">User</th>
                  <th scope="col" className="hidden w-[25%] px-3 py-2.5 font-medium md:table-cell">Email</th>
                  <th scope="col" className="hidden w-36 px-3 py-2.5 font-medium xl:table-cell">Phone</th>
                  <th scope="col" className="hidden w-[22%] px-3 py-2.5 font-medium xl:table-cell">Attributes</th>
                  <th scope="col" className="w-32 px-3 py-2.5 text-right font-medium">Last seen</th>
                  <th scope="col" className="hidden w-32 py-2.5 pr-5 pl-3 text-right font-medium sm:table-cell">Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.users.map((user) => (
                  <UserRow key={user.userId} user={user} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={USERS_PAGE_SIZE} total={total} onPage={setPage} />
        </>
      )}
    </Card>
  );
}
