import { describe, expect, it } from "vitest";
import { OPERATORS, operatorDefinitions, type Operator } from "./operators";

const cases: Array<[Operator, unknown, unknown, boolean]> = [
  // numeric when both sides read as numbers
  ["eq", "2", 2, true],
  ["eq", "2.0", 2, true],
  ["eq", " 2 ", "2.00", true],
  ["eq", "abc", "abc", true],
  ["eq", "abc", "ABC", false],
  ["eq", true, "true", true],
  ["eq", false, "true", false],
  ["eq", "", 0, false],
  ["eq", undefined, "x", false],
  ["eq", null, "null", false],
  ["eq", { a: 1 }, "[object Object]", false],
  ["neq", "2", 2, false],
  ["neq", "a", "b", true],
  ["neq", undefined, "x", true],
  ["gt", "120.00", 100, true],
  ["gt", "99.5", 100, false],
  ["gt", 10, 9, true],
  ["gt", "10", "9", true],
  ["gt", "abc", "abb", true],
  ["gt", "abc", 100, true],
  ["gt", undefined, 0, false],
  ["gt", null, 0, false],
  ["gt", "Infinity", 100, true],
  ["gte", 100, "100", true],
  ["gte", "100.00", 100, true],
  ["gte", 99, 100, false],
  ["gte", undefined, 0, false],
  ["lt", "9", "10", true],
  ["lt", "b", "a", false],
  ["lt", undefined, 10, false],
  ["lte", 100, 100, true],
  ["lte", 101, 100, false],
  ["in", "2", [1, 2, 3], true],
  ["in", "pro", ["free", "pro"], true],
  ["in", "team", ["free", "pro"], false],
  ["in", undefined, ["free"], false],
  ["in", "pro", "pro", false],
  ["nin", "team", ["free", "pro"], true],
  ["nin", "pro", ["free", "pro"], false],
  ["nin", undefined, ["free"], true],
  ["contains", "Hello world", "world", true],
  ["contains", "Hello world", "World", false],
  ["contains", ["a", "2"], 2, true],
  ["contains", ["a", "b"], "c", false],
  ["contains", 12345, "234", false],
  ["contains", undefined, "x", false],
  ["startsWith", "SKU-123", "SKU", true],
  ["startsWith", "sku-123", "SKU", false],
  ["startsWith", 123, "1", false],
  ["startsWith", undefined, "x", false],
  ["exists", 0, undefined, true],
  ["exists", "", undefined, true],
  ["exists", false, undefined, true],
  ["exists", null, undefined, false],
  ["exists", undefined, undefined, false],
  ["notExists", undefined, undefined, true],
  ["notExists", null, undefined, true],
  ["notExists", "x", undefined, false],
];

describe("operatorDefinitions", () => {
  it.each(cases)("%s: %j vs %j → %s", (op, actual, expected, result) => {
    expect(operatorDefinitions[op].evaluate(actual, expected)).toBe(result);
  });

  it("covers every operator in the table and the tests", () => {
    expect(Object.keys(operatorDefinitions).sort()).toEqual([...OPERATORS].sort());
    expect(new Set(cases.map(([op]) => op))).toEqual(new Set(OPERATORS));
  });

  it.each(OPERATORS)("%s has a label for the canvas", (op) => {
    expect(operatorDefinitions[op].label.length).toBeGreaterThan(0);
  });
});
