// The hot paths' database handle: plain SQL with positional parameters, straight to the
// driver (pg for PostgreSQL, the PGlite instance when embedded), with no ORM between.
// Prisma keeps the schema, the migrations and the dashboard's CRUD; ingest, matching,
// the step runner and the outbox run a few statements per batch through this.
import type { ParserOptions, Results } from "@electric-sql/pglite";
import pg from "pg";

/** Statements inside one transaction (or on their own, outside of one). */
export type Sql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement and returns how many rows it changed. */
  execute(text: string, params?: unknown[]): Promise<number>;
};

export type SqlDatabase = Sql & {
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Whether other statements run while a transaction is open (a pool of sessions): only then may a long read hold one. */
  readonly concurrent: boolean;
  close(): Promise<void>;
};

// Both drivers answer the same JavaScript types: timestamp(3) columns hold UTC without a
// zone, so they are read as UTC whatever the process's TZ; bigint (Event.seq) as BigInt.
const TIMESTAMP = 1114;
const INT8 = 20;
const parseTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const parseInt8 = (value: string) => BigInt(value);

export function pgSql(options: pg.PoolConfig): SqlDatabase {
  const pool = new pg.Pool({
    ...options,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === TIMESTAMP) return parseTimestamp;
        if (oid === INT8) return parseInt8;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that the server drops (restart, outage) must not crash the process.
  pool.on("error", (error) => console.warn("[cue] idle database connection closed:", error.message));
  const on = (client: pg.Pool | pg.PoolClient): Sql => ({
    query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    execute: async (text, params) => (await client.query(text, params)).rowCount ?? 0,
  });
  return {
    ...on(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work(on(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    concurrent: true,
    close: () => pool.end(),
  };
}

/** The part of PGlite that pgliteSql uses: an instance, or its stand-in on another thread (lib/server/pglite-thread.ts). */
type PGliteQueryable = {
  query<T>(text: string, params?: unknown[], options?: { parsers?: ParserOptions }): Promise<Results<T>>;
};
export type PGliteLike = PGliteQueryable & { transaction<T>(work: (tx: PGliteQueryable) => Promise<T>): Promise<T> };

export function pgliteSql(db: PGliteLike): SqlDatabase {
  // Keyed by type OID: on a PGlite thread these are applied on this side of it.
  const parsers = { [TIMESTAMP]: parseTimestamp, [INT8]: parseInt8 };
  const on = (client: PGliteQueryable): Sql => ({
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params, { parsers })).rows,
    execute: async (text, params) => (await client.query(text, params, { parsers })).affectedRows ?? 0,
  });
  return {
    ...on(db),
    // PGlite runs one transaction at a time; Prisma's transactions queue on the same lock.
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    concurrent: false,
    close: async () => {},
  };
}

/** The same handle over a Prisma transaction, for the few hot statements a Prisma caller shares (rules, the delivery gate). */
export function prismaSql(tx: { $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T>; $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> }): Sql {
  return {
    query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params),
    execute: (text, params = []) => tx.$executeRawUnsafe(text, ...params),
  };
}
