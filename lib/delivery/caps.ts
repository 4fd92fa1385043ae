// Frequency caps as rolling windows per user. A message due at `at` counts the user's
// messages sent, queued or held in (at − window, at] on the channels the cap covers;
// with `max` of them already there, it has to wait until the oldest ones that fill
// the window have left it.
import type { Channel } from "../engine/nodes/fields";
import { capCovers, capWindowMs, type Cap } from "./policy";

export type Slot = { channel: Channel; at: number };

export type CapVerdict = { cap: Cap; roomAt: Date } | null;

/**
 * The first cap this message would exceed, with the earliest moment its window has room
 * again (the latest such moment over all exceeded caps, so a deferred message passes every
 * cap then); null when every cap has room.
 */
export function capExceeded(caps: Cap[], slots: Slot[], channel: Channel, at: Date): CapVerdict {
  let verdict: CapVerdict = null;
  for (const cap of caps) {
    if (!capCovers(cap, channel)) continue;
    const window = capWindowMs(cap);
    const inside = slots
      .filter((s) => capCovers(cap, s.channel) && s.at > at.getTime() - window && s.at <= at.getTime())
      .map((s) => s.at)
      .sort((a, b) => a - b);
    if (inside.length < cap.max) continue;
    // Room once all but max − 1 of them have left the window.
    const roomAt = new Date(inside[inside.length - cap.max]! + window);
    if (!verdict || roomAt > verdict.roomAt) verdict = { cap, roomAt };
  }
  return verdict;
}
