import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { MessageLog } from "@/components/messages/message-log";
import { MESSAGES_PAGE_SIZE, type MessagesPage } from "@/lib/client/messages";
import { parseMessageFilters } from "@/lib/client/message-filters";
import { listMessages } from "@/lib/server/messages";
import { currentApp } from "../current-app";
import { loadConnectorNames } from "./connector-names";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Messages · Cue" };

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { prisma, app } = await currentApp();
  const filters = parseMessageFilters(await searchParams);
  // The first page is rendered here so the log shows at once; later pages and other filters load in the browser.
  const [firstPage, connectors, campaign] = await Promise.all([
    listMessages(prisma, app.id, { ...filters, limit: MESSAGES_PAGE_SIZE }),
    loadConnectorNames(prisma, app.id),
    filters.campaignId ? prisma.campaign.findFirst({ where: { id: filters.campaignId, appId: app.id }, select: { name: true } }) : null,
  ]);

  return (
    <>
      <PageHeader
        title="Messages"
        description="Every push notification, email, SMS and webhook Cue sends: who got what, through which connector, and why a send failed."
        actions={
          <ButtonLink href="/settings/channels" variant="secondary">
            Channel settings
          </ButtonLink>
        }
      />
      {/* The service types channel and status as plain strings; the API contract narrows them. */}
      <MessageLog
        firstPage={firstPage as MessagesPage}
        firstPageFilters={filters}
        connectors={connectors}
        campaignName={campaign?.name}
        appName={app.name}
      />
    </>
  );
}
