// The one database handle. No DATABASE_URL → embedded PGlite under CUE_DATA_DIR;
// DATABASE_URL=postgres://… → a real PostgreSQL server. Same schema, same queries.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "./migrate";
import { stopListening } from "./notify";
import { PGliteThread } from "./pglite-thread";
import { pgSql, pgliteSql, type SqlDatabase } from "./sql";

export type DatabaseMode = "pglite" | "postgresql";
/** prisma for the schema's models (dashboard CRUD); sql for the hot paths (lib/server/sql.ts). */
export type Database = { prisma: PrismaClient; sql: SqlDatabase; mode: DatabaseMode; close(): Promise<void> };

export function databaseMode(): DatabaseMode {
  return process.env.DATABASE_URL ? "postgresql" : "pglite";
}

function dataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.CUE_DATA_DIR || "data");
}

// The embedded database runs on its own thread (lib/server/pglite-thread.ts) so that its
// work does not hold up the HTTP server's event loop; CUE_PGLITE_THREAD=0 keeps it on the
// main thread as before (one thread fewer, for small scripts or to compare).
async function openPglite(): Promise<Database> {
  const dir = dataDir();
  await mkdir(dir, { recursive: true }); // PGlite does not create parent folders
  const pglite = process.env.CUE_PGLITE_THREAD === "0" ? await PGlite.create(dir) : await PGliteThread.open(dir);
  try {
    await applyMigrations({
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    });
  } catch (error) {
    await pglite.close().catch(() => {}); // a retry opens it afresh
    throw error;
  }
  // The adapter calls query, exec and transaction, which the thread's stand-in implements.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite as PGlite) });
  const handle: Database = {
    prisma,
    sql: pgliteSql(pglite),
    mode: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
  if (pglite instanceof PGliteThread) {
    // Until then every call fails as "PGlite is closed" (503); the next one reopens.
    pglite.onLost = (why) => {
      console.error(`[cue] the PGlite thread ended (${why}); the database reopens on the next request`);
      const current = holder.__cueDatabase;
      void current?.then(
        (open) => {
          if (open === handle && holder.__cueDatabase === current) holder.__cueDatabase = undefined;
          void prisma.$disconnect().catch(() => {});
        },
        () => {},
      );
    };
  }
  return handle;
}

async function openPostgres(url: string): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several instances may start at once: one migrates, the others wait.
    await client.query("SELECT pg_advisory_lock(727274)");
    await applyMigrations({
      exec: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    });
  } finally {
    await client.end();
  }
  const max = Number(process.env.CUE_DB_POOL_SIZE) || 10;
  // One stuck request must not stall the queue: statements and idle transactions time out.
  const options = {
    connectionString: url,
    max,
    statement_timeout: Number(process.env.CUE_DB_STATEMENT_TIMEOUT_MS) || 30_000,
    idle_in_transaction_session_timeout: Number(process.env.CUE_DB_IDLE_TX_TIMEOUT_MS) || 60_000,
    connectionTimeoutMillis: 10_000,
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(options) });
  const sql = pgSql(options);
  return {
    prisma,
    sql,
    mode: "postgresql",
    close: async () => {
      await prisma.$disconnect();
      await sql.close();
    },
  };
}

// One handle per process, kept on globalThis because Next.js bundles route handlers and
// instrumentation separately and each bundle would otherwise open its own PGlite.
const holder = globalThis as unknown as { __cueDatabase?: Promise<Database> };

export function database(): Promise<Database> {
  if (!holder.__cueDatabase) {
    const url = process.env.DATABASE_URL;
    const opening = url ? openPostgres(url) : openPglite();
    holder.__cueDatabase = opening;
    // A failed open (server down) must not poison the process: retry on the next call.
    opening.catch(() => {
      if (holder.__cueDatabase === opening) holder.__cueDatabase = undefined;
    });
  }
  return holder.__cueDatabase;
}

export async function db(): Promise<PrismaClient> {
  return (await database()).prisma;
}

export async function sqlDb(): Promise<SqlDatabase> {
  return (await database()).sql;
}

/** Closes the database and the LISTEN connection beside it (notify.ts), so the process can exit. */
export async function closeDatabase(): Promise<void> {
  const open = holder.__cueDatabase;
  holder.__cueDatabase = undefined;
  await stopListening();
  if (open) await (await open).close();
}
