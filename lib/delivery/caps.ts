// Frequency caps as rolling windows per user: no window of the cap's length may hold more
// than `max` of the user's messages on the channels it covers (sent, queued or held, each
// at the time it was due). A new message due at `at` fits when every window containing
// it, (w − length, w] for w in [at, at + length), still has room: so a message decided
// later but due a moment earlier than one already taken counts that one too, and two
// decided at once never both take a last slot. Otherwise it has to wait for the earliest
// moment at which it fits.
import type { Channel } from "../engine/nodes/fields";
import { capCovers, capWindowMs, type Cap } from "./policy";

export type Slot = { channel: Channel; at: number };

export type CapVerdict = { cap: Cap; roomAt: Date } | null;

function fits(cap: Cap, times: number[], at: number): boolean {
  const length = capWindowMs(cap);
  const ends = [at, ...times.filter((s) => s > at && s < at + length)];
  return ends.every((w) => times.filter((s) => s > w - length && s <= w).length < cap.max);
}

// Whether a message fits changes only when a slot leaves a window: at a slot's time plus the length.
function earliestFit(caps: { cap: Cap; times: number[] }[], at: number): number {
  const candidates = [...new Set(caps.flatMap(({ cap, times }) => times.map((s) => s + capWindowMs(cap))))].filter((c) => c > at).sort((a, b) => a - b);
  return candidates.find((c) => caps.every(({ cap, times }) => fits(cap, times, c))) ?? at;
}

/**
 * Null when the message fits every cap at `at`; else the cap that keeps it waiting longest
 * and the earliest moment it fits them all.
 */
export function capExceeded(caps: Cap[], slots: Slot[], channel: Channel, at: Date): CapVerdict {
  const covering = caps.filter((cap) => capCovers(cap, channel)).map((cap) => ({ cap, times: slots.filter((s) => capCovers(cap, s.channel)).map((s) => s.at) }));
  const over = covering.filter(({ cap, times }) => !fits(cap, times, at.getTime()));
  if (over.length === 0) return null;
  const longest = over.map((c) => ({ cap: c.cap, until: earliestFit([c], at.getTime()) })).sort((a, b) => b.until - a.until)[0]!;
  return { cap: longest.cap, roomAt: new Date(earliestFit(covering, at.getTime())) };
}
