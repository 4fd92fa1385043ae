// The Test panel's script: the events a pretend user logs, as typed (event name, JSON
// data, the gap since the previous one), and the simulate request's `events` made from
// them, or what to fix on each row.
import type { SimulateEvent } from "@/lib/client/connectors";
import { DELAY_UNITS, type DelayUnit } from "@/lib/engine/nodes/fields";
import { parseJsonObject } from "@/lib/client/json-object";

export type ScriptRow = { key: string; event: string; data: string; amount: string; unit: DelayUnit };
export type RowErrors = Partial<Record<"event" | "data" | "amount", string>>;

export const SCRIPT_UNITS = DELAY_UNITS;
export const MAX_SCRIPT_ROWS = 100;
// The simulate route's bound on a gap.
const MAX_AMOUNT = 100_000;

let rowCount = 0;
export function newRow(event = "", after: { amount: string; unit: DelayUnit } = { amount: "1", unit: "hours" }): ScriptRow {
  return { key: `row-${++rowCount}`, event, data: "", ...after };
}

/** The request's events, or the problems per row (keyed by row) when any row is not ready. */
export function scriptEvents(rows: readonly ScriptRow[]): { ok: true; events: SimulateEvent[] } | { ok: false; errors: Map<string, RowErrors> } {
  const errors = new Map<string, RowErrors>();
  const events: SimulateEvent[] = rows.map((row, index) => {
    const found: RowErrors = {};
    const event = row.event.trim();
    if (!event) found.event = "Name the event";
    const data = parseJsonObject(row.data, '{ "qty": 2 }');
    if ("error" in data) found.data = data.error;
    const amount = Number(row.amount);
    const gap = index > 0;
    if (gap && (row.amount.trim() === "" || !Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT)) found.amount = "A whole number, 0 or more";
    if (Object.keys(found).length > 0) errors.set(row.key, found);
    return {
      event,
      ...("data" in data && data.data ? { data: data.data } : {}),
      ...(gap ? { after: { amount, unit: row.unit } } : {}),
    };
  });
  return errors.size > 0 ? { ok: false, errors } : { ok: true, events };
}
