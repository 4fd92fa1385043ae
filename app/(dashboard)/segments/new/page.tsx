import type { Metadata } from "next";
import Link from "next/link";
import { SegmentForm } from "@/components/segments/segment-form";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New segment · Cue" };

export default async function NewSegmentPage() {
  await currentApp();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/segments" className="inline-flex items-center gap-1.5 hover:text-slate-700">
            <ArrowLeftIcon className="size-4" /> Segments
          </Link>
        }
        title="New segment"
        description="Describe who belongs. The preview counts matching users as you type."
      />
      <SegmentForm />
    </>
  );
}
