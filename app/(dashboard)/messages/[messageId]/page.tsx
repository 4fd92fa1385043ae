import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChannelTile, MessageStatusBadge, messageHeadline } from "@/components/messages/channel-meta";
import { MessageDetailView } from "@/components/messages/message-detail";
import { BackLink } from "@/components/ui/back-link";
import { DateTime } from "@/components/ui/time";
import type { MessageDetail } from "@/lib/client/messages";
import { ApiError } from "@/lib/server/api/errors";
import { getMessage } from "@/lib/server/messages";
import { currentApp } from "../../current-app";
import { loadConnectorNames } from "../connector-names";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Message · Cue" };

type Props = { params: Promise<{ messageId: string }> };

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function loadMessage(prisma: Awaited<ReturnType<typeof currentApp>>["prisma"], appId: string, id: string) {
  try {
    // The service types channel, status and event data loosely; the API contract narrows them.
    return (await getMessage(prisma, appId, id)) as MessageDetail;
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function MessagePage({ params }: Props) {
  const { prisma, app } = await currentApp();
  const { messageId } = await params;
  const id = safeDecode(messageId);
  const message = await loadMessage(prisma, app.id, id);
  const connectors = message.connectorId ? await loadConnectorNames(prisma, app.id, [message.connectorId]) : [];

  return (
    <>
      <BackLink href="/messages" className="mb-5">Messages</BackLink>
      <header className="mb-8 flex items-start gap-4">
        <ChannelTile channel={message.channel} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{messageHeadline(message)}</h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
            <MessageStatusBadge status={message.status} />
            <span>
              Created <DateTime value={message.createdAt} />
            </span>
          </div>
        </div>
      </header>
      <MessageDetailView id={message.id} initialData={message} connectors={connectors} appName={app.name} layout="page" />
    </>
  );
}
