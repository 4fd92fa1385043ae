"use client";

// "1,204 users match right now": the rule being edited, counted by the server as the
// segment would be, once it is valid and has stopped changing for a moment.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { SegmentRule } from "@/lib/engine/segment-rule";
import { formatNumber } from "@/lib/client/format";
import { userHref } from "@/lib/client/paging";
import { segmentKeys, segmentsApi } from "@/lib/client/segments";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Spinner } from "../ui/spinner";

export function RulePreview({ rule }: { rule: SegmentRule | null }) {
  const settled = useDebouncedValue(rule, 400);
  const preview = useQuery({
    queryKey: segmentKeys.preview(settled),
    queryFn: ({ signal }) => segmentsApi.preview(settled, signal),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
  });

  return (
    <Card className="lg:sticky lg:top-6">
      <CardHeader title="Preview" description="Who matches right now" actions={preview.isFetching ? <Spinner className="text-slate-400" /> : null} />
      <CardBody className="space-y-4">
        {rule === null ? (
          <p className="text-sm text-slate-500">Complete the conditions to see how many users match.</p>
        ) : preview.error ? (
          <p className="text-sm text-red-600">{preview.error.message}</p>
        ) : preview.data ? (
          <>
            <div>
              <p className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="preview-count">
                {formatNumber(preview.data.count)}
              </p>
              <p className="text-sm text-slate-500">{preview.data.count === 1 ? "user matches" : "users match"}</p>
            </div>
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-[13px] leading-5 text-slate-600 ring-1 ring-slate-200/70">{preview.data.description}</p>
            {preview.data.sample.length > 0 ? (
              <div>
                <p className="mb-1.5 text-xs font-semibold tracking-wider text-slate-500 uppercase">Recently active</p>
                <ul className="divide-y divide-slate-100">
                  {preview.data.sample.map((user) => (
                    <li key={user.userId} className="py-1.5">
                      <Link href={userHref(user.userId)} className="block truncate text-sm text-slate-700 hover:text-brand-700">
                        {user.name || user.email || <span className="font-mono text-[13px]">{user.userId}</span>}
                        {user.name || user.email ? <span className="ml-2 font-mono text-xs text-slate-400">{user.userId}</span> : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        ) : (
          <div className="flex items-center gap-2 text-sm text-slate-500">
            <Spinner /> Counting…
          </div>
        )}
      </CardBody>
    </Card>
  );
}
