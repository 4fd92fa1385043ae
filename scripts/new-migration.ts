// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with whatever the schema has that the migrations lack.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema, migrationsDir } from "../prisma/schema-diff";

const name = (process.argv[2] ?? "change").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
async function main() {
  const sql = await diffMigrationsToSchema();
  if (!sql) {
    console.log("Schema and migrations agree; nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql + "\n");
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

void main();
