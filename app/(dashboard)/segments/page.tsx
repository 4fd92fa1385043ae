import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SegmentsIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, THead, Td, Th } from "@/components/ui/table";
import { DateTime } from "@/components/ui/time";
import { formatNumber } from "@/lib/client/format";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Segments · Cue" };

export default async function SegmentsPage() {
  const { prisma, app } = await currentApp();
  const segments = await prisma.segment.findMany({
    where: { appId: app.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, createdAt: true, _count: { select: { members: true } } },
  });

  return (
    <>
      <PageHeader
        title="Segments"
        description="Named groups of users, such as “Waitlist sneakers” or “VIP customers”. Connectors add and remove people as events happen, and you can message a whole segment at once."
      />
      {segments.length === 0 ? (
        <Card>
          <EmptyState
            icon={SegmentsIcon}
            title="No segments yet"
            actions={<ButtonLink href="/users" variant="secondary">Browse users</ButtonLink>}
          >
            A segment is created the first time a connector adds someone to it, for example everyone who asked to be
            notified when a product is back in stock. Each one lists its members and can receive a one-off campaign.
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Kind</Th>
                <Th align="right">Members</Th>
                <Th align="right">Created</Th>
              </tr>
            </THead>
            <TBody>
              {segments.map((segment) => (
                <tr key={segment.id}>
                  <Td className="font-medium text-slate-900">{segment.name}</Td>
                  <Td>
                    <Badge tone={segment.kind === "dynamic" ? "brand" : "neutral"}>{segment.kind}</Badge>
                  </Td>
                  <Td align="right">{formatNumber(segment._count.members)}</Td>
                  <Td align="right" className="text-slate-500">
                    <DateTime value={segment.createdAt.toISOString()} dateOnly />
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
