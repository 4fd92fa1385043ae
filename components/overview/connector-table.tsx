"use client";

// Connector performance over the range: entered → sent, cancelled, and conversion to
// each connector's goal, which the admin sets here (the goal dialog).
import Link from "next/link";
import { useState } from "react";
import type { ConnectorPerformance } from "@/lib/server/analytics/connector-performance";
import { formatNumber } from "@/lib/client/format";
import { Button, ButtonLink } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ConnectorsIcon } from "../ui/icons";
import { Table, TBody, Td, Th, THead } from "../ui/table";
import { StatusBadge } from "../connectors/status-badge";
import { percent } from "./chart-format";
import { GoalDialog } from "./goal-dialog";

function Conversion({ row }: { row: ConnectorPerformance }) {
  if (!row.goal) return <span className="text-slate-400">—</span>;
  const rate = row.conversionRate ?? 0;
  return (
    <div className="flex items-center justify-end gap-2">
      <div className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        <div className="h-full rounded-full bg-emerald-500" style={{ width: `${Math.min(100, rate * 100)}%` }} />
      </div>
      <span className="w-12 font-semibold text-slate-900">{percent(row.conversionRate)}</span>
    </div>
  );
}

export function ConnectorTable({ connectors, rangeLabel }: { connectors: ConnectorPerformance[]; rangeLabel: string }) {
  const [editing, setEditing] = useState<ConnectorPerformance | null>(null);
  return (
    <Card>
      <CardHeader
        title="Connector performance"
        description={`Users who entered in the last ${rangeLabel}, the messages sent, and how many reached the goal`}
      />
      {connectors.length === 0 ? (
        <EmptyState icon={ConnectorsIcon} title="No connectors yet" actions={<ButtonLink href="/connectors">Create a connector</ButtonLink>}>
          A connector turns an event into a message: a welcome push after sign-up, a reminder for an abandoned cart.
        </EmptyState>
      ) : (
        <Table aria-label="Connector performance">
          <THead>
            <tr>
              <Th>Connector</Th>
              <Th align="right">Entered</Th>
              <Th align="right">Sent</Th>
              <Th align="right">Cancelled</Th>
              <Th>Goal</Th>
              <Th align="right">Conversion</Th>
            </tr>
          </THead>
          <TBody>
            {connectors.map((row) => (
              <tr key={row.id}>
                <Td>
                  <div className="flex items-center gap-2">
                    <Link href={`/connectors/${row.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {row.name}
                    </Link>
                    <StatusBadge status={row.status} />
                  </div>
                  {row.experiments.map((summary) => (
                    <p key={summary} className="mt-0.5 text-xs text-slate-500" data-testid="experiment-verdict">
                      {summary}
                    </p>
                  ))}
                </Td>
                <Td align="right" className="font-medium text-slate-900">
                  {formatNumber(row.entered)}
                </Td>
                <Td align="right">{formatNumber(row.sent)}</Td>
                <Td align="right">{formatNumber(row.cancelled)}</Td>
                <Td>
                  <Button variant="ghost" size="sm" className="-ml-2 font-mono" onClick={() => setEditing(row)}>
                    {row.goal ? `${row.goal.event} · ${row.goal.withinHours} h` : <span className="font-sans text-brand-600">Set goal</span>}
                  </Button>
                </Td>
                <Td align="right" title={row.goal ? `${formatNumber(row.converted ?? 0)} of ${formatNumber(row.entered)} converted` : undefined}>
                  <Conversion row={row} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      {editing ? <GoalDialog connector={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
