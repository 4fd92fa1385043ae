// The SQL a segment rule compiles to must judge values exactly as the engine's filter
// operators do, or a dynamic segment and a connector condition would disagree about the
// same user. Each case is evaluated both ways, on the real database.
import { describe, expect, it } from "vitest";
import { matchesFilter } from "@/lib/engine/filters";
import type { Operator } from "@/lib/engine/operators";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { filterSql, jsonPath, objectOrEmpty } from "@/lib/server/segments/filter-sql";

const MISSING = Symbol("missing");
type Case = [Operator, unknown, unknown];

const cases: Case[] = [
  ["eq", "2", 2], ["eq", "2.0", 2], ["eq", " 2 ", "2.00"], ["eq", "\t7\n", 7], ["eq", "abc", "abc"], ["eq", "abc", "ABC"],
  ["eq", true, "true"], ["eq", false, "true"], ["eq", true, true], ["eq", "", 0], ["eq", MISSING, "x"], ["eq", null, "null"],
  ["eq", { a: 1 }, "[object Object]"], ["eq", [1], 1], ["eq", 1.5, "1.50"], ["eq", "1e3", 1000], ["eq", ".5", 0.5], ["eq", "5.", 5],
  ["eq", "+5", 5], ["eq", "1e400", "1e400"], ["eq", "NaN", "NaN"], ["eq", "Infinity", "Infinity"], ["eq", "1_000", 1000],
  ["eq", "ünïcode", "ünïcode"], ["eq", 0, -0], ["eq", "-0", 0],
  ["neq", "2", 2], ["neq", "a", "b"], ["neq", MISSING, "x"], ["neq", null, "x"], ["neq", [1], 1],
  ["gt", "120.00", 100], ["gt", "99.5", 100], ["gt", 10, 9], ["gt", "10", "9"], ["gt", "abc", "abb"], ["gt", "abc", 100],
  ["gt", MISSING, 0], ["gt", null, 0], ["gt", "Infinity", 100], ["gt", "b", "B"], ["gt", "a", "B"], ["gt", "é", "z"],
  ["gt", true, "false"], ["gt", "1e400", 5], ["gt", -1, "-2"], ["gt", "Zebra", "apple"],
  ["gte", 100, "100"], ["gte", "100.00", 100], ["gte", 99, 100], ["gte", MISSING, 0], ["gte", "b", "b"],
  ["lt", "9", "10"], ["lt", "b", "a"], ["lt", MISSING, 10], ["lt", "-5", 0], ["lt", "a", 1],
  ["lte", 100, 100], ["lte", 101, 100], ["lte", "abc", "abc"], ["lte", { a: 1 }, 5],
  ["in", "2", [1, 2, 3]], ["in", 2, ["1", "2.0"]], ["in", "pro", ["free", "pro"]], ["in", "team", ["free", "pro"]],
  ["in", MISSING, ["free"]], ["in", true, ["true"]], ["in", "x", ["x", 1]], ["in", "1.0", ["x", 1]], ["in", "abc", [1, 2]],
  ["nin", "team", ["free", "pro"]], ["nin", "pro", ["free", "pro"]], ["nin", MISSING, ["free"]], ["nin", 3, ["3"]],
  ["contains", "Hello world", "world"], ["contains", "Hello world", "World"], ["contains", ["a", "2"], 2],
  ["contains", ["a", "b"], "c"], ["contains", 12345, "234"], ["contains", MISSING, "x"], ["contains", [1, 2.5], "2.50"],
  ["contains", [[1]], 1], ["contains", "abc", ""], ["contains", "100%", "%"], ["contains", "a_b", "_"], ["contains", [true], "true"],
  ["startsWith", "SKU-123", "SKU"], ["startsWith", "sku-123", "SKU"], ["startsWith", 123, "1"], ["startsWith", MISSING, "x"],
  ["startsWith", "abc", ""], ["startsWith", "50%", "5"], ["startsWith", "émoji 😀", "émoji 😀"], ["startsWith", "x", 1],
  ["exists", 0, undefined], ["exists", "", undefined], ["exists", false, undefined], ["exists", null, undefined],
  ["exists", MISSING, undefined], ["exists", [], undefined], ["exists", {}, undefined],
  ["notExists", MISSING, undefined], ["notExists", null, undefined], ["notExists", "x", undefined], ["notExists", 0, undefined],
];

async function sqlSays(op: Operator, actual: unknown, expected: unknown, path: string): Promise<boolean> {
  const subject = actual === MISSING ? {} : path === "v" ? { v: actual } : { a: { list: [{ v: actual }] } };
  const value = jsonPath(objectOrEmpty(Prisma.sql`${JSON.stringify(subject)}::jsonb`), path);
  const prisma = await db();
  const [row] = await prisma.$queryRaw<{ ok: boolean }[]>`SELECT ${filterSql(op, value, expected)} AS ok`;
  return row!.ok;
}

describe("segment filter SQL agrees with the engine's operators", () => {
  it.each(cases)("%s: %j vs %j", async (op, actual, expected) => {
    const subject = actual === MISSING ? {} : { v: actual };
    const engine = matchesFilter({ path: "v", op, value: expected }, subject);
    expect(await sqlSays(op, actual, expected, "v")).toBe(engine);
  });

  it("reads nested paths and array indexes as the engine's readPath does", async () => {
    for (const [op, actual, expected] of cases.slice(0, 30)) {
      const subject = actual === MISSING ? {} : { a: { list: [{ v: actual }] } };
      const engine = matchesFilter({ path: "a.list.0.v", op, value: expected }, subject);
      expect(await sqlSays(op, actual, expected, "a.list.0.v"), `${op} ${JSON.stringify(actual)} ${JSON.stringify(expected)}`).toBe(engine);
    }
  });

  it("treats a path through a non-object, a wrong index or a missing key as not set", async () => {
    const prisma = await db();
    const subject = { a: "text", list: [1, 2], obj: { "0": "zero" } };
    for (const [path, set] of [["a.b", false], ["list.5", false], ["list.x", false], ["list.1", true], ["obj.0", true], ["nope", false]] as const) {
      const value = jsonPath(Prisma.sql`${JSON.stringify(subject)}::jsonb`, path);
      const [row] = await prisma.$queryRaw<{ ok: boolean }[]>`SELECT ${filterSql("exists", value, undefined)} AS ok`;
      expect(row!.ok, path).toBe(set);
      expect(matchesFilter({ path, op: "exists" }, subject), path).toBe(set);
    }
  });
});
