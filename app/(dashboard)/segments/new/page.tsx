import type { Metadata } from "next";
import { SegmentForm } from "@/components/segments/segment-form";
import { BackLink } from "@/components/ui/back-link";
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
          <BackLink href="/segments">Segments</BackLink>
        }
        title="New segment"
        description="Describe who belongs. The preview counts matching users as you type."
      />
      <SegmentForm />
    </>
  );
}
