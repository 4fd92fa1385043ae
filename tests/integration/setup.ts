// Per test file: point lib/server/db at this run's database. PGlite files each get a
// private copy of the migrated template; PostgreSQL files share the server and stay
// apart by creating applications of their own.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { closeDatabase } from "@/lib/server/db";

const databaseUrl = inject("databaseUrl");
const template = inject("pgliteTemplate");
process.env.CUE_TICK_SECONDS = "0";
process.env.CUE_SECRET_KEY = "integration-test-secret";
// Short database timeouts, so the test that proves they are set can watch one fire.
process.env.CUE_DB_STATEMENT_TIMEOUT_MS = "3000";
process.env.CUE_DB_IDLE_TX_TIMEOUT_MS = "2000";
// Retries back off from 200 ms instead of 30 s, so tests can watch a retry happen.
process.env.CUE_RETRY_BASE_MS = "200";

if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
} else {
  const root = mkdtempSync(path.join(tmpdir(), "cue-pglite-"));
  cpSync(template, path.join(root, "data"), { recursive: true });
  delete process.env.DATABASE_URL;
  process.env.CUE_DATA_DIR = path.join(root, "data");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
}

afterAll(async () => {
  await closeDatabase();
});
