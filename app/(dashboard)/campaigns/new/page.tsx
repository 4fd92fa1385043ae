import type { Metadata } from "next";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New campaign · Cue" };

export default async function NewCampaignPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { prisma, app } = await currentApp();
  const { segment } = await searchParams;
  const segments = await prisma.segment.findMany({
    where: { appId: app.id },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
  return (
    <>
      <PageHeader
        eyebrow={
          <BackLink href="/campaigns">Campaigns</BackLink>
        }
        title="New campaign"
        description="Send one message to every member of a segment. Each member gets it once, rendered with their own profile."
      />
      <CampaignForm
        segments={segments.map((s) => ({ id: s.id, name: s.name, members: s._count.members }))}
        initialSegment={typeof segment === "string" ? segment : undefined}
        appName={app.name}
      />
    </>
  );
}
