// Offline replacement for `prisma migrate diff`: the CLI's native schema engine cannot be
// downloaded here, so we run Prisma's own schema engine compiled to wasm against an
// in-memory PGlite. Used by `npm run db:migration` and by the schema/migrations test.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

const root = path.resolve(import.meta.dirname, "..");
export const schemaPath = path.join(root, "prisma", "schema.prisma");
export const migrationsDir = path.join(root, "prisma", "migrations");

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

async function loadSchemaEngine(): Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } }> {
  // The package imports its .wasm as an ES module, which Node cannot do; wire it by hand.
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bg = await import(path.join(pkgDir, "schema_engine_bg.js"));
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg;
}

export async function listMigrations(): Promise<{ name: string; sql: string }[]> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") })),
  );
}

/** SQL that takes a database at the migrations' end state to the schema; "" when they agree. */
export async function diffMigrationsToSchema(): Promise<string> {
  const { SchemaEngine } = await loadSchemaEngine();
  const pglite = new PGlite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const schema = await readFile(schemaPath, "utf8");
  const files = [{ path: schemaPath, content: schema }];
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
  try {
    const migrations = await listMigrations();
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: { path: "migration_lock.toml", content: await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8") },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
        })),
      },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    return sql.includes("This is an empty migration") ? "" : sql.trim();
  } finally {
    engine.free();
    await pglite.close();
  }
}
