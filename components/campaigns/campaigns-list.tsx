"use client";

// Every campaign with its status and progress, newest first. Polls while any campaign
// is scheduled, sending or has messages waiting, so progress moves on screen.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { campaignKeys, campaignsApi, isLive, type Campaign } from "@/lib/client/campaigns";
import { formatNumber } from "@/lib/client/format";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Alert } from "../ui/alert";
import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { PlusIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { TBody, THead, Table, Td, Th } from "../ui/table";
import { DateTime } from "../ui/time";
import { CampaignsIcon } from "./campaign-icon";
import { ProgressBar } from "./campaign-progress";
import { CampaignStatusBadge } from "./campaign-status-badge";

function Row({ campaign }: { campaign: Campaign }) {
  const { progress } = campaign;
  const recorded = progress.sent + progress.queued + progress.held + progress.skipped + progress.failed;
  return (
    <tr className="hover:bg-slate-50/70" data-testid="campaign-row">
      <Td>
        <div className="flex items-center gap-3">
          <ChannelTile channel={campaign.channel} />
          <div className="min-w-0">
            <Link href={`/campaigns/${campaign.id}`} className="font-medium text-slate-900 hover:text-brand-700">
              {campaign.name}
            </Link>
            <p className="truncate text-xs text-slate-500">
              {CHANNEL_META[campaign.channel].label} to {campaign.segmentName}
            </p>
          </div>
        </div>
      </Td>
      <Td>
        <CampaignStatusBadge status={campaign.status} />
      </Td>
      <Td className="w-72">
        <ProgressBar progress={progress} />
        <p className="mt-1.5 text-xs text-slate-500 tabular-nums">
          {formatNumber(progress.sent)} sent · {formatNumber(recorded)} of {formatNumber(progress.recipients)} recorded
          {progress.held ? ` · ${formatNumber(progress.held)} held` : ""}
          {progress.skipped ? ` · ${formatNumber(progress.skipped)} skipped` : ""}
          {progress.failed ? ` · ${formatNumber(progress.failed)} failed` : ""}
        </p>
      </Td>
      <Td align="right" className="whitespace-nowrap text-slate-500">
        <DateTime value={campaign.sendAt} />
      </Td>
    </tr>
  );
}

export function CampaignsList({ initial }: { initial: Campaign[] }) {
  const { data, error, isFetching } = useQuery({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => campaignsApi.list(signal),
    initialData: { campaigns: initial, nextCursor: null },
    refetchInterval: (query) => (query.state.data?.campaigns.some(isLive) ? 2_000 : false),
  });
  const campaigns = data.campaigns;

  if (campaigns.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={CampaignsIcon}
          title="No campaigns yet"
          actions={
            <ButtonLink href="/campaigns/new">
              <PlusIcon /> New campaign
            </ButtonLink>
          }
        >
          A campaign sends one message to everyone in a segment, right away or at a time you pick: a product back in stock for
          its waitlist, news for your VIP customers.
        </EmptyState>
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      {error ? <Alert>The list could not be refreshed: {error.message}</Alert> : null}
      <Card className="overflow-hidden">
        <Table>
          <THead>
            <tr>
              <Th>Campaign</Th>
              <Th>Status</Th>
              <Th>
                <span className="inline-flex items-center gap-2">Progress {isFetching ? <Spinner className="size-3" /> : null}</span>
              </Th>
              <Th align="right">Send time</Th>
            </tr>
          </THead>
          <TBody>
            {campaigns.map((campaign) => (
              <Row key={campaign.id} campaign={campaign} />
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
