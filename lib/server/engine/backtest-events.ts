// A backtest's events: those of the given names in [from, to), a page at a time, in one
// of two orders. In (timestamp, seq) order, every user's walks advance side by side: one
// keyset cursor per name, each reading the (appId, name, timestamp) index in order, merged
// here (a single query over all the names would sort every remaining row for each page).
// In (userId, timestamp, seq) order, one user's whole window passes at once: a user's
// walks start and end within a few microseconds instead of living through a day of
// everybody's events, which halves the work of the walks and their garbage collection.
// That order needs the rows sorted once by the database and read through a cursor, which
// holds a session for the whole backtest: only where there is a pool of them (PostgreSQL,
// not the embedded PGlite, whose one session everything else waits on).
//
// A backtest reads a million rows and most of their data is never looked at (a reminder's
// text renders only for a sample), so rows come as the engine's records with `data`
// parsed from its text when first read, and times as epoch milliseconds (a number, not a
// timestamp string to parse).
import type { EventRecord } from "@/lib/engine/types";
import type { Sql, SqlDatabase } from "../sql";
import { objectOrEmpty } from "./records";

export type StoredEvent = EventRecord & { seq: bigint };

type Row = { seq: bigint; eventId: string; userId: string; data: string; ms: number };

// The columns as the engine's records read them: data as text, the time as epoch milliseconds (timestamp(3) holds UTC, so its epoch is the instant's).
const COLUMNS = `seq, "eventId", "userId", data::text AS data, (extract(epoch FROM timestamp) * 1000)::float8 AS ms`;

// Events read per query; CUE_BACKTEST_PAGE makes pages small in tests, so users cross pages.
const pageSize = () => Number(process.env.CUE_BACKTEST_PAGE) || 10_000;

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
  // After the first page the index range starts at the last row's time (a bound the index
  // can seek to; the row comparison alone would make every page scan from `from`).
  const read = async (name: string, after: StoredEvent | null) => {
    const rows = await sql.query<Row>(
      `SELECT ${COLUMNS} FROM "Event"
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

/** Hands each page of the time-ordered stream to `onPage`, in turn. */
export async function eachPageInTime(sql: Sql, appId: string, names: string[], from: Date, to: Date, onPage: (page: StoredEvent[]) => Promise<void>) {
  const events = eventStream(sql, appId, names, from, to);
  let next = events.next();
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    // The next page is read while this one runs.
    next = events.next();
    await onPage(page);
  }
}

/**
 * The same events in (userId, timestamp, seq) order, each page handed to `onPage` in turn:
 * sorted once by the database in a read-only snapshot, read through a cursor (a session
 * held for the whole read; `db.concurrent` says whether that leaves others free).
 */
export async function eachPageByUser(db: SqlDatabase, appId: string, names: string[], from: Date, to: Date, onPage: (page: StoredEvent[]) => Promise<void>) {
  const size = pageSize();
  await db.transaction(async (tx) => {
    await tx.execute(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    // The plan that reads everything soonest, not the one that answers first (a cursor's
    // default): where most of the app's events are asked for, the (appId, userId,
    // timestamp) index already gives the order and rows stream at once; where few are, the
    // (appId, name, timestamp) index finds them and the database sorts them.
    await tx.execute(`SET LOCAL cursor_tuple_fraction = 1`);
    await tx.execute(
      `DECLARE backtest_events NO SCROLL CURSOR FOR SELECT ${COLUMNS}, name FROM "Event"
       WHERE "appId" = $1 AND name = ANY($2::text[]) AND timestamp >= $3::timestamp(3) AND timestamp < $4::timestamp(3)
       ORDER BY "userId", timestamp, seq`,
      [appId, names, from.toISOString(), to.toISOString()],
    );
    const fetch = () => {
      const coming = tx.query<Row & { name: string }>(`FETCH ${size} FROM backtest_events`);
      coming.catch(() => {}); // a backtest that fails meanwhile never awaits it: not an unhandled rejection
      return coming;
    };
    let next = fetch();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      // The next page is read while this one runs.
      next = rows.length < size ? Promise.resolve([]) : fetch();
      // The name strings asked for, not one per row.
      await onPage(rows.map((row) => new LazyEvent(row, names.find((n) => n === row.name) ?? row.name)));
    }
  });
}
