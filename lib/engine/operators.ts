// Filter operators as one table (label for the canvas, value shape, evaluation), so
// adding an operator is one entry and every operator is table-tested the same way.

export const OPERATORS = [
  "eq",
  "neq",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "nin",
  "contains",
  "startsWith",
  "exists",
  "notExists",
] as const;
export type Operator = (typeof OPERATORS)[number];

export type ValueShape = "none" | "scalar" | "list";

export type OperatorDefinition = {
  label: string;
  needsValue: ValueShape;
  evaluate(actual: unknown, expected: unknown): boolean;
};

type Scalar = string | number | boolean;

export function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

// Event data arrives from apps as strings ("120.00") as often as numbers, so a value
// reads as a number whenever it looks like one.
function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

// -1, 0, 1, or null when the two values cannot be compared (missing or non-scalar).
function compare(actual: unknown, expected: unknown): number | null {
  if (!isScalar(actual) || !isScalar(expected)) return null;
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (a !== null && b !== null) return a === b ? 0 : a < b ? -1 : 1;
  const sa = String(actual);
  const sb = String(expected);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export function valuesEqual(actual: unknown, expected: unknown): boolean {
  return compare(actual, expected) === 0;
}

function isIn(actual: unknown, expected: unknown): boolean {
  return Array.isArray(expected) && expected.some((item) => valuesEqual(actual, item));
}

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => valuesEqual(item, expected));
  return typeof actual === "string" && isScalar(expected) && actual.includes(String(expected));
}

function exists(actual: unknown): boolean {
  return actual !== undefined && actual !== null;
}

function ordered(test: (order: number) => boolean) {
  return (actual: unknown, expected: unknown) => {
    const order = compare(actual, expected);
    return order !== null && test(order);
  };
}

export const operatorDefinitions: Record<Operator, OperatorDefinition> = {
  eq: { label: "is", needsValue: "scalar", evaluate: valuesEqual },
  neq: { label: "is not", needsValue: "scalar", evaluate: (a, e) => !valuesEqual(a, e) },
  gt: { label: "is more than", needsValue: "scalar", evaluate: ordered((o) => o > 0) },
  gte: { label: "is at least", needsValue: "scalar", evaluate: ordered((o) => o >= 0) },
  lt: { label: "is less than", needsValue: "scalar", evaluate: ordered((o) => o < 0) },
  lte: { label: "is at most", needsValue: "scalar", evaluate: ordered((o) => o <= 0) },
  in: { label: "is one of", needsValue: "list", evaluate: isIn },
  nin: { label: "is not one of", needsValue: "list", evaluate: (a, e) => !isIn(a, e) },
  contains: { label: "contains", needsValue: "scalar", evaluate: contains },
  startsWith: {
    label: "starts with",
    needsValue: "scalar",
    evaluate: (a, e) => typeof a === "string" && isScalar(e) && a.startsWith(String(e)),
  },
  exists: { label: "is set", needsValue: "none", evaluate: (a) => exists(a) },
  notExists: { label: "is not set", needsValue: "none", evaluate: (a) => !exists(a) },
};
