// The delivery policy as the editor holds it: numbers as typed, quiet hours kept while
// switched off (switching back on restores them), caps with a row id for React. Turned
// into the API's shape on save; the API's schema (lib/delivery/policy.ts) judges it, and
// its field errors come back on the same paths ("quietHours.start", "caps.0.per.amount").
import { describeCap, describeQuietHours, type Cap, type CapChannel, type DeliveryPolicy } from "@/lib/delivery/policy";
import type { Channel, DelayUnit } from "@/lib/engine/nodes/fields";

export type CapDraft = { id: number; channel: CapChannel; max: string; amount: string; unit: DelayUnit };

export type PolicyDraft = {
  timezone: string;
  quietOn: boolean;
  start: string;
  end: string;
  channels: Channel[];
  mode: "hold" | "drop";
  caps: CapDraft[];
  capMode: "drop" | "defer";
};

export type PolicyErrors = Record<string, string>;

/** What switching quiet hours on proposes when the policy has none yet. */
const QUIET_DEFAULTS = { start: "21:00", end: "08:00", channels: ["push", "sms"] as Channel[], mode: "hold" as const };

let nextId = 1;
export const newCapId = () => nextId++;

export function capDraft(cap?: Cap): CapDraft {
  return cap
    ? { id: newCapId(), channel: cap.channel, max: String(cap.max), amount: String(cap.per.amount), unit: cap.per.unit }
    : { id: newCapId(), channel: "push", max: "3", amount: "1", unit: "days" };
}

export function draftFrom(policy: DeliveryPolicy): PolicyDraft {
  const quiet = policy.quietHours ?? QUIET_DEFAULTS;
  return {
    timezone: policy.timezone,
    quietOn: policy.quietHours !== null,
    start: quiet.start,
    end: quiet.end,
    channels: [...quiet.channels],
    mode: quiet.mode,
    caps: policy.caps.map(capDraft),
    capMode: policy.capMode,
  };
}

// A whole number as typed, or null when it is not one (blank, "2.5", "x").
function whole(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The cap a row stands for, or null while its numbers are not whole numbers. */
export function capOf(row: CapDraft): Cap | null {
  const max = whole(row.max);
  const amount = whole(row.amount);
  return max === null || amount === null ? null : { channel: row.channel, max, per: { amount, unit: row.unit } };
}

/**
 * The policy to send, or the fields that are not numbers yet (the only thing the API's
 * answer could not name well: a blank number reaches it as null). Everything else —
 * ranges, the time zone, an empty window — is the API's to judge.
 */
export function policyFrom(draft: PolicyDraft): { policy: DeliveryPolicy } | { errors: PolicyErrors } {
  const errors: PolicyErrors = {};
  const caps: Cap[] = [];
  draft.caps.forEach((row, i) => {
    if (whole(row.max) === null) errors[`caps.${i}.max`] = "Enter a whole number";
    if (whole(row.amount) === null) errors[`caps.${i}.per.amount`] = "Enter a whole number";
    const cap = capOf(row);
    if (cap) caps.push(cap);
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    policy: {
      timezone: draft.timezone.trim(),
      quietHours: draft.quietOn ? { start: draft.start, end: draft.end, channels: draft.channels, mode: draft.mode } : null,
      caps,
      capMode: draft.capMode,
    },
  };
}

/** The API's field errors by path, the first message of each. */
export function errorsFrom(details: ReadonlyArray<{ path: string; message: string }>): PolicyErrors {
  const errors: PolicyErrors = {};
  for (const detail of details) errors[detail.path] ??= detail.message;
  return errors;
}

/** Every error at `path` or below it, as one line ("caps.0" gathers caps.0.per.amount too). */
export function errorUnder(errors: PolicyErrors, path: string): string | undefined {
  const found = Object.entries(errors).filter(([key]) => key === path || key.startsWith(`${path}.`));
  return found.length ? found.map(([, message]) => message).join(" · ") : undefined;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The quiet-hours rule in words, or why it cannot be said yet. */
export function quietHoursWords(draft: PolicyDraft): string {
  if (!draft.quietOn) return "No quiet hours: messages go out at any hour.";
  if (draft.channels.length === 0) return "Choose the channels quiet hours apply to.";
  if (!CLOCK.test(draft.start) || !CLOCK.test(draft.end)) return "Give the start and end as 24-hour times, like 21:00 and 08:00.";
  if (draft.start === draft.end) return "Quiet hours end when they start: choose a different end.";
  return describeQuietHours({ start: draft.start, end: draft.end, channels: draft.channels, mode: draft.mode });
}

export function capWords(row: CapDraft): string | null {
  const cap = capOf(row);
  return cap && cap.max > 0 && cap.per.amount > 0 ? describeCap(cap) : null;
}

/** Whether the draft says something other than the saved policy. */
export function isDirty(draft: PolicyDraft, saved: DeliveryPolicy): boolean {
  const result = policyFrom(draft);
  const baseline = policyFrom(draftFrom(saved));
  // Both go through the same conversion, so key order and number spelling cannot differ.
  return !("policy" in result) || !("policy" in baseline) || JSON.stringify(result.policy) !== JSON.stringify(baseline.policy);
}
