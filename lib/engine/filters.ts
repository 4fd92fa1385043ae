import { z } from "zod";
import { OPERATORS, isScalar, operatorDefinitions } from "./operators";

export const filterSchema = z.object({
  path: z.string().min(1).max(200),
  op: z.enum(OPERATORS),
  value: z.unknown().optional(),
});
export type Filter = z.infer<typeof filterSchema>;

export const MAX_LIST_VALUES = 500;

// Paths come from untrusted graphs and untrusted event data, so only own properties
// are read: "constructor.name" or "__proto__" must never reach into prototypes.
export function readPath(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const key of path.split(".")) {
    if (key === "" || key === "__proto__") return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(key)) return undefined;
      current = current[Number(key)];
    } else if (typeof current === "object" && current !== null && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return undefined;
    }
  }
  return current;
}

export function matchesFilter(filter: Filter, subject: unknown): boolean {
  return operatorDefinitions[filter.op].evaluate(readPath(subject, filter.path), filter.value);
}

export function matchesFilters(filters: Filter[], subject: unknown, match: "all" | "any" = "all"): boolean {
  if (filters.length === 0) return true;
  return match === "all"
    ? filters.every((filter) => matchesFilter(filter, subject))
    : filters.some((filter) => matchesFilter(filter, subject));
}

/** An event's data against filters, read only when there are any (a backtest's events parse their data when first read). */
export function dataMatches(filters: Filter[], event: { data: unknown }): boolean {
  return filters.length === 0 || matchesFilters(filters, event.data);
}

// The value's shape is checked against the operator here rather than in the zod
// schema so the canvas can save half-filled filters and still show why they fail.
export function filterProblems(filter: Filter): string | null {
  const shape = operatorDefinitions[filter.op].needsValue;
  const label = operatorDefinitions[filter.op].label;
  if (shape === "scalar" && !isScalar(filter.value)) {
    return `"${label}" needs a value (text, a number or true/false)`;
  }
  if (shape === "list") {
    if (!Array.isArray(filter.value) || filter.value.length === 0) return `"${label}" needs a list of values`;
    if (filter.value.length > MAX_LIST_VALUES) return `"${label}" takes at most ${MAX_LIST_VALUES} values`;
    if (!filter.value.every(isScalar)) return `"${label}" takes only text, numbers or true/false in its list`;
  }
  return null;
}
