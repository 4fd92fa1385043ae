import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SegmentActions } from "@/components/segments/segment-actions";
import { SegmentMembers } from "@/components/segments/segment-members";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { formatNumber } from "@/lib/client/format";
import { loadSegment } from "./load-segment";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const segment = await loadSegment((await params).id);
  return { title: `${segment.name} · Segments · Cue` };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="px-5 py-3.5">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm font-medium text-slate-900">{children}</dd>
    </div>
  );
}

export default async function SegmentPage({ params }: Props) {
  const segment = await loadSegment((await params).id);
  return (
    <>
      <PageHeader
        eyebrow={
          <BackLink href="/segments">Segments</BackLink>
        }
        title={segment.name}
        description={
          segment.description
            ? `Users who ${segment.description}.`
            : segment.kind === "manual"
              ? "A manual segment: members are added by hand, from CSV files, through the API or by connectors."
              : undefined
        }
        actions={<SegmentActions segment={segment} />}
      />
      <Card className="mb-6">
        <dl className="grid grid-cols-2 divide-slate-100 sm:grid-cols-4 sm:divide-x">
          <Fact label="Kind">
            <Badge tone={segment.kind === "dynamic" ? "brand" : "neutral"}>{segment.kind === "dynamic" ? "Dynamic" : "Manual"}</Badge>
          </Fact>
          <Fact label="Members">
            <span className="text-lg tabular-nums" data-testid="member-count">
              {formatNumber(segment.members)}
            </span>
          </Fact>
          <Fact label="Refreshed">
            {segment.refreshedAt ? <RelativeTime value={segment.refreshedAt} /> : <span className="text-slate-400">{segment.kind === "manual" ? "Manual" : "Not yet"}</span>}
          </Fact>
          <Fact label="Created">
            <DateTime value={segment.createdAt} dateOnly />
          </Fact>
        </dl>
      </Card>
      <SegmentMembers segmentId={segment.id} kind={segment.kind} />
    </>
  );
}
