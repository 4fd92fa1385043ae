import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "./schema-diff";

describe("prisma/migrations", () => {
  it("end in exactly the state schema.prisma describes", async () => {
    const sql = await diffMigrationsToSchema();
    // If this fails: run `npm run db:migration -- <name>` and commit the new migration.
    expect(sql).toBe("");
  }, 60_000);
});
