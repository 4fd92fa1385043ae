import { dataMatches, matchesFilters, readPath } from "./filters";
import { valuesEqual } from "./operators";
import type { InactivityTrigger, Trigger } from "./rule";
import type { Reentry } from "./nodes/fields";
import type { EventRecord } from "./types";

// Pure trigger decisions. The server fetches what these ask for (history, enrollment
// state) and acts on the answers.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function triggerMatches(trigger: Trigger, event: EventRecord): boolean {
  return trigger.kind === "event" && event.event === trigger.event && dataMatches(trigger.where, event);
}

export type OccurrenceHistoryQuery = { event: string; since: Date | null };

// Which of the user's past events crossesOccurrences needs: same name, with a
// timestamp after `since` (all of them when since is null).
export function occurrenceHistoryQuery(trigger: Trigger, event: EventRecord): OccurrenceHistoryQuery | null {
  if (trigger.kind !== "event" || !trigger.occurrences) return null;
  const { withinHours } = trigger.occurrences;
  return {
    event: trigger.event,
    since: withinHours === null ? null : new Date(event.timestamp.getTime() - withinHours * HOUR_MS),
  };
}

// Events are ordered by timestamp, then id, so two events with the same timestamp
// still have one crossing between them whatever order they arrive in.
function notAfter(a: EventRecord, b: EventRecord): boolean {
  const diff = a.timestamp.getTime() - b.timestamp.getTime();
  return diff < 0 || (diff === 0 && a.id <= b.id);
}

// Fires on the event that makes the count reach atLeast exactly, so the third view of
// a product does not fire again for "at least 2" (once per crossing).
export function crossesOccurrences(trigger: Trigger, event: EventRecord, history: EventRecord[]): boolean {
  if (trigger.kind !== "event" || !trigger.occurrences) return true;
  const { atLeast, sameValueOf, withinHours } = trigger.occurrences;
  const key = sameValueOf === null ? undefined : readPath(event.data, sameValueOf);
  if (sameValueOf !== null && (key === undefined || key === null)) return false;
  const windowStart = withinHours === null ? null : event.timestamp.getTime() - withinHours * HOUR_MS;

  const byId = new Map<string, EventRecord>();
  for (const candidate of [...history, event]) byId.set(candidate.id, candidate);
  let count = 0;
  for (const candidate of byId.values()) {
    if (candidate.event !== trigger.event || !notAfter(candidate, event)) continue;
    if (windowStart !== null && candidate.timestamp.getTime() <= windowStart) continue;
    if (!matchesFilters(trigger.where, candidate.data)) continue;
    if (sameValueOf !== null && !valuesEqual(readPath(candidate.data, sameValueOf), key)) continue;
    count++;
  }
  return count === atLeast;
}

export function reentryAllows(reentry: Reentry, state: { hasActive: boolean; hasAny: boolean }): boolean {
  switch (reentry) {
    case "always":
      return true;
    case "ifNotActive":
      return !state.hasActive;
    case "once":
      return !state.hasAny;
  }
}

// Users whose last such event is before this instant are inactive.
export function inactivityCutoff(trigger: InactivityTrigger, now: Date): Date {
  return new Date(now.getTime() - trigger.days * DAY_MS);
}

/**
 * An inactivity entry: its trigger event (data.lastAt and the days of silence), the entry
 * key that makes it once per silence (named by the last event's time) and its trace text.
 */
export function inactivityEntry(connectorId: string, trigger: InactivityTrigger, userId: string, last: Date, now: Date) {
  const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
  const lastAt = last.toISOString();
  const event: EventRecord = { id: `inactive:${connectorId}:${userId}:${lastAt}`, event: trigger.event, userId, data: { lastAt, days }, timestamp: now };
  return { event, entryKey: `inactive:${lastAt}`, detail: `no ${trigger.event} for ${days} days` };
}
