// The words of the publish dialog: the forecast as a sentence ("About 120 messages a day:
// 100 push, 20 email") and a title for each kind of warning.
import type { Forecast, WarningCode } from "@/lib/checks/check-result";
import { channelWord, formatPerDay } from "@/lib/checks/forecast";

export const WARNING_TITLES: Record<WarningCode, string> = {
  unseen_event: "Event not logged lately",
  overlap: "Overlaps a live connector",
  volume: "A lot of messages",
};

const CHANNEL_ORDER = ["push", "email", "sms", "webhook"];
const order = (channel: string) => (CHANNEL_ORDER.includes(channel) ? CHANNEL_ORDER.indexOf(channel) : CHANNEL_ORDER.length);

/** The channels that send anything, busiest first, with their share of the total. */
export function channelShares(forecast: Forecast): { channel: string; perDay: number; share: number }[] {
  return Object.entries(forecast.byChannel)
    .filter(([, perDay]) => perDay > 0)
    .sort(([a, x], [b, y]) => y - x || order(a) - order(b))
    .map(([channel, perDay]) => ({ channel, perDay, share: forecast.messagesPerDay > 0 ? perDay / forecast.messagesPerDay : 0 }));
}

/** "About 120 messages a day: 100 push, 20 email"; "About 5 messages a day, all push"; "No messages expected in a typical day". */
export function forecastSentence(forecast: Forecast): string {
  if (forecast.messagesPerDay <= 0) return "No messages expected in a typical day";
  const n = forecast.messagesPerDay;
  const head = `About ${formatPerDay(n)} ${formatPerDay(n) === "1" ? "message" : "messages"} a day`;
  const shares = channelShares(forecast);
  if (shares.length === 1) return `${head}, all ${channelWord(shares[0]!.channel)}`;
  return `${head}: ${shares.map((s) => `${formatPerDay(s.perDay)} ${channelWord(s.channel)}`).join(", ")}`;
}
