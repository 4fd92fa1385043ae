import type { Metadata } from "next";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { MessagesIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, THead, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { userHref } from "@/lib/client/paging";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Messages · Cue" };

const STATUS_TONE: Record<string, BadgeTone> = { sent: "success", queued: "brand", failed: "danger", skipped: "neutral" };

export default async function MessagesPage() {
  const { prisma, app } = await currentApp();
  const messages = await prisma.message.findMany({
    where: { appId: app.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, userId: true, channel: true, status: true, title: true, subject: true, body: true, createdAt: true },
  });

  return (
    <>
      <PageHeader
        title="Messages"
        description="Every push notification, email, SMS and webhook Cue sends, with its status, so you can see who received what and why a send failed."
      />
      {messages.length === 0 ? (
        <Card>
          <EmptyState
            icon={MessagesIcon}
            title="No messages sent yet"
            actions={<ButtonLink href="/connectors" variant="secondary">Go to connectors</ButtonLink>}
          >
            Messages are sent by live connectors and campaigns. Until a channel provider is configured, Cue records
            each message here as sent without delivering it, so you can try a flow safely.
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <Table className="table-fixed">
            <THead>
              <tr>
                <Th className="w-[22%]">User</Th>
                <Th className="w-24">Channel</Th>
                <Th>Message</Th>
                <Th className="w-24">Status</Th>
                <Th className="w-32" align="right">Created</Th>
              </tr>
            </THead>
            <TBody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <Td>
                    <Link href={userHref(message.userId)} className="block truncate font-mono text-xs text-slate-600 hover:text-brand-700">
                      {message.userId}
                    </Link>
                  </Td>
                  <Td className="capitalize">{message.channel}</Td>
                  <Td>
                    <span className="block truncate">
                      {message.title || message.subject ? <span className="font-medium text-slate-900">{message.title ?? message.subject} · </span> : null}
                      {message.body}
                    </span>
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONE[message.status] ?? "neutral"}>{message.status}</Badge>
                  </Td>
                  <Td align="right" className="text-slate-500">
                    <RelativeTime value={message.createdAt.toISOString()} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </>
  );
}
