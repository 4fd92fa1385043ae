"use client";

// Events over time: the most frequent names of the range when the page opens, then any
// names the admin picks to compare, by hour or by day, from GET /api/v1/analytics/events.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { apiFetch } from "@/lib/client/api";
import { analyticsKeys } from "@/lib/client/query-keys";
import type { Interval } from "@/lib/server/analytics/chart-range";
import type { EventSeries } from "@/lib/server/analytics/event-series";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { Spinner } from "../ui/spinner";
import { bucketLabel, compactNumber, seriesColor, tickLabel } from "./chart-format";
import { EventPicker } from "./event-picker";

type Props = { from: string; to: string; interval: Interval; initial: EventSeries[]; rangeLabel: string };

function fetchSeries(params: { from: string; to: string; interval: Interval; events: string[] }, signal: AbortSignal) {
  const search = new URLSearchParams({ from: params.from, to: params.to, interval: params.interval });
  for (const name of params.events) search.append("event", name);
  return apiFetch<{ series: EventSeries[] }>(`/api/v1/analytics/events?${search}`, { signal });
}

/** Recharts wants one row per bucket with a key per series. */
function toRows(series: EventSeries[]) {
  const rows: Record<string, number | string>[] = (series[0]?.points ?? []).map((p) => ({ t: p.t }));
  series.forEach((s, i) => s.points.forEach((p, j) => rows[j] && (rows[j]![`s${i}`] = p.count)));
  return rows;
}

export function EventsChart({ from, to, interval: initialInterval, initial, rangeLabel }: Props) {
  const [interval, setInterval] = useState<Interval>(initialInterval);
  const [events, setEvents] = useState<string[]>(() => initial.map((s) => s.event));
  const params = { from, to, interval, events };
  const isInitial = interval === initialInterval && events.join("\n") === initial.map((s) => s.event).join("\n");
  const { data, isFetching, error } = useQuery({
    queryKey: analyticsKeys.events(params),
    queryFn: ({ signal }) => fetchSeries(params, signal),
    initialData: isInitial ? { series: initial } : undefined,
    placeholderData: keepPreviousData,
    enabled: events.length > 0,
  });
  // While a new set of names loads, the previous answer stays; a removed name leaves at once.
  const series = (data?.series ?? []).filter((s) => events.includes(s.event));
  const rows = useMemo(() => toRows(series), [series]);
  const total = series.reduce((sum, s) => sum + s.points.reduce((n, p) => n + p.count, 0), 0);

  return (
    <Card>
      <CardHeader
        title="Events over time"
        description={`Counts per ${interval} over the last ${rangeLabel}, UTC`}
        actions={
          <div className="flex items-center gap-3">
            {isFetching ? <Spinner label="Loading" /> : null}
            <div role="group" aria-label="Interval" className="inline-flex rounded-lg bg-slate-100 p-0.5">
              {(["hour", "day"] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={interval === value}
                  onClick={() => setInterval(value)}
                  className={cx(
                    "rounded-md px-2.5 py-1 text-xs font-medium capitalize",
                    interval === value ? "bg-white text-slate-900 shadow-xs" : "text-slate-500 hover:text-slate-800",
                  )}
                >
                  {value === "hour" ? "Hourly" : "Daily"}
                </button>
              ))}
            </div>
          </div>
        }
      />
      <div className="px-5 pt-4">
        <EventPicker selected={events} onChange={setEvents} colors={events.map((_, i) => seriesColor(i))} />
      </div>
      <div className="h-72 px-2 pt-2 pb-4" data-testid="events-chart">
        {error ? (
          <p className="flex h-full items-center justify-center text-sm text-red-600">{error.message}</p>
        ) : events.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-slate-500">Pick an event above to chart it.</p>
        ) : total === 0 && !isFetching ? (
          <p className="flex h-full items-center justify-center text-sm text-slate-500">None of these events in the last {rangeLabel}.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#f1f5f9" vertical={false} />
              <XAxis
                dataKey="t"
                tickFormatter={(t: string) => tickLabel(t, interval)}
                tick={{ fontSize: 11, fill: "#64748b" }}
                tickLine={false}
                axisLine={{ stroke: "#e2e8f0" }}
                minTickGap={24}
              />
              <YAxis tickFormatter={compactNumber} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={44} allowDecimals={false} />
              <Tooltip
                labelFormatter={(t) => bucketLabel(String(t), interval)}
                formatter={(value) => Number(value).toLocaleString("en-US")}
                contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 12 }}
              />
              {/* The chips above are the legend: same colours, same order. */}
              {series.map((s, i) => (
                <Line
                  key={s.event}
                  // Smooth by day; by hour, sparse counts read better as they are.
                  type={interval === "hour" ? "linear" : "monotone"}
                  dataKey={`s${i}`}
                  name={s.event}
                  stroke={seriesColor(events.indexOf(s.event))}
                  strokeWidth={2}
                  dot={false}
                  activeDot={{ r: 4 }}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
