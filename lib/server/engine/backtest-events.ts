// A backtest's events: those of the given names in [from, to), in (timestamp, seq) order,
// a page at a time. One keyset cursor per name, each reading the (appId, name, timestamp)
// index in order, merged here: a single query over all the names would sort every
// remaining row for each page.
import type { Sql } from "../sql";

export type EventRow = { seq: bigint; eventId: string; userId: string; name: string; data: unknown; timestamp: Date };

// Events read per query; CUE_BACKTEST_PAGE makes pages small in tests, so users cross pages.
const pageSize = () => Number(process.env.CUE_BACKTEST_PAGE) || 5_000;

const earlier = (a: EventRow, b: EventRow) => a.timestamp.getTime() - b.timestamp.getTime() || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);

export function eventStream(sql: Sql, appId: string, names: string[], from: Date, to: Date) {
  const size = pageSize();
  // A buffer per name, read from its `at` onwards (an index, not shift(): a page is thousands of rows).
  const streams = names.map((name) => ({ name, rows: [] as EventRow[], at: 0, after: null as EventRow | null, done: false }));
  const fill = async (stream: (typeof streams)[number]) => {
    const rows = await sql.query<EventRow>(
      `SELECT seq, "eventId", "userId", name, data, timestamp FROM "Event"
       WHERE "appId" = $1 AND name = $2 AND timestamp >= $3::timestamp(3) AND timestamp < $4::timestamp(3)
         AND ($5::timestamp(3) IS NULL OR (timestamp, seq) > ($5::timestamp(3), $6::bigint))
       ORDER BY timestamp, seq LIMIT ${size}`,
      [appId, stream.name, from.toISOString(), to.toISOString(), stream.after?.timestamp.toISOString() ?? null, stream.after?.seq.toString() ?? "0"],
    );
    Object.assign(stream, { rows, at: 0, after: rows.at(-1) ?? stream.after, done: rows.length < size });
  };
  return {
    /** The next page in order; empty at the end. */
    async next(): Promise<EventRow[]> {
      const page: EventRow[] = [];
      while (page.length < size) {
        for (const stream of streams) if (stream.at === stream.rows.length && !stream.done) await fill(stream);
        let first: (typeof streams)[number] | null = null;
        for (const stream of streams) {
          if (stream.at < stream.rows.length && (!first || earlier(stream.rows[stream.at]!, first.rows[first.at]!) < 0)) first = stream;
        }
        if (!first) break;
        page.push(first.rows[first.at++]!);
      }
      return page;
    },
  };
}
