"use client";

// One campaign: status, progress (polled while it moves), the message it sends, and
// the way to its messages in the log. Cancel stops the fan-out and withdraws the
// messages still waiting in the outbox.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { campaignKeys, campaignsApi, isLive, type Campaign } from "@/lib/client/campaigns";
import { formatNumber } from "@/lib/client/format";
import { messageFiltersSearch } from "@/lib/client/message-filters";
import { CHANNEL_META, ChannelLabel } from "../messages/channel-meta";
import { Alert } from "../ui/alert";
import { Button, ButtonLink } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Dialog } from "../ui/dialog";
import { MessagesIcon } from "../ui/icons";
import { BackLink } from "../ui/back-link";
import { PageHeader } from "../ui/page-header";
import { DateTime } from "../ui/time";
import { ProgressBar, ProgressLegend } from "./campaign-progress";
import { CampaignStatusBadge } from "./campaign-status-badge";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-100 ring-inset">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{formatNumber(value)}</p>
    </div>
  );
}

const members = (n: number) => `${formatNumber(n)} ${n === 1 ? "member" : "members"}`;

function headline(c: Campaign): string {
  const p = c.progress;
  const recorded = p.sent + p.queued + p.held + p.skipped + p.failed;
  switch (c.status) {
    case "scheduled":
      return `Waiting to send to ${members(p.recipients)} of ${c.segmentName}`;
    case "sending":
      return `Recorded ${formatNumber(recorded)} of ${formatNumber(p.recipients)} messages so far`;
    case "done":
      if (p.queued > 0) return `Every member has a message; ${formatNumber(p.queued)} still being delivered`;
      if (p.held > 0) return `Every member has a message; ${formatNumber(p.held)} held by the delivery policy until they may go`;
      return `Finished: ${formatNumber(p.sent)} sent to ${members(p.recipients)}`;
    case "cancelled":
      return `Cancelled after ${formatNumber(recorded)} of the segment's members`;
  }
}

export function CampaignDetail({ initial }: { initial: Campaign }) {
  const queryClient = useQueryClient();
  const { data: campaign } = useQuery({
    queryKey: campaignKeys.detail(initial.id),
    queryFn: ({ signal }) => campaignsApi.get(initial.id, signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isLive(query.state.data) ? 1_500 : false),
  });
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => campaignsApi.cancel(campaign.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(campaignKeys.detail(campaign.id), updated);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list });
      setConfirming(false);
    },
  });
  const cancellable = campaign.status === "scheduled" || campaign.status === "sending";
  const messagesHref = `/messages${messageFiltersSearch({ campaignId: campaign.id })}`;
  const p = campaign.progress;

  return (
    <>
      <PageHeader
        eyebrow={
          <BackLink href="/campaigns">Campaigns</BackLink>
        }
        title={campaign.name}
        description={headline(campaign)}
        actions={
          <>
            {cancellable ? (
              <Button variant="secondary" onClick={() => setConfirming(true)}>
                Cancel campaign
              </Button>
            ) : null}
            <ButtonLink href={messagesHref}>
              <MessagesIcon /> View messages
            </ButtonLink>
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="Progress" actions={<CampaignStatusBadge status={campaign.status} />} />
            <div className="space-y-5 px-5 py-5">
              <div className="space-y-2.5">
                <ProgressBar progress={p} className="h-3" />
                <ProgressLegend progress={p} />
              </div>
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                <Stat label="Recipients" value={p.recipients} tone="text-slate-900" />
                <Stat label="Sent" value={p.sent} tone="text-emerald-700" />
                <Stat label="Skipped" value={p.skipped} tone="text-slate-600" />
                <Stat label="Failed" value={p.failed} tone={p.failed ? "text-red-600" : "text-slate-600"} />
              </div>
              {p.held > 0 ? (
                <p className="text-sm text-slate-500">
                  Held messages wait for the end of quiet hours or for room under a cap, then go out.{" "}
                  <Link className="font-medium text-brand-700 hover:text-brand-800" href={`/messages${messageFiltersSearch({ campaignId: campaign.id, status: "held" })}`}>
                    See when
                  </Link>
                </p>
              ) : null}
              {p.skipped > 0 ? (
                <p className="text-sm text-slate-500">
                  Skipped messages went to members with no address for this channel, who unsubscribed, or whom the delivery policy refused
                  {campaign.status === "cancelled" ? ", or were withdrawn by the cancel" : ""}.{" "}
                  <Link className="font-medium text-brand-700 hover:text-brand-800" href={`/messages${messageFiltersSearch({ campaignId: campaign.id, status: "skipped" })}`}>
                    See who
                  </Link>
                </p>
              ) : null}
            </div>
          </Card>
          <Card>
            <CardHeader title="Message" description="As written; each member's copy is rendered with their own profile." />
            <dl className="space-y-4 px-5 py-5">
              {campaign.title !== null ? <Fact label="Title">{campaign.title}</Fact> : null}
              {campaign.subject !== null ? <Fact label="Subject">{campaign.subject}</Fact> : null}
              <Fact label={campaign.channel === "webhook" ? "Payload" : "Body"}>
                <pre className="font-sans whitespace-pre-wrap">{campaign.body}</pre>
              </Fact>
              {campaign.url !== null ? <Fact label="URL"><span className="font-mono text-[13px] break-all">{campaign.url}</span></Fact> : null}
            </dl>
          </Card>
        </div>
        <Card>
          <CardHeader title="Details" />
          <dl className="space-y-4 px-5 py-5">
            <Fact label="Segment">
              {campaign.segmentId ? campaign.segmentName : `${campaign.segmentName} (deleted)`}
            </Fact>
            <Fact label="Channel">
              <ChannelLabel channel={campaign.channel} />
            </Fact>
            <Fact label="Topic">
              <code className="font-mono text-[13px]">{campaign.topic}</code>
            </Fact>
            {campaign.ignoreQuietHours || campaign.ignoreCaps ? (
              <Fact label="Delivery policy">
                {campaign.ignoreQuietHours && campaign.ignoreCaps
                  ? "Sends during quiet hours and ignores frequency caps"
                  : campaign.ignoreQuietHours
                    ? "Sends during quiet hours"
                    : "Ignores frequency caps"}
              </Fact>
            ) : null}
            <Fact label={campaign.status === "scheduled" ? "Sends at" : "Send time"}>
              <DateTime value={campaign.sendAt} />
            </Fact>
            {campaign.startedAt ? <Fact label="Started"><DateTime value={campaign.startedAt} /></Fact> : null}
            {campaign.finishedAt ? <Fact label={campaign.status === "cancelled" ? "Cancelled" : "Finished"}><DateTime value={campaign.finishedAt} /></Fact> : null}
            <Fact label="Created">
              <DateTime value={campaign.createdAt} />
            </Fact>
          </dl>
        </Card>
      </div>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        dismissible={!cancel.isPending}
        title="Cancel this campaign?"
        description={`No more members of ${campaign.segmentName} will get this ${CHANNEL_META[campaign.channel].noun}. Messages still waiting to go out are withdrawn; those already sent stay sent.`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={cancel.isPending}>
              Keep sending
            </Button>
            <Button variant="danger" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              Cancel campaign
            </Button>
          </>
        }
      >
        {cancel.error ? <Alert>{cancel.error.message}</Alert> : null}
      </Dialog>
    </>
  );
}
