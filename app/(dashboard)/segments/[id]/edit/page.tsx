import type { Metadata } from "next";
import { SegmentForm } from "@/components/segments/segment-form";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { segmentHref } from "@/lib/client/segments";
import { loadSegment } from "../load-segment";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit segment · Cue" };

export default async function EditSegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const segment = await loadSegment((await params).id);
  return (
    <>
      <PageHeader
        eyebrow={
          <BackLink href={segmentHref(segment.id)}>{segment.name}</BackLink>
        }
        title={segment.kind === "dynamic" ? "Edit segment" : "Rename segment"}
        description={segment.kind === "dynamic" ? "Saving a new rule recomputes the members at once." : undefined}
      />
      <SegmentForm segment={segment} />
    </>
  );
}
