import type { Metadata } from "next";
import Link from "next/link";
import { SegmentForm } from "@/components/segments/segment-form";
import { ArrowLeftIcon } from "@/components/ui/icons";
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
          <Link href={segmentHref(segment.id)} className="inline-flex items-center gap-1.5 hover:text-slate-700">
            <ArrowLeftIcon className="size-4" /> {segment.name}
          </Link>
        }
        title={segment.kind === "dynamic" ? "Edit segment" : "Rename segment"}
        description={segment.kind === "dynamic" ? "Saving a new rule recomputes the members at once." : undefined}
      />
      <SegmentForm segment={segment} />
    </>
  );
}
