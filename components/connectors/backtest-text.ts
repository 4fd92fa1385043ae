// The words and series of the backtest panel: the headline ("Over the last 30 days: 412
// users would have entered; 233 messages: 180 push, 53 email"), one bar per day of the
// window, and which counts a node shows while the backtest overlay is on.
import { channelWord } from "@/lib/checks/forecast";
import type { BacktestCounts, BacktestResult } from "@/lib/client/connectors";
import { formatNumber } from "@/lib/client/format";
import type { NodeType } from "@/lib/engine/nodes/definition";
import { countsOf } from "@/lib/engine/nodes/registry";

export const BACKTEST_RANGES = [7, 30, 90] as const;
export type BacktestDays = (typeof BACKTEST_RANGES)[number];

const DAY = 86_400_000;
const CHANNEL_ORDER = ["push", "email", "sms", "webhook"];
const order = (channel: string) => (CHANNEL_ORDER.includes(channel) ? CHANNEL_ORDER.indexOf(channel) : CHANNEL_ORDER.length);
const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The channels that sent anything, busiest first (push, email, SMS, webhook on a tie). */
export function channelCounts(byChannel: Record<string, number>): { channel: string; count: number }[] {
  return Object.entries(byChannel)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || order(a) - order(b))
    .map(([channel, count]) => ({ channel, count }));
}

export function backtestHeadline(result: Pick<BacktestResult, "users" | "messages">, days: number): string {
  const who = result.users === 0 ? "no one would have entered" : `${plural(result.users, "user", "users")} would have entered`;
  const { total } = result.messages;
  const what =
    total === 0 ? "no messages" : `${plural(total, "message", "messages")}: ${channelCounts(result.messages.byChannel).map((c) => `${formatNumber(c.count)} ${channelWord(c.channel)}`).join(", ")}`;
  return `Over the last ${days} days: ${who}; ${what}`;
}

/** Every UTC day the window touches, with the messages of that day (0 when none). */
export function dailySeries(from: string, to: string, byDay: ReadonlyArray<{ day: string; count: number }>): { day: string; count: number }[] {
  const counts = new Map(byDay.map((d) => [d.day, d.count]));
  const first = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const last = Date.parse(to) - 1;
  const series: { day: string; count: number }[] = [];
  for (let at = first; at <= last; at += DAY) {
    const day = new Date(at).toISOString().slice(0, 10);
    series.push({ day, count: counts.get(day) ?? 0 });
  }
  return series;
}

type BacktestKey = keyof BacktestCounts;
const isBacktestKey = (key: string): key is BacktestKey => ["entered", "passed", "waiting", "cancelled", "sent", "skipped"].includes(key);

/**
 * The counts a node shows in the overlay: the ones its live chips show (first always,
 * the others once non-zero), less those a backtest does not have (held, failed).
 */
export function backtestChips(type: NodeType, data: unknown, counts: BacktestCounts | undefined): { key: BacktestKey; value: number }[] {
  const keys = countsOf(type, data).filter(isBacktestKey);
  return keys.map((key) => ({ key, value: counts?.[key] ?? 0 })).filter((chip, index) => index === 0 || chip.value > 0);
}
