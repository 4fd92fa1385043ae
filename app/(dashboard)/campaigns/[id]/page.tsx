import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import type { Campaign } from "@/lib/client/campaigns";
import { getCampaign } from "@/lib/server/campaigns/campaigns";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Campaign · Cue" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { prisma, app } = await currentApp();
  const { id } = await params;
  const exists = await prisma.campaign.count({ where: { id, appId: app.id } });
  if (!exists) notFound();
  // The service types channel as a plain string; the API contract narrows it.
  return <CampaignDetail initial={(await getCampaign(prisma, app.id, id)) as Campaign} />;
}
