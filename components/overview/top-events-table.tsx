import type { TopEvent } from "@/lib/server/analytics/top-events";
import { formatNumber } from "@/lib/client/format";
import { Card, CardHeader } from "../ui/card";
import { Table, TBody, Td, Th, THead } from "../ui/table";
import { EventName } from "../users/event-name";
import { ChangeBadge } from "./change-badge";

export function TopEventsTable({ events, rangeLabel }: { events: TopEvent[]; rangeLabel: string }) {
  const max = Math.max(1, ...events.map((e) => e.count));
  return (
    <Card>
      <CardHeader title="Top events" description={`Most frequent over the last ${rangeLabel}, against the ${rangeLabel} before`} />
      {events.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-500">No events in this range.</p>
      ) : (
        <Table aria-label="Top events">
          <THead>
            <tr>
              <Th>Event</Th>
              <Th align="right">Count</Th>
              <Th align="right">Change</Th>
            </tr>
          </THead>
          <TBody>
            {events.map((row) => (
              <tr key={row.event}>
                <Td className="w-full max-w-0">
                  <EventName name={row.event} />
                  <div className="mt-1.5 h-1 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                    <div className="h-full rounded-full bg-brand-500/70" style={{ width: `${(row.count / max) * 100}%` }} />
                  </div>
                </Td>
                <Td align="right" className="font-medium text-slate-900">
                  {formatNumber(row.count)}
                </Td>
                <Td align="right" className="whitespace-nowrap">
                  <ChangeBadge change={row.change} />
                  {row.previous > 0 ? <div className="text-[11px] text-slate-400 tabular-nums">was {formatNumber(row.previous)}</div> : null}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
