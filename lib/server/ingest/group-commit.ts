// Group commit: ingest requests that arrive while an ingest transaction is in flight
// wait for it and then share the next transaction, so a burst of single-event requests
// costs a few commits instead of one each, and the database is not what limits them.
// A lone request goes straight through; nothing waits on a timer. Each request still
// gets its own answer: its events are counted as accepted or duplicate on their own.
import { randomUUID } from "node:crypto";
import type { MatchTally } from "../engine/match-events";
import type { SqlDatabase } from "../sql";
import type { ValidEvent } from "./event-input";
import type { IngestResult } from "./ingest";

type Result = IngestResult & { matched: MatchTally };
type Pending = { appId: string; events: ValidEvent[]; resolve(result: Result): void; reject(error: unknown): void };
type Queue = { waiting: Pending[]; busy: boolean };

/**
 * Stores the events of several requests (of any apps) in one transaction; returns what it
 * stored, per app, and what matching them did (shared by every request of the group).
 */
export type CommitEvents = (db: SqlDatabase, byApp: Map<string, ValidEvent[]>) => Promise<{ stored: Map<string, IngestResult["stored"]>; matched: MatchTally }>;

// A bigger group would hold its transaction (and the user rows it locks) too long.
export const MAX_GROUP_EVENTS = 2000;

const queues = new WeakMap<SqlDatabase, Queue>();

// Splits what one transaction stored among the requests that shared it, in arrival order,
// so an id sent twice (within or across requests) is accepted once, like separate inserts.
function share(group: Pending[], stored: IngestResult["stored"]): IngestResult[] {
  const unclaimed = new Map(stored.map((s) => [s.eventId, s]));
  return group.map((p) => {
    const mine: IngestResult["stored"] = [];
    for (const e of p.events) {
      const row = unclaimed.get(e.eventId!);
      if (!row) continue;
      unclaimed.delete(e.eventId!);
      mine.push(row);
    }
    return { accepted: mine.length, duplicates: p.events.length - mine.length, stored: mine };
  });
}

async function commitGroup(db: SqlDatabase, group: Pending[], commit: CommitEvents): Promise<void> {
  const byApp = new Map<string, ValidEvent[]>();
  for (const p of group) byApp.set(p.appId, [...(byApp.get(p.appId) ?? []), ...p.events]);
  try {
    const { stored, matched } = await commit(db, byApp);
    // Event ids are unique per app only: share per app.
    for (const [appId, rows] of stored) {
      const mine = group.filter((p) => p.appId === appId);
      share(mine, rows).forEach((result, i) => mine[i]!.resolve({ ...result, matched }));
    }
  } catch (error) {
    if (group.length === 1) return group[0]!.reject(error);
    // One request's trouble must not fail the others: each goes again on its own.
    for (const p of group) await commitGroup(db, [p], commit);
  }
}

async function drain(db: SqlDatabase, queue: Queue, commit: CommitEvents): Promise<void> {
  queue.busy = true;
  try {
    while (queue.waiting.length > 0) {
      const group: Pending[] = [];
      let size = 0;
      while (queue.waiting.length > 0 && (group.length === 0 || size + queue.waiting[0]!.events.length <= MAX_GROUP_EVENTS)) {
        const next = queue.waiting.shift()!;
        size += next.events.length;
        group.push(next);
      }
      await commitGroup(db, group, commit);
    }
  } finally {
    queue.busy = false;
  }
}

/** Queues one request's events for the next shared transaction; resolves once it committed. */
export function commitTogether(db: SqlDatabase, appId: string, events: ValidEvent[], commit: CommitEvents): Promise<Result> {
  // Ids are given here, so the shared insert can tell whose rows it stored.
  const withIds = events.map((e) => (e.eventId ? e : { ...e, eventId: randomUUID() }));
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], busy: false }));
  const result = new Promise<Result>((resolve, reject) => queue.waiting.push({ appId, events: withIds, resolve, reject }));
  if (!queue.busy) void drain(db, queue, commit);
  return result;
}
