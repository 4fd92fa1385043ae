import type { Metadata } from "next";
import { CampaignsList } from "@/components/campaigns/campaigns-list";
import { ButtonLink } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import type { Campaign } from "@/lib/client/campaigns";
import { listCampaigns } from "@/lib/server/campaigns/campaigns";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Campaigns · Cue" };

export default async function CampaignsPage() {
  const { prisma, app } = await currentApp();
  const { campaigns } = await listCampaigns(prisma, app.id, { limit: 100 });
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="One message to everyone in a segment, now or at a time you pick. Each member is reached once, personalised with their own profile."
        actions={
          <ButtonLink href="/campaigns/new">
            <PlusIcon /> New campaign
          </ButtonLink>
        }
      />
      {/* The service types channel as a plain string; the API contract narrows it. */}
      <CampaignsList initial={campaigns as Campaign[]} />
    </>
  );
}
