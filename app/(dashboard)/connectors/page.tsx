import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ConnectorsIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, THead, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connectors · Cue" };

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: "Live", tone: "success" },
  paused: { label: "Paused", tone: "warning" },
  draft: { label: "Draft", tone: "neutral" },
};

const IDEAS = [
  { title: "Cart abandonment", text: "ADDTOCART, wait 24 h, stop if PURCHASE happens, then send a reminder." },
  { title: "Welcome", text: "SIGNUP sends “Welcome aboard, {{ event.data.name }}” right away." },
  { title: "Back in stock", text: "NOTIFY_ME joins a waitlist segment; PRODUCT_RESTOCKED messages it." },
];

export default async function ConnectorsPage() {
  const { prisma, app } = await currentApp();
  const connectors = await prisma.connector.findMany({
    where: { appId: app.id, deletedAt: null },
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, status: true, version: true, updatedAt: true },
  });

  return (
    <>
      <PageHeader
        title="Connectors"
        description="Connectors turn events into the right message at the right time. Each one is a flow: a trigger event, then delays, conditions, cancellations and messages."
      />
      {connectors.length === 0 ? (
        <Card>
          <EmptyState
            icon={ConnectorsIcon}
            title="No connectors yet"
            actions={<ButtonLink href="/overview" variant="secondary">See the events you receive</ButtonLink>}
          >
            Start from an event your app already sends. A connector listens for it, waits if you want it to, checks
            what the user did next, and sends a push, email or SMS, or adds the user to a segment.
          </EmptyState>
          <div className="grid grid-cols-1 gap-px overflow-hidden rounded-b-xl border-t border-slate-100 bg-slate-100 sm:grid-cols-3">
            {IDEAS.map((idea) => (
              <div key={idea.title} className="bg-white px-5 py-4">
                <p className="text-sm font-medium text-slate-900">{idea.title}</p>
                <p className="mt-1 text-sm leading-6 text-slate-500">{idea.text}</p>
              </div>
            ))}
          </div>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Status</Th>
                <Th align="right">Version</Th>
                <Th align="right">Updated</Th>
              </tr>
            </THead>
            <TBody>
              {connectors.map((connector) => (
                <tr key={connector.id}>
                  <Td className="font-medium text-slate-900">{connector.name}</Td>
                  <Td>
                    <Badge tone={STATUS[connector.status]?.tone ?? "neutral"}>{STATUS[connector.status]?.label ?? connector.status}</Badge>
                  </Td>
                  <Td align="right">{connector.version ? `v${connector.version}` : "—"}</Td>
                  <Td align="right" className="text-slate-500">
                    <RelativeTime value={connector.updatedAt.toISOString()} />
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
