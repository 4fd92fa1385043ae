// Reading drafts for words: the canvas describes half-filled nodes, so every read here
// tolerates missing or mistyped data instead of throwing.
import { OPERATORS, operatorDefinitions, type Operator } from "../operators";

export const MISSING = "…";
const MAX_TEXT = 60;

export type Data = Record<string, unknown>;

export function asData(value: unknown): Data {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

export function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export function positive(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

export function shorten(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
}

export function plural(amount: number, unit: string): string {
  return `${amount} ${amount === 1 ? unit : `${unit}s`}`;
}

export function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => text(item) !== null) : [];
}

function isOperator(value: unknown): value is Operator {
  return typeof value === "string" && (OPERATORS as readonly string[]).includes(value);
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return MISSING;
}

export function describeFilter(filter: unknown): string {
  const { path, op, value } = asData(filter);
  const field = text(path) ?? MISSING;
  if (!isOperator(op)) return `${field} ${MISSING}`;
  const definition = operatorDefinitions[op];
  return definition.needsValue === "none" ? `${field} ${definition.label}` : `${field} ${definition.label} ${formatValue(value)}`;
}

export function describeFilters(filters: unknown, joiner: string): string | null {
  if (!Array.isArray(filters) || filters.length === 0) return null;
  return filters.map(describeFilter).join(joiner);
}
