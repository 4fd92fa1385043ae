// Wake-ups between processes on one PostgreSQL (LISTEN/NOTIFY): a web process tells the
// workers that work is waiting, a publish tells every process to re-read the rules.
// A notice is only a hint — whoever listens must also find the work on its own (a tick,
// a counter read per batch), because a notice sent while a listener reconnects is lost.
// Embedded PGlite serves one process, so there a notice is delivered in-process.
import pg from "pg";
import type { Sql } from "./sql";

export type Channel = "cue_work" | "cue_rules";
type Handler = (payload: string) => void;

// Process-wide: one listening connection per process, whatever the number of route bundles.
type State = { handlers: Map<Channel, Set<Handler>>; client?: Promise<pg.Client | null>; retry?: NodeJS.Timeout };
const holder = globalThis as unknown as { __cueNotify?: State };
const state: State = (holder.__cueNotify ??= { handlers: new Map() });

function deliver(channel: Channel, payload: string) {
  for (const handler of state.handlers.get(channel) ?? []) {
    try {
      handler(payload);
    } catch (error) {
      console.error(`[cue] a ${channel} listener failed`, error);
    }
  }
}

async function connect(url: string, again: boolean): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: url });
  const reconnect = () => {
    if (state.retry) return;
    state.client = undefined;
    if (state.handlers.size === 0) return; // stopped on purpose
    // The listener is gone; whoever relies on notices also polls, so a second's gap is safe.
    state.retry = setTimeout(() => {
      state.retry = undefined;
      void listening(true);
    }, 1000);
    state.retry.unref();
  };
  client.on("notification", (n) => deliver(n.channel as Channel, n.payload ?? ""));
  client.on("error", () => reconnect());
  client.on("end", () => reconnect());
  try {
    await client.connect();
    for (const channel of state.handlers.keys()) await client.query(`LISTEN ${channel}`);
    // Notices sent while the listener was gone are lost: one for each channel now stands
    // in for them, so listeners look for work at once instead of at their next poll.
    if (again) for (const channel of state.handlers.keys()) deliver(channel, "");
    return client;
  } catch {
    void client.end().catch(() => {});
    reconnect();
    return null;
  }
}

function listening(again = false): Promise<pg.Client | null> | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  state.client ??= connect(url, again);
  return state.client;
}

/** Calls handler for every notice on channel, from any process (this one included). */
export async function listen(channel: Channel, handler: Handler): Promise<() => void> {
  const known = state.handlers.has(channel);
  if (!known) state.handlers.set(channel, new Set());
  state.handlers.get(channel)!.add(handler);
  const client = await listening();
  if (client && !known) await client.query(`LISTEN ${channel}`).catch(() => {});
  return () => void state.handlers.get(channel)?.delete(handler);
}

/**
 * Sends a notice. Inside a transaction PostgreSQL delivers it on commit (and drops it on
 * rollback); on PGlite there is no other process, so listeners here hear it at once.
 */
export async function notify(sql: Sql, channel: Channel, payload = ""): Promise<void> {
  if (process.env.DATABASE_URL) await sql.execute("SELECT pg_notify($1, $2)", [channel, payload]);
  else queueMicrotask(() => deliver(channel, payload));
}

/** Closes the listening connection (tests, shutdown). */
export async function stopListening(): Promise<void> {
  if (state.retry) clearTimeout(state.retry);
  state.retry = undefined;
  const client = await state.client;
  state.client = undefined;
  state.handlers.clear();
  await client?.end().catch(() => {});
}
