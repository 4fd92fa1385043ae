import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PlusIcon, SegmentsIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, THead, Td, Th } from "@/components/ui/table";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { formatNumber } from "@/lib/client/format";
import { segmentHref } from "@/lib/client/segments";
import { listSegments } from "@/lib/server/segments/segments";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Segments · Cue" };

export default async function SegmentsPage() {
  const { prisma, app } = await currentApp();
  const segments = await listSegments(prisma, app.id);
  const newSegment = (
    <ButtonLink href="/segments/new">
      <PlusIcon /> New segment
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Segments"
        description="Groups of users to target. Dynamic segments follow a rule — what people did and who they are — and stay current on their own; manual segments hold whoever you, a CSV file or a connector put in."
        actions={segments.length > 0 ? newSegment : null}
      />
      {segments.length === 0 ? (
        <Card>
          <EmptyState icon={SegmentsIcon} title="No segments yet" actions={newSegment}>
            Create a dynamic segment such as “bought in the last 30 days”, or a manual one you fill by hand or from a CSV
            file. Connectors also create segments when they add someone to a waitlist.
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <Table className="table-fixed">
            <THead>
              <tr>
                <Th>Name</Th>
                <Th className="w-28">Kind</Th>
                <Th align="right" className="w-28">
                  Members
                </Th>
                <Th align="right" className="hidden w-36 md:table-cell">
                  Refreshed
                </Th>
                <Th align="right" className="hidden w-32 sm:table-cell">
                  Created
                </Th>
              </tr>
            </THead>
            <TBody>
              {segments.map((segment) => (
                <tr key={segment.id} className="group relative hover:bg-slate-50/80" data-testid="segment-row">
                  <Td className="py-3">
                    <Link href={segmentHref(segment.id)} className="block min-w-0 focus-visible:outline-none">
                      <span className="absolute inset-0" aria-hidden="true" />
                      <span className="block truncate font-medium text-slate-900 group-hover:text-brand-700">{segment.name}</span>
                      {segment.description ? <span className="block truncate text-xs text-slate-500">{segment.description}</span> : null}
                    </Link>
                  </Td>
                  <Td>
                    <Badge tone={segment.kind === "dynamic" ? "brand" : "neutral"}>{segment.kind === "dynamic" ? "Dynamic" : "Manual"}</Badge>
                  </Td>
                  <Td align="right" className="font-medium text-slate-900 tabular-nums">
                    {formatNumber(segment.members)}
                  </Td>
                  <Td align="right" className="hidden text-slate-500 md:table-cell">
                    {segment.refreshedAt ? <RelativeTime value={segment.refreshedAt} /> : <span className="text-slate-300">—</span>}
                  </Td>
                  <Td align="right" className="hidden text-slate-500 sm:table-cell">
                    <DateTime value={segment.createdAt} dateOnly />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </>
  );
}
