// Small wording helpers for the per-user journey trace: durations as a marketer drew
// them, UTC times in a compact form, message headlines. Pure and deterministic.
import { DELAY_UNITS, UNIT_MS, type DelayUnit } from "./nodes/fields";
import { plural, shorten } from "./nodes/words";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// The rule keeps only milliseconds; the graph node says how the delay was drawn
// ("24 hours" stays "24 hours" rather than becoming "1 day").
export function formatDelay(ms: number, drawn?: unknown): string {
  const data = typeof drawn === "object" && drawn !== null ? (drawn as Record<string, unknown>) : {};
  const unit = DELAY_UNITS.find((u) => u === data.unit) as DelayUnit | undefined;
  if (unit && typeof data.amount === "number" && Number.isInteger(data.amount) && data.amount * UNIT_MS[unit] === ms) {
    return plural(data.amount, unit.slice(0, -1));
  }
  return formatDuration(ms);
}

/** The largest unit that divides the duration evenly: 90 minutes, 2 days, 3 seconds. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [UNIT_MS.days, "day"],
    [UNIT_MS.hours, "hour"],
    [UNIT_MS.minutes, "minute"],
  ];
  for (const [size, name] of units) if (ms >= size && ms % size === 0) return plural(ms / size, name);
  return plural(Math.max(1, Math.round(ms / 1000)), "second");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "Nov 27, 10:02 UTC": API text is read anywhere, so it names its zone. */
export function formatUtc(at: Date): string {
  return `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}

export function parseTime(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export type MessageLike = { channel: string; title: string | null; subject: string | null; body: string };

/** What a reader recognises a message by: an email's subject, else its title, else the body's first line. */
export function messageHeadline(message: MessageLike): string {
  const first = (value: string | null) => (value && value.trim() !== "" ? value.trim() : null);
  const lead = message.channel === "email" ? first(message.subject) ?? first(message.title) : first(message.title) ?? first(message.subject);
  return shorten(lead ?? first(message.body.split("\n")[0] ?? "") ?? "(empty)");
}

const CHANNEL_WORDS: Record<string, string> = { push: "push", email: "email", sms: "SMS", webhook: "webhook" };

export function channelWord(channel: string): string {
  return CHANNEL_WORDS[channel] ?? channel;
}
