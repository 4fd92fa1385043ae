import { describe, expect, it } from "vitest";
import { filterProblems, matchesFilters, readPath, type Filter } from "./filters";

describe("readPath", () => {
  const subject = JSON.parse(
    '{"a":{"b":{"c":1}},"items":[{"sku":"X1"},{"sku":"X2"}],"zero":0,"nil":null,"__proto__":{"polluted":true}}',
  ) as unknown;

  it.each([
    ["a.b.c", 1],
    ["a.b", { c: 1 }],
    ["items.0.sku", "X1"],
    ["items.1.sku", "X2"],
    ["items.2.sku", undefined],
    ["items.length", undefined],
    ["items.x", undefined],
    ["zero", 0],
    ["nil", null],
    ["nil.x", undefined],
    ["missing", undefined],
    ["a..b", undefined],
    ["a.b.c.d", undefined],
    ["__proto__", undefined],
    ["__proto__.polluted", undefined],
    ["constructor", undefined],
    ["a.constructor.name", undefined],
    ["toString", undefined],
    ["a.hasOwnProperty", undefined],
  ])("%s → %j", (path, expected) => {
    expect(readPath(subject, path)).toEqual(expected);
  });

  it.each([null, undefined, 3, "text"])("reads nothing from %j", (value) => {
    expect(readPath(value, "a")).toBeUndefined();
  });
});

describe("matchesFilters", () => {
  const data = { amount: "120.00", currency: "EUR", tags: ["new", "sale"] };
  const big: Filter = { path: "amount", op: "gte", value: 100 };
  const usd: Filter = { path: "currency", op: "eq", value: "USD" };
  const sale: Filter = { path: "tags", op: "contains", value: "sale" };

  it.each<[string, Filter[], "all" | "any", boolean]>([
    ["no filters", [], "all", true],
    ["no filters, any", [], "any", true],
    ["one that holds", [big], "all", true],
    ["all hold", [big, sale], "all", true],
    ["one fails under all", [big, usd], "all", false],
    ["one holds under any", [usd, big], "any", true],
    ["none holds under any", [usd], "any", false],
  ])("%s", (_, filters, match, expected) => {
    expect(matchesFilters(filters, data, match)).toBe(expected);
  });

  it("defaults to all", () => {
    expect(matchesFilters([big, usd], data)).toBe(false);
  });
});

describe("filterProblems", () => {
  it.each<[Filter, boolean]>([
    [{ path: "a", op: "eq", value: "x" }, true],
    [{ path: "a", op: "eq", value: 0 }, true],
    [{ path: "a", op: "eq", value: false }, true],
    [{ path: "a", op: "eq", value: "" }, true],
    [{ path: "a", op: "eq" }, false],
    [{ path: "a", op: "eq", value: null }, false],
    [{ path: "a", op: "eq", value: ["x"] }, false],
    [{ path: "a", op: "gt", value: { n: 1 } }, false],
    [{ path: "a", op: "in", value: ["x", 1, true] }, true],
    [{ path: "a", op: "in", value: [] }, false],
    [{ path: "a", op: "in", value: "x" }, false],
    [{ path: "a", op: "nin", value: [["x"]] }, false],
    [{ path: "a", op: "exists" }, true],
    [{ path: "a", op: "notExists", value: "ignored" }, true],
  ])("%j valid: %s", (filter, valid) => {
    expect(filterProblems(filter) === null).toBe(valid);
  });
});
