// A backtest's events: those of the given names in [from, to), in (timestamp, seq) order,
// a page at a time. One keyset cursor per name, each reading the (appId, name, timestamp)
// index in order, merged here: a single query over all the names would sort every
// remaining row for each page.
//
// A backtest reads a million rows and most of their data is never looked at (a reminder's
// text renders only for a sample), so rows come as the engine's records with `data`
// parsed from its text when first read, and times as epoch milliseconds (a number, not a
// timestamp string to parse).
import type { EventRecord } from "@/lib/engine/types";
import type { Sql } from "../sql";
import { objectOrEmpty } from "./records";

export type StoredEvent = EventRecord & { seq: bigint };

type Row = { seq: bigint; eventId: string; userId: string; data: string; ms: number };

// Events read per query; CUE_BACKTEST_PAGE makes pages small in tests, so users cross pages.
const pageSize = () => Number(process.env.CUE_BACKTEST_PAGE) || 5_000;

const earlier = (a: StoredEvent, b: StoredEvent) => a.timestamp.getTime() - b.timestamp.getTime() || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);

/**
 * The row as a record whose data is parsed when first read. A class, so a month of events
 * carries no closure each; its `data` is a getter on the prototype, which a spread does
 * not copy (nothing in a backtest spreads an event; the live path never sees one).
 */
class LazyEvent implements StoredEvent {
  #text: string;
  #data: Record<string, unknown> | undefined;
  readonly seq: bigint;
  readonly id: string;
  readonly event: string;
  readonly userId: string;
  readonly timestamp: Date;

  constructor(row: Row, name: string) {
    this.seq = row.seq;
    this.id = row.eventId;
    this.event = name;
    this.userId = row.userId;
    this.timestamp = new Date(row.ms);
    this.#text = row.data;
  }

  get data(): Record<string, unknown> {
    return (this.#data ??= objectOrEmpty(JSON.parse(this.#text)));
  }
}

export function eventStream(sql: Sql, appId: string, names: string[], from: Date, to: Date) {
  const size = pageSize();
  // timestamp(3) holds UTC: its epoch is the instant's. After the first page the index range starts at the last row's time (a bound the index
  // can seek to; the row comparison alone would make every page scan from `from`).
  const read = async (name: string, after: StoredEvent | null) => {
    const rows = await sql.query<Row>(
      `SELECT seq, "eventId", "userId", data::text AS data, (extract(epoch FROM timestamp) * 1000)::float8 AS ms FROM "Event"
       WHERE "appId" = $1 AND name = $2 AND timestamp >= $3::timestamp(3) AND timestamp < $4::timestamp(3)
         ${after ? `AND (timestamp, seq) > ($3::timestamp(3), $5::bigint)` : ""}
       ORDER BY timestamp, seq LIMIT ${size}`,
      [appId, name, (after?.timestamp ?? from).toISOString(), to.toISOString(), ...(after ? [after.seq.toString()] : [])],
    );
    // The stream's own name string, not one per row.
    return rows.map((row) => new LazyEvent(row, name));
  };
  // A buffer per name, read from its `at` onwards (an index, not shift(): a page is thousands
  // of rows), and the name's next page already asked for: the database reads it while this
  // one is walked.
  const ask = (name: string, after: StoredEvent | null) => {
    const coming = read(name, after);
    coming.catch(() => {}); // a backtest that fails meanwhile never awaits it: not an unhandled rejection
    return coming;
  };
  const streams = names.map((name) => ({ name, rows: [] as StoredEvent[], at: 0, coming: ask(name, null) as Promise<StoredEvent[]> | null }));
  const fill = async (stream: (typeof streams)[number]) => {
    const rows = await stream.coming!;
    Object.assign(stream, { rows, at: 0, coming: rows.length < size ? null : ask(stream.name, rows.at(-1)!) });
  };
  return {
    /** The next page in order; empty at the end. */
    async next(): Promise<StoredEvent[]> {
      const page: StoredEvent[] = [];
      while (page.length < size) {
        // Checked per row, so without allocating: a page is thousands of rows.
        let filling: Promise<void>[] | null = null;
        for (const stream of streams) if (stream.at === stream.rows.length && stream.coming) (filling ??= []).push(fill(stream));
        if (filling) await Promise.all(filling);
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
