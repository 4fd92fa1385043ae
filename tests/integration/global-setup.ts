// Integration tests run against one database kind per run: CUE_TEST_DB=pglite (default)
// or CUE_TEST_DB=postgres, which starts a throwaway PostgreSQL server for the run.
// For PGlite, a migrated template data dir is made once and copied per test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { removePostgres, startPostgres, type PostgresServer } from "../support/postgres-server";

let server: PostgresServer | undefined;
let templateRoot: string | undefined;

export default async function setup(project: TestProject) {
  const kind = process.env.CUE_TEST_DB === "postgres" ? "postgres" : "pglite";
  if (kind === "postgres") {
    server = await startPostgres({ fsync: false });
    project.provide("databaseUrl", server.url);
    project.provide("pgliteTemplate", "");
  } else {
    templateRoot = mkdtempSync(path.join(tmpdir(), "cue-pglite-template-"));
    const dir = path.join(templateRoot, "data");
    process.env.CUE_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const { closeDatabase, database } = await import("../../lib/server/db");
    await database();
    await closeDatabase();
    project.provide("databaseUrl", "");
    project.provide("pgliteTemplate", dir);
  }
  return () => {
    if (server) removePostgres(server);
    if (templateRoot) rmSync(templateRoot, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    pgliteTemplate: string;
  }
}
