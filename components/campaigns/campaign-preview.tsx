"use client";

// The form's live preview: the draft rendered on the server (POST /api/v1/campaigns/preview)
// for a real member of the chosen segment, as the send will render it, shown the way
// the channel shows it. Re-renders once typing pauses.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { campaignKeys, campaignsApi, type CampaignDraft, type CampaignPreview as Preview } from "@/lib/client/campaigns";
import type { MessageChannel } from "@/lib/client/messages";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { EmailFrame } from "../templates/email-frame";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { Spinner } from "../ui/spinner";

type Draft = Omit<CampaignDraft, "name" | "sendAt">;

function Empty({ children }: { children: string }) {
  return <span className="text-slate-400 italic">{children}</span>;
}

function Rendered({ channel, content, appName }: { channel: MessageChannel; content: Preview["content"]; appName: string }) {
  const body = content.body ? content.body : <Empty>Write the message</Empty>;
  switch (channel) {
    case "push":
      return (
        <div className="rounded-2xl bg-white/90 p-3.5 shadow-md ring-1 ring-slate-200">
          <div className="mb-1.5 flex items-center gap-2 text-[11px] font-medium tracking-wide text-slate-500 uppercase">
            <span className="size-4 rounded bg-brand-600" aria-hidden="true" />
            {appName} · now
          </div>
          <p className="text-sm font-semibold text-slate-900" data-testid="preview-title">
            {content.title || <Empty>No title</Empty>}
          </p>
          <p className="mt-0.5 text-sm whitespace-pre-line text-slate-700" data-testid="preview-body">
            {body}
          </p>
          {content.url ? <p className="mt-2 truncate text-xs text-brand-700">{content.url}</p> : null}
        </div>
      );
    case "email":
      return (
        <div className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
          <div className="border-b border-slate-100 bg-slate-50 px-4 py-2.5">
            <p className="text-xs text-slate-500">Subject</p>
            <p className="text-sm font-semibold text-slate-900" data-testid="preview-subject">
              {content.subject || <Empty>No subject</Empty>}
            </p>
          </div>
          {/* A markdown or MJML template comes with its HTML, drawn as the inbox will. */}
          {content.html ? (
            <div className="bg-slate-100 p-3">
              <EmailFrame html={content.html} width="desktop" />
            </div>
          ) : (
            <p className="px-4 py-3 text-sm leading-6 whitespace-pre-line text-slate-700" data-testid="preview-body">
              {body}
            </p>
          )}
        </div>
      );
    case "sms":
      return (
        <div className="flex">
          <p className="max-w-[85%] rounded-2xl rounded-bl-md bg-slate-200/80 px-3.5 py-2 text-sm whitespace-pre-line text-slate-900" data-testid="preview-body">
            {body}
          </p>
        </div>
      );
    case "webhook":
      return (
        <div className="space-y-2">
          <p className="truncate font-mono text-xs text-slate-500">POST {content.url || "the webhook channel's URL"}</p>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 px-3.5 py-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100" data-testid="preview-body">
            {content.body || "…"}
          </pre>
        </div>
      );
  }
}

export function CampaignPreview({ draft, appName }: { draft: Draft | null; appName: string }) {
  const settled = useDebouncedValue(draft, 300);
  const { data, error, isFetching } = useQuery({
    queryKey: campaignKeys.preview(settled ?? { segment: "", channel: "push", body: "" }),
    queryFn: ({ signal }) => campaignsApi.preview(settled!, signal),
    enabled: settled !== null && settled.segment !== "",
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const channel = draft?.channel ?? "push";

  return (
    <Card className="overflow-hidden" data-testid="campaign-preview">
      <CardHeader
        title="Preview"
        description={
          data?.member ? (
            <span data-testid="preview-member">
              For <span className="font-medium text-slate-700">{data.member.name ?? data.member.userId}</span>
              {data.member.name ? <span className="font-mono text-xs"> ({data.member.userId})</span> : null}, a member of {data.segment.name}
            </span>
          ) : data && !data.member ? (
            `${data.segment.name} has no members yet: showing a sample person`
          ) : (
            "Rendered for a real member of the segment"
          )
        }
        actions={isFetching ? <Spinner className="text-slate-400" label="Rendering" /> : <ChannelTile channel={channel} />}
      />
      <div className="space-y-3 bg-gradient-to-b from-slate-50 to-slate-100/70 px-5 py-5">
        {!draft?.segment ? (
          <p className="py-8 text-center text-sm text-slate-500">Pick a segment to see the message as one of its members will.</p>
        ) : error ? (
          <Alert>{error.message}</Alert>
        ) : data ? (
          <>
            <Rendered channel={channel} content={data.content} appName={appName} />
            {data.unreachable ? (
              <Alert tone="warning">
                {data.unreachable}: this member would get a skipped {CHANNEL_META[channel].noun}.
              </Alert>
            ) : null}
            {data.problems.length ? (
              <ul className="space-y-1 text-xs text-red-600" data-testid="preview-problems">
                {data.problems.map((p) => (
                  <li key={p.path}>
                    <span className="font-medium capitalize">{p.path}</span>: {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <div className="flex justify-center py-8">
            <Spinner className="text-slate-400" />
          </div>
        )}
      </div>
    </Card>
  );
}
