// Applies prisma/migrations at start-up in both storage modes, recording each in
// Prisma's own _prisma_migrations table (same columns, sha256 checksum of the file) so a
// real `prisma migrate deploy` later accepts the history. The Prisma CLI cannot run
// here: its native schema engine is a download this network does not reach.
import { createHash, randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

/** The two operations the runner needs, implemented by PGlite and by pg. */
export type SqlRunner = {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
};

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function migrationsDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
}

async function readMigrations(): Promise<{ name: string; sql: string }[]> {
  const dir = migrationsDir();
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name, "migration.sql"), "utf8") })));
}

/** Applies what is pending, each migration in its own transaction. Returns the names applied. */
export async function applyMigrations(db: SqlRunner): Promise<string[]> {
  await db.exec(MIGRATIONS_TABLE);
  const done = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(done.map((r) => r.migration_name));
  const pending = (await readMigrations()).filter((m) => !applied.has(m.name));
  for (const m of pending) {
    const checksum = createHash("sha256").update(m.sql).digest("hex");
    await db.exec("BEGIN");
    try {
      await db.exec(m.sql);
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), checksum, m.name],
      );
      await db.exec("COMMIT");
    } catch (error) {
      await db.exec("ROLLBACK");
      throw error;
    }
  }
  return pending.map((m) => m.name);
}
