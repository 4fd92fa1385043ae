"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChannelBreakdown } from "@/lib/server/analytics/message-breakdown";
import { formatNumber } from "@/lib/client/format";
import { Card, CardHeader } from "../ui/card";
import { compactNumber } from "./chart-format";

// Delivered first, then what is still on its way, then what did not go out.
const STATUSES = [
  { key: "sent", label: "Sent", color: "#10b981" },
  { key: "queued", label: "Queued", color: "#93b1fd" },
  { key: "skipped", label: "Skipped", color: "#cbd5e1" },
  { key: "failed", label: "Failed", color: "#ef4444" },
] as const;

const CHANNEL_LABELS: Record<string, string> = { push: "Push", email: "Email", sms: "SMS", webhook: "Webhook" };

export function MessagesChart({ channels, rangeLabel }: { channels: ChannelBreakdown[]; rangeLabel: string }) {
  const total = channels.reduce((sum, c) => sum + c.total, 0);
  const rows = channels.map((c) => ({ channel: CHANNEL_LABELS[c.channel] ?? c.channel, ...c.byStatus }));
  return (
    <Card>
      <CardHeader
        title="Messages"
        description={`By channel and outcome, last ${rangeLabel}`}
        actions={<p className="text-lg font-semibold text-slate-900 tabular-nums">{formatNumber(total)}</p>}
      />
      <div className="h-56 px-2 pt-3 pb-3" data-testid="messages-chart">
        {total === 0 ? (
          <p className="flex h-full items-center justify-center px-6 text-center text-sm text-slate-500">
            No messages in this range. Publish a connector and they appear here as they go out.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }} barCategoryGap={10}>
              <CartesianGrid stroke="#f1f5f9" horizontal={false} />
              <XAxis type="number" tickFormatter={compactNumber} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} allowDecimals={false} />
              <YAxis type="category" dataKey="channel" tick={{ fontSize: 12, fill: "#334155" }} tickLine={false} axisLine={false} width={64} />
              <Tooltip formatter={(value) => Number(value).toLocaleString("en-US")} cursor={{ fill: "#f8fafc" }} contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 12 }} />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              {STATUSES.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} stackId="status" fill={s.color} isAnimationActive={false} maxBarSize={22} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
