// Held messages come due: the tick decides each again at its release time, by the same
// gate (the person may have unsubscribed meanwhile, and a deferred cap is counted
// again), and it becomes queued (the outbox sends it in this same tick), held anew, or
// skipped. Rows are claimed with FOR UPDATE SKIP LOCKED, so ticks in several processes
// release each message once; with nothing held this is one empty index range scan on
// Message(status, nextAttemptAt).
import type { Channel } from "@/lib/engine/nodes/fields";
import type { SqlDatabase } from "../sql";
import { gate } from "./gate";

const BATCH = 500;

export type ReleaseTally = { released: number; held: number; skipped: number };

type Held = { id: string; appId: string; userId: string; channel: Channel; topic: string | null; ignoreQuietHours: boolean; ignoreCaps: boolean };

async function releaseBatch(sql: SqlDatabase, now: Date): Promise<ReleaseTally & { claimed: number }> {
  return sql.transaction(async (tx) => {
    const due = await tx.query<Held>(
      `SELECT id, "appId", "userId", channel, topic, "ignoreQuietHours", "ignoreCaps" FROM "Message"
       WHERE status = 'held' AND "nextAttemptAt" <= $1::timestamp(3)
       ORDER BY "nextAttemptAt", id LIMIT ${BATCH}
       FOR UPDATE SKIP LOCKED`,
      [now.toISOString()],
    );
    const tally = { claimed: due.length, released: 0, held: 0, skipped: 0 };
    if (due.length === 0) return tally;
    const verdicts = await gate(tx, due.map((m) => ({ ...m, at: now })));
    await tx.execute(
      `UPDATE "Message" AS m SET status = v.status, reason = v.reason, "nextAttemptAt" = v.next::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, status, reason, next)
       WHERE m.id = v.id`,
      [due.map((m) => m.id), verdicts.map((v) => v.status), verdicts.map((v) => v.reason), verdicts.map((v) => (v.status === "skipped" ? null : v.sendAt.toISOString()))],
    );
    for (const v of verdicts) tally[v.status === "queued" ? "released" : v.status]++;
    return tally;
  });
}

/** Decides every held message due by `now` again, a batch at a time, while `within()` allows. */
export async function releaseHeld(sql: SqlDatabase, now: Date, within: () => boolean): Promise<ReleaseTally> {
  const total: ReleaseTally = { released: 0, held: 0, skipped: 0 };
  do {
    const batch = await releaseBatch(sql, now);
    total.released += batch.released;
    total.held += batch.held;
    total.skipped += batch.skipped;
    if (batch.claimed < BATCH) break;
  } while (within());
  return total;
}
