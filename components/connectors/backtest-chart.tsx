"use client";

// The backtest's messages per day, one violet bar per UTC day of the window.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactNumber, tickLabel } from "../overview/chart-format";

const fullDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

export function BacktestChart({ series }: { series: { day: string; count: number }[] }) {
  const rows = series.map((d) => ({ ...d, iso: `${d.day}T00:00:00.000Z` }));
  return (
    <div className="h-36" data-testid="backtest-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -20 }} barCategoryGap="18%">
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="iso" tickFormatter={(iso: string) => tickLabel(iso, "day")} tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#e2e8f0" }} minTickGap={24} />
          <YAxis tickFormatter={compactNumber} tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={false} allowDecimals={false} width={44} />
          <Tooltip
            cursor={{ fill: "#f5f3ff" }}
            labelFormatter={(iso) => fullDay.format(new Date(String(iso)))}
            formatter={(value) => [Number(value).toLocaleString("en-US"), "Messages"]}
            contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 12 }}
          />
          <Bar dataKey="count" fill="#7c3aed" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={18} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
