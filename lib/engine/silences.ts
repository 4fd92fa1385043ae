// Inactivity entries on a virtual clock (a backtest). The live check (lib/server/engine/
// inactivity.ts) enters a user whose last `event` is more than `days` old, once per
// silence. Here the check runs at every instant, so a silence enters the moment it
// begins: `days` after its last event plus a millisecond (the live test is
// `last < now - days`). One that began before the window enters at its start, as at the
// first check after publishing. Live, the check runs once a tick (CUE_TICK_SECONDS, and at
// most 1,000 users per connector a tick), so a live entry comes up to a tick later.
import type { InactivityTrigger } from "./rule";

const DAY = 86_400_000;

export type Silence = { userId: string; last: Date; at: Date };

export class Silences {
  // Each user's one silence to come, in the order it begins: every new last event begins
  // after all those already here, and a Map keeps the order of insertion.
  private readonly pending = new Map<string, { last: number; at: number }>();
  private readonly length: number;

  constructor(trigger: InactivityTrigger, private readonly from: Date) {
    this.length = trigger.days * DAY;
  }

  /** A user's latest such event; calls come in time order (events before the window first). */
  seen(userId: string, at: Date) {
    const last = at.getTime();
    this.pending.delete(userId);
    this.pending.set(userId, { last, at: Math.max(this.from.getTime(), last + this.length + 1) });
  }

  /** Whether a silence after an event at `at` would begin by `until`. */
  beginsBy(at: Date, until: Date): boolean {
    return at.getTime() + this.length + 1 <= until.getTime();
  }

  /** The users whose silence begins by `until`, to load ahead; they stay pending. */
  beginningBy(until: Date): string[] {
    const users: string[] = [];
    for (const [userId, silence] of this.pending) {
      if (silence.at > until.getTime()) break;
      users.push(userId);
    }
    return users;
  }

  /** Takes the silences that begin by `until` (inclusive), earliest first. */
  take(until: Date): Silence[] {
    const begun: Silence[] = [];
    for (const [userId, silence] of this.pending) {
      if (silence.at > until.getTime()) break;
      begun.push({ userId, last: new Date(silence.last), at: new Date(silence.at) });
      this.pending.delete(userId);
    }
    return begun;
  }
}
