// How many messages a rule would send a day if it were live, from how often its trigger
// fires. A rough, honest estimate kept in one pure function, so that a backtest (the live
// engine replayed over stored events) can replace it without touching its callers.
//
// Each user entering walks one path: delays and cancels pass everyone on (cancelled users
// are not subtracted), a split shares entries out by its weights, and where a condition
// or a wait branches on something the rollups cannot tell, the branch that sends more is
// counted. Trigger filters are not applied either. So the figure is an upper bound.
import type { Rule } from "@/lib/engine/rule";
import type { Step } from "@/lib/engine/nodes/registry";
import type { Forecast } from "./check-result";

export type ForecastInput = {
  /**
   * How often the trigger fires a day: the trigger event's daily count for an event
   * trigger, the users who fall silent a day for an inactivity trigger; null when the
   * rollups cannot tell.
   */
  triggerPerDay: number | null;
  /** Members of the segment a sendToSegment action names (its name as written, maybe a template). */
  segmentSize(name: string): number;
};

type PerChannel = Map<string, number>;

const isTemplate = (name: string) => /\{\{|\{%/.test(name);

function add(into: PerChannel, from: PerChannel, times = 1): PerChannel {
  for (const [channel, n] of from) into.set(channel, (into.get(channel) ?? 0) + n * times);
  return into;
}

const total = (counts: PerChannel) => [...counts.values()].reduce((sum, n) => sum + n, 0);

/** Messages one entering user causes from this step on, by channel. */
function fromStep(rule: Rule, id: string | null, input: ForecastInput, memo: Map<string, PerChannel>): PerChannel {
  if (id === null || !Object.hasOwn(rule.steps, id)) return new Map();
  const known = memo.get(id);
  if (known) return known;
  const step: Step = rule.steps[id]!;
  const next = (target: string | null) => fromStep(rule, target, input, memo);
  let result: PerChannel;
  switch (step.type) {
    case "delay":
    case "cancel":
      result = next(step.next);
      break;
    case "action": {
      result = add(new Map(), next(step.next));
      const { action } = step;
      if (action.kind === "send") result.set(action.channel, (result.get(action.channel) ?? 0) + 1);
      if (action.kind === "sendToSegment") result.set(action.channel, (result.get(action.channel) ?? 0) + input.segmentSize(action.segment));
      break;
    }
    case "split": {
      const weights = step.branches.reduce((sum, branch) => sum + branch.weight, 0);
      result = new Map();
      for (const branch of step.branches) add(result, next(branch.next), branch.weight / weights);
      break;
    }
    case "condition":
    case "wait": {
      const yes = next(step.yes);
      const no = next(step.no);
      result = total(yes) >= total(no) ? yes : no;
      break;
    }
    default: {
      const unknown: never = step;
      throw new Error(`forecast: no rule for step ${JSON.stringify(unknown)}`);
    }
  }
  memo.set(id, result);
  return result;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function notesFor(rule: Rule, input: ForecastInput): string[] {
  const notes: string[] = [];
  const { trigger } = rule;
  if (input.triggerPerDay === null) notes.push(`How many users fall silent a day cannot be read from the rollups for ${trigger.event}, so none are counted.`);
  if (trigger.kind === "event") {
    if (trigger.where.length > 0) notes.push("The trigger's filters are not applied: fewer users may enter.");
    const atLeast = trigger.occurrences?.atLeast ?? 1;
    if (atLeast > 1) notes.push(`One entry is counted per ${atLeast} ${trigger.event} events.`);
  }
  const steps = Object.values(rule.steps);
  if (steps.some((step) => step.type === "condition" || step.type === "wait")) notes.push("Where a condition or a wait branches, the branch that sends more is counted.");
  if (steps.some((step) => step.type === "cancel")) notes.push("Users a cancel step would stop are not subtracted.");
  if (steps.some((step) => step.type === "action" && step.action.kind === "sendToSegment" && isTemplate(step.action.segment))) {
    notes.push("A segment named by a template counts as the average size of the segments whose names fit it.");
  }
  return notes;
}

/** Messages a day by channel (every channel the rule sends on, 0 included), and what the figure leaves out. */
export function forecastRule(rule: Rule, input: ForecastInput): Forecast {
  const { trigger } = rule;
  const atLeast = trigger.kind === "event" ? (trigger.occurrences?.atLeast ?? 1) : 1;
  const entries = (input.triggerPerDay ?? 0) / atLeast;
  const perEntry = fromStep(rule, rule.entry, input, new Map());
  const byChannel: Record<string, number> = {};
  for (const step of Object.values(rule.steps)) {
    if (step.type === "action" && (step.action.kind === "send" || step.action.kind === "sendToSegment")) byChannel[step.action.channel] = 0;
  }
  for (const [channel, n] of perEntry) byChannel[channel] = round1(n * entries);
  // The total is the sum of what is shown per channel, so the parts always add up.
  const messagesPerDay = round1(Object.values(byChannel).reduce((sum, n) => sum + n, 0));
  return { messagesPerDay, byChannel, notes: notesFor(rule, input) };
}

/**
 * The member count for a sendToSegment action's segment name: the segment of that name,
 * or for a template ("Waitlist {{ event.data.product }}") the average of the segments
 * whose names fit it (each entry sends to one of them). 0 when none does.
 */
export function segmentSizeFor(name: string, segments: readonly { name: string; members: number }[]): number {
  if (!isTemplate(name)) return segments.find((segment) => segment.name === name.trim())?.members ?? 0;
  const pattern = name
    .trim()
    .split(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".+");
  const fits = new RegExp(`^${pattern}$`);
  const matching = segments.filter((segment) => fits.test(segment.name));
  return matching.length === 0 ? 0 : matching.reduce((sum, segment) => sum + segment.members, 0) / matching.length;
}

/** "120", "1,250", "4.5", "0.3": whole numbers from 10 on, one decimal below. */
export function formatPerDay(n: number): string {
  if (n >= 10) return Math.round(n).toLocaleString("en-US");
  return String(round1(n));
}

const CHANNEL_WORDS: Record<string, string> = { push: "push", email: "email", sms: "SMS", webhook: "webhook" };

/** A channel as a sentence says it: "push", "email", "SMS". */
export const channelWord = (channel: string): string => CHANNEL_WORDS[channel] ?? channel;
