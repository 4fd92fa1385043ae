// The rule builder edits a loose draft (what the inputs hold, half-filled or not) and
// checks it with the one rule schema; these helpers map the builder's "how often"
// choice onto atLeast/atMost and back, so the form never holds a second rule format.
import { eventCounts } from "@/lib/engine/segment-rule";

export const COUNT_MODES = ["atLeast", "atMost", "exactly", "never"] as const;
export type CountMode = (typeof COUNT_MODES)[number];
export const COUNT_MODE_LABELS: Record<CountMode, string> = { atLeast: "at least", atMost: "at most", exactly: "exactly", never: "never" };

type Counts = Record<string, unknown> & { atLeast?: unknown; atMost?: unknown };
const whole = (value: unknown) => (typeof value === "number" && Number.isInteger(value) ? value : undefined);

/** How the builder shows a condition's counts, and the number in its input. */
export function countMode(condition: Counts): { mode: CountMode; times: number } {
  const { atLeast, atMost } = eventCounts({ atLeast: whole(condition.atLeast), atMost: whole(condition.atMost) });
  if (atMost === 0) return { mode: "never", times: 0 };
  if (atMost === undefined) return { mode: "atLeast", times: atLeast };
  if (atLeast === atMost) return { mode: "exactly", times: atLeast };
  return { mode: "atMost", times: atMost };
}

/** The condition with its counts set from the builder's choice; other fields kept. */
export function withCounts<T extends Counts>(condition: T, mode: CountMode, times: number): Omit<T, "atLeast" | "atMost"> & Counts {
  const { atLeast: _atLeast, atMost: _atMost, ...rest } = condition;
  switch (mode) {
    case "atLeast":
      return { ...rest, atLeast: times };
    case "atMost":
      return { ...rest, atMost: times };
    case "exactly":
      return { ...rest, atLeast: times, atMost: times };
    case "never":
      return { ...rest, atMost: 0 };
  }
}

export const newEventCondition = () => ({ kind: "event" as const, event: "", atLeast: 1, withinDays: 30 });
export const newAttributeCondition = () => ({ kind: "attribute" as const, path: "attributes.", op: "eq" as const, value: "" });
