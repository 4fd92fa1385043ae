"use client";

// A segment's members: search (user id, email, name), paging, and for manual segments
// adding, removing and importing.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatNumber } from "@/lib/client/format";
import { userHref } from "@/lib/client/paging";
import { MEMBERS_PAGE_SIZE, segmentKeys, segmentsApi, type SegmentKind, type SegmentMember } from "@/lib/client/segments";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { TrashIcon } from "../connectors/node-icons";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { EmptyState } from "../ui/empty-state";
import { PlusIcon, SearchIcon, UsersIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { DateTime } from "../ui/time";
import { AddMembersDialog } from "./add-members-dialog";
import { CsvImportDialog } from "./csv-import-dialog";
import { UploadIcon } from "./segment-icons";
import { SearchField } from "../ui/search-field";
import { Pager } from "../ui/pager";

function MemberRow({ member, onRemove, removing }: { member: SegmentMember; onRemove?: () => void; removing: boolean }) {
  return (
    <tr className="group hover:bg-slate-50/80" data-testid="member-row">
      <td className="py-3 pr-3 pl-5">
        <Link href={userHref(member.userId)} className="block min-w-0">
          {member.name ? (
            <>
              <span className="block truncate text-sm font-medium text-slate-900 group-hover:text-brand-700">{member.name}</span>
              <span className="block truncate font-mono text-xs text-slate-500">{member.userId}</span>
            </>
          ) : (
            <span className="block truncate font-mono text-[13px] font-medium text-slate-900 group-hover:text-brand-700">{member.userId}</span>
          )}
        </Link>
      </td>
      <td className="hidden px-3 py-3 text-sm text-slate-600 md:table-cell">
        <span className="block truncate">{member.email ?? <span className="text-slate-300">—</span>}</span>
      </td>
      <td className="px-3 py-3 text-right text-sm whitespace-nowrap text-slate-500">
        <DateTime value={member.addedAt} />
      </td>
      <td className="w-14 py-3 pr-4 text-right">
        {onRemove ? (
          <button
            type="button"
            onClick={onRemove}
            disabled={removing}
            className="inline-flex size-8 items-center justify-center rounded-md text-slate-400 opacity-0 group-hover:opacity-100 hover:bg-white hover:text-red-600 focus-visible:opacity-100 disabled:opacity-40"
            aria-label={`Remove ${member.userId}`}
          >
            <TrashIcon className="size-4" />
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function SegmentMembers({ segmentId, kind }: { segmentId: string; kind: SegmentKind }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const [dialog, setDialog] = useState<"add" | "import" | null>(null);
  const q = useDebouncedValue(search.trim(), 250);
  const [lastQ, setLastQ] = useState(q);
  if (q !== lastQ) {
    setLastQ(q);
    setPage(0);
  }
  const params = { q, offset: page * MEMBERS_PAGE_SIZE };
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useQuery({
    queryKey: segmentKeys.members(segmentId, params),
    queryFn: ({ signal }) => segmentsApi.members(segmentId, params, signal),
    placeholderData: keepPreviousData,
  });
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
    router.refresh();
  };
  const remove = useMutation({ mutationFn: (userId: string) => segmentsApi.removeMembers(segmentId, [userId]), onSuccess: changed });

  const manual = kind === "manual";
  const total = data?.total ?? 0;

  return (
    <Card className="overflow-hidden">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex flex-1 items-center gap-3">
          <SearchField
            id="member-search"
            label="Search members"
            value={search}
            onValueChange={setSearch}
            placeholder="Search by user id, email or name"
            className="sm:max-w-xs"
          />
          <span className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-500" aria-live="polite">
            {isFetching ? <Spinner className="text-slate-400" /> : null}
            {data ? `${formatNumber(total)} ${total === 1 ? "member" : "members"}${q ? ` matching “${q}”` : ""}` : null}
          </span>
        </div>
        {manual ? (
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => setDialog("import")}>
              <UploadIcon /> Import CSV
            </Button>
            <Button size="sm" onClick={() => setDialog("add")}>
              <PlusIcon /> Add members
            </Button>
          </div>
        ) : null}
      </div>

      {remove.error ? (
        <div className="px-5 pt-4">
          <Alert>{remove.error.message}</Alert>
        </div>
      ) : null}
      {error ? (
        <div className="p-5">
          <Alert title="The members could not be loaded">
            {error.message}{" "}
            <button type="button" className="font-medium underline underline-offset-2" onClick={() => refetch()}>
              Try again
            </button>
          </Alert>
        </div>
      ) : isPending ? (
        <div className="flex items-center justify-center gap-2 py-20 text-sm text-slate-500">
          <Spinner /> Loading members…
        </div>
      ) : total === 0 && q ? (
        <EmptyState icon={SearchIcon} title="No members match your search" actions={<Button variant="secondary" onClick={() => setSearch("")}>Clear search</Button>}>
          Search looks at user ids, email addresses and names.
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState icon={UsersIcon} title="No members yet">
          {manual
            ? "Add user ids by hand, import a CSV file, or let a connector’s “Add to segment” action fill this segment."
            : "Nobody matches the rule right now. Members appear as soon as users do what the rule describes; the segment refreshes every minute."}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className={cx("w-full table-fixed text-left", isPlaceholderData && "opacity-60 transition-opacity")}>
              <thead>
                <tr className="border-b border-slate-100 bg-slate-50/60 text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <th scope="col" className="py-2.5 pr-3 pl-5 font-medium">User</th>
                  <th scope="col" className="hidden w-[30%] px-3 py-2.5 font-medium md:table-cell">Email</th>
                  <th scope="col" className="w-48 px-3 py-2.5 text-right font-medium">Added</th>
                  <th scope="col" className="w-14 py-2.5 pr-4">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.members.map((member) => (
                  <MemberRow
                    key={member.userId}
                    member={member}
                    removing={remove.isPending && remove.variables === member.userId}
                    onRemove={manual ? () => remove.mutate(member.userId) : undefined}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={MEMBERS_PAGE_SIZE} total={total} onPage={setPage} />
        </>
      )}
      {manual ? (
        <>
          <AddMembersDialog segmentId={segmentId} open={dialog === "add"} onClose={() => setDialog(null)} onAdded={changed} />
          <CsvImportDialog segmentId={segmentId} open={dialog === "import"} onClose={() => setDialog(null)} onImported={changed} />
        </>
      ) : null}
    </Card>
  );
}
