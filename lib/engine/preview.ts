import { readPath } from "./filters";
import { OPERATORS, type Operator } from "./operators";
import type { EventRecord } from "./types";

// A stand-in trigger event for the canvas's live template preview when the app has not
// logged a real one yet: it satisfies the trigger's filters and fills every
// `event.data.…` field the templates read with a visible placeholder.

type Data = Record<string, unknown>;

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function asData(value: unknown): Data {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

/** The `event.data` paths a template reads, in order of first use ("qty", "order.nr"). */
export function eventDataPaths(template: string): string[] {
  const paths = new Set<string>();
  for (const match of template.matchAll(/\bevent\.data\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)/g)) {
    if (match[1]) paths.add(match[1]);
  }
  return [...paths];
}

function setPath(target: Data, path: string, value: unknown): void {
  const keys = path.split(".");
  if (keys.some((key) => key === "" || UNSAFE_KEYS.has(key))) return;
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) current[key] = {};
    current = current[key] as Data;
  }
  current[keys[keys.length - 1]!] = value;
}

function numeric(value: unknown): number | null {
  const parsed = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

// A value the operator accepts, or undefined when the filter asks for absence.
function satisfying(op: Operator, value: unknown): unknown {
  switch (op) {
    case "eq":
    case "gte":
    case "lte":
      return value ?? "sample";
    case "contains":
    case "startsWith":
      return String(value ?? "sample");
    case "gt":
      return numeric(value) !== null ? numeric(value)! + 1 : `${String(value ?? "")}z`;
    case "lt":
      return numeric(value) !== null ? numeric(value)! - 1 : "";
    case "in":
      return Array.isArray(value) && value.length > 0 ? value[0] : "sample";
    case "neq":
    case "nin":
      return "something else";
    case "exists":
      return "sample";
    case "notExists":
      return undefined;
  }
}

export function sampleEventData(trigger: unknown, templates: string[]): Data {
  const data: Data = {};
  const filters = asData(trigger).where;
  for (const filter of Array.isArray(filters) ? filters : []) {
    const { path, op, value } = asData(filter);
    if (typeof path !== "string" || !(OPERATORS as readonly string[]).includes(op as string)) continue;
    const sample = satisfying(op as Operator, value);
    if (sample !== undefined) setPath(data, path, sample);
  }
  const sameValueOf = asData(asData(trigger).occurrences).sameValueOf;
  if (typeof sameValueOf === "string" && readPath(data, sameValueOf) === undefined) setPath(data, sameValueOf, `[${sameValueOf}]`);
  for (const path of templates.flatMap(eventDataPaths)) {
    if (readPath(data, path) === undefined) setPath(data, path, `[${path}]`);
  }
  return data;
}

/** The sample trigger event itself; time comes in as an argument, like everywhere in the engine. */
export function sampleEvent(trigger: unknown, templates: string[], now: Date): EventRecord {
  const event = asData(trigger).event;
  return {
    id: "sample",
    event: typeof event === "string" && event.trim() !== "" ? event : "EVENT",
    userId: "u_sample",
    data: sampleEventData(trigger, templates),
    timestamp: now,
  };
}
