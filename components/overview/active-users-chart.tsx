"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Point } from "@/lib/server/analytics/chart-range";
import { formatNumber } from "@/lib/client/format";
import { Card, CardHeader } from "../ui/card";
import { bucketLabel, compactNumber, tickLabel } from "./chart-format";

/** Distinct users with app.open per UTC day. */
export function ActiveUsersChart({ points, total }: { points: Point[]; total: number }) {
  const peak = Math.max(0, ...points.map((p) => p.count));
  return (
    <Card>
      <CardHeader
        title="Daily active users"
        description="Distinct users who opened the app (app.open), per UTC day"
        actions={
          <div className="text-right">
            <p className="text-lg font-semibold text-slate-900 tabular-nums">{formatNumber(total)}</p>
            <p className="text-[11px] text-slate-400">
              over {points.length} days · peak {formatNumber(peak)}/day
            </p>
          </div>
        }
      />
      <div className="h-56 px-2 pt-3 pb-3" data-testid="dau-chart">
        {total === 0 ? (
          <p className="flex h-full items-center justify-center px-6 text-center text-sm text-slate-500">
            No app.open events yet. The browser SDK sends one when your app starts; servers can send it too.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <defs>
                <linearGradient id="dau-fill" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor="#3b55e6" stopOpacity={0.25} />
                  <stop offset="100%" stopColor="#3b55e6" stopOpacity={0} />
                </linearGradient>
              </defs>
              <CartesianGrid stroke="#f1f5f9" vertical={false} />
              <XAxis dataKey="t" tickFormatter={(t: string) => tickLabel(t, "day")} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#e2e8f0" }} minTickGap={24} />
              <YAxis tickFormatter={compactNumber} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
              <Tooltip
                labelFormatter={(t) => bucketLabel(String(t), "day")}
                formatter={(value) => [Number(value).toLocaleString("en-US"), "Active users"]}
                contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 12 }}
              />
              <Area type="monotone" dataKey="count" stroke="#3b55e6" strokeWidth={2} fill="url(#dau-fill)" isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
