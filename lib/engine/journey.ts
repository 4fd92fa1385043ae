// A user's walk through one connector version, told in words: "Entered Cart abandonment
// v3 at Nov 26, 10:02 UTC from ADDTOCART · waited 1 hour · sent push 'You left 2 items'".
// Built from what the engine stored (the enrollment's trace, status and end reason), the
// version's rule and graph, and the messages the enrollment recorded. Stored JSON is
// untrusted, so every read tolerates missing or odd values instead of throwing.
import { describeFilter } from "./describe";
import { pendingCancelsFrom } from "./execute";
import { channelWord, formatDelay, formatUtc, messageHeadline, parseTime, type MessageLike } from "./journey-format";
import type { Rule, Step } from "./rule";

export const JOURNEY_STATUSES = ["in_progress", "completed", "cancelled", "exited", "failed"] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const JOURNEY_STEP_KINDS = [
  "entered", "waiting", "delay", "waited", "checked", "cancelled", "branched",
  "sent", "queued", "skipped", "failed", "segment", "acted", "completed", "exited",
] as const;
export type JourneyStepKind = (typeof JOURNEY_STEP_KINDS)[number];

export type JourneyStep = { at: string; nodeId: string; kind: JourneyStepKind; text: string; messageId: string | null };

export type JourneyWaiting = {
  nodeId: string | null;
  until: string | null;
  /** The delay as drawn ("24 hours"); null when the enrollment is not in a delay. */
  delay: string | null;
  /** Events that end the wait early, as the cancel steps after this delay name them. */
  cancelEvents: string[];
  text: string;
};

export type JourneyMessage = MessageLike & { id: string; nodeId: string | null; status: string; error: string | null };

export type JourneyInput = {
  connectorName: string;
  version: number;
  connectorPaused: boolean;
  status: string;
  nodeId: string | null;
  dueAt: Date | null;
  endReason: string | null;
  endedAt: Date | null;
  createdAt: Date;
  /** The trigger event's timestamp: the engine counts delays from it, so the story starts there. */
  triggeredAt: Date;
  trace: unknown;
  rule: Rule | null;
  graph: unknown;
  messages: JourneyMessage[];
  /** The cancelling event, looked up from the end reason's event id; used when the trace does not name it. */
  cancelledBy: { event: string; timestamp: Date } | null;
};

export type JourneyDescription = { status: JourneyStatus; steps: JourneyStep[]; summary: string; waiting: JourneyWaiting | null };

type TraceEntry = { nodeId: string; at: string; what: string; detail: string | null };

function readTrace(value: unknown): TraceEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    if (typeof raw !== "object" || raw === null) return [];
    const { nodeId, at, what, detail } = raw as Record<string, unknown>;
    if (typeof nodeId !== "string" || typeof what !== "string" || !parseTime(at)) return [];
    return [{ nodeId, at: at as string, what, detail: typeof detail === "string" ? detail : null }];
  });
}

function graphNodeData(graph: unknown): Map<string, unknown> {
  const nodes = typeof graph === "object" && graph !== null ? (graph as { nodes?: unknown }).nodes : undefined;
  const found = new Map<string, unknown>();
  if (!Array.isArray(nodes)) return found;
  for (const node of nodes) {
    if (typeof node === "object" && node !== null && typeof (node as { id?: unknown }).id === "string") {
      found.set((node as { id: string }).id, (node as { data?: unknown }).data);
    }
  }
  return found;
}

export function journeyStatus(stored: string): JourneyStatus {
  if (stored === "entered" || stored === "active") return "in_progress";
  return (JOURNEY_STATUSES as readonly string[]).includes(stored) ? (stored as JourneyStatus) : "exited";
}

// A "cancelled" entry names the event and its timestamp, "by PURCHASE at <iso>"; traces
// stored before the matcher used that wording too say "PURCHASE at <iso>".
export function parseCancelDetail(detail: string | null): { event: string; timestamp: Date } | null {
  const match = detail?.match(/^(?:by )?(.+) at (\S+)$/);
  const timestamp = parseTime(match?.[2]);
  return match && timestamp ? { event: match[1]!, timestamp } : null;
}

function enteredText(detail: string | null): string {
  if (detail?.startsWith("entered from ")) return `Entered from ${detail.slice("entered from ".length)}`;
  return detail ? `Entered: ${detail}` : "Entered";
}

type Context = { input: JourneyInput; steps: Record<string, Step>; drawn: Map<string, unknown> };

function stepOf(ctx: Context, nodeId: string): Step | undefined {
  return Object.hasOwn(ctx.steps, nodeId) ? ctx.steps[nodeId] : undefined;
}

function delayText(ctx: Context, nodeId: string): string {
  const step = stepOf(ctx, nodeId);
  return step?.type === "delay" ? formatDelay(step.ms, ctx.drawn.get(nodeId)) : "a delay";
}

function sendStep(entry: TraceEntry, message: JourneyMessage | undefined, channel: string): JourneyStep {
  const base = { at: entry.at, nodeId: entry.nodeId, messageId: message?.id ?? null };
  const word = channelWord(channel);
  if (!message) return { ...base, kind: "acted", text: `Ran the ${word} step; no message was recorded` };
  const what = `${word} '${messageHeadline(message)}'`;
  switch (message.status) {
    case "sent":
      return { ...base, kind: "sent", text: `Sent ${what}` };
    case "skipped":
      return { ...base, kind: "skipped", text: `Skipped ${what}${message.error ? `: ${message.error}` : ""}` };
    case "failed":
      return { ...base, kind: "failed", text: `Could not send ${what}${message.error ? `: ${message.error}` : ""}` };
    default:
      return { ...base, kind: "queued", text: `Queued ${what} for delivery` };
  }
}

function actedStep(ctx: Context, entry: TraceEntry): JourneyStep {
  const base = { at: entry.at, nodeId: entry.nodeId, messageId: null };
  const step = stepOf(ctx, entry.nodeId);
  const action = step?.type === "action" ? step.action : null;
  const skipped = entry.detail?.startsWith("skipped: ") ? entry.detail.slice("skipped: ".length) : null;
  if (action?.kind === "send") {
    return sendStep(entry, ctx.input.messages.find((m) => m.nodeId === entry.nodeId), action.channel);
  }
  if (action && skipped) {
    const verb = { addToSegment: "adding to a segment", removeFromSegment: "removing from a segment", sendToSegment: "sending to a segment" }[action.kind];
    return { ...base, kind: "skipped", text: `Skipped ${verb}: ${skipped}` };
  }
  if (action?.kind === "sendToSegment") {
    return { ...base, kind: "sent", text: `Sent ${channelWord(action.channel)} to the members of segment ${entry.detail?.replace(/^\S+ to segment /, "") ?? action.segment}` };
  }
  if (action && entry.detail) {
    return { ...base, kind: "segment", text: entry.detail.charAt(0).toUpperCase() + entry.detail.slice(1) };
  }
  return { ...base, kind: "acted", text: entry.detail ? `Ran an action: ${entry.detail}` : "Ran an action" };
}

function conditionText(step: Step | undefined, answer: string): string {
  if (step?.type !== "condition" || step.where.length === 0) return `Checked a condition: ${answer}`;
  const joiner = step.match === "any" ? " or " : " and ";
  return `Checked whether ${step.where.map(describeFilter).join(joiner)}: ${answer}`;
}

// The trigger's entry starts the story at the trigger event's time; other nodes were passed through.
function passedStep(ctx: Context, entry: TraceEntry, isEntry: boolean): JourneyStep {
  const base = { at: entry.at, nodeId: entry.nodeId, messageId: null };
  const step = stepOf(ctx, entry.nodeId);
  if (isEntry) return { ...base, at: ctx.input.triggeredAt.toISOString(), kind: "entered", text: enteredText(entry.detail) };
  if (step?.type === "delay") return { ...base, kind: "waited", text: `Waited ${delayText(ctx, entry.nodeId)}` };
  if (step?.type === "cancel") return { ...base, kind: "checked", text: `No ${step.events.join(" or ")} since entering, so not cancelled` };
  return { ...base, kind: "checked", text: "Went on" };
}

function cancelledText(by: { event: string } | null): string {
  return by ? `Cancelled by ${by.event}` : "Cancelled";
}

function traceSteps(ctx: Context, trace: TraceEntry[]): { steps: JourneyStep[]; cancelAt: Map<JourneyStep, Date> } {
  const steps: JourneyStep[] = [];
  // When the cancelling event happened, for the summary ("cancelled by PURCHASE at 13:40").
  const cancelAt = new Map<JourneyStep, Date>();
  const { input } = ctx;
  trace.forEach((entry, index) => {
    const base = { at: entry.at, nodeId: entry.nodeId, messageId: null };
    const step = stepOf(ctx, entry.nodeId);
    switch (entry.what) {
      case "waited": {
        // A wait that later passed reads once, as "Waited …", at the time it passed.
        if (trace.slice(index + 1).some((later) => later.nodeId === entry.nodeId && later.what === "passed")) return;
        const stillWaiting = input.status === "active" && input.nodeId === entry.nodeId;
        steps.push({ ...base, kind: stillWaiting ? "waiting" : "delay", text: `${stillWaiting ? "Waiting" : "Started waiting"} ${delayText(ctx, entry.nodeId)}` });
        return;
      }
      case "passed":
        steps.push(passedStep(ctx, entry, index === 0 || entry.nodeId === input.rule?.trigger.nodeId));
        return;
      case "cancelled": {
        const by = parseCancelDetail(entry.detail) ?? input.cancelledBy;
        // The engine stamps a cancel found in a delay with the time the delay began; the
        // cancel cannot have happened before the event that caused it.
        const at = by && by.timestamp.getTime() > Date.parse(entry.at) ? by.timestamp.toISOString() : entry.at;
        const described: JourneyStep = { ...base, at, kind: "cancelled", text: cancelledText(by) };
        if (by) cancelAt.set(described, by.timestamp);
        steps.push(described);
        return;
      }
      case "yes":
      case "no":
        steps.push({ ...base, kind: "branched", text: conditionText(step, entry.what) });
        return;
      case "acted":
        steps.push(actedStep(ctx, entry));
        return;
      default:
        steps.push({ ...base, kind: "acted", text: entry.detail ? `${entry.what}: ${entry.detail}` : entry.what });
    }
  });
  return { steps, cancelAt };
}

// How an enrollment ended when the trace does not say it (completed, exited, failed, or a
// cancel recorded before traces named the event).
function endingStep(input: JourneyInput, status: JourneyStatus, steps: JourneyStep[]): JourneyStep | null {
  const at = (input.endedAt ?? input.createdAt).toISOString();
  const nodeId = input.nodeId ?? "";
  const base = { at, nodeId, messageId: null };
  switch (status) {
    case "completed":
      return { ...base, kind: "completed", text: "Completed" };
    case "exited":
      return { ...base, kind: "exited", text: input.endReason ? `Exited: ${input.endReason}` : "Exited" };
    case "failed":
      return { ...base, kind: "failed", text: input.endReason ? `Failed: ${input.endReason}` : "Failed" };
    case "cancelled":
      return steps.some((s) => s.kind === "cancelled") ? null : { ...base, kind: "cancelled", text: cancelledText(input.cancelledBy) };
    default:
      return null;
  }
}

function waitingFor(ctx: Context): JourneyWaiting {
  const { input } = ctx;
  const until = input.dueAt?.toISOString() ?? null;
  const step = input.nodeId ? stepOf(ctx, input.nodeId) : undefined;
  if (input.status === "entered") {
    return { nodeId: input.nodeId, until, delay: null, cancelEvents: [], text: "Starting with the next scheduler pass" };
  }
  if (step?.type !== "delay" || !input.nodeId) {
    return { nodeId: input.nodeId, until, delay: null, cancelEvents: [], text: "In progress" };
  }
  const delay = delayText(ctx, input.nodeId);
  const cancelEvents = ctx.input.rule ? [...new Set(pendingCancelsFrom(ctx.input.rule, input.nodeId).flatMap((c) => c.events))] : [];
  let text = `Waiting ${delay}${input.dueAt ? `, until ${formatUtc(input.dueAt)}` : ""}`;
  if (cancelEvents.length > 0) text += `; ${cancelEvents.join(" or ")} before then cancels it`;
  return { nodeId: input.nodeId, until, delay, cancelEvents, text };
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function summarize(input: JourneyInput, steps: JourneyStep[], cancelAt: Map<JourneyStep, Date>, waiting: JourneyWaiting | null): string {
  const name = `${input.connectorName} v${input.version}`;
  const parts: string[] = [];
  for (const step of steps) {
    if (step.kind === "entered" && parts.length === 0) {
      const how = step.text === "Entered" ? "" : step.text.startsWith("Entered from ") ? ` ${step.text.slice("Entered ".length)}` : ` (${step.text.slice("Entered: ".length)})`;
      parts.push(`Entered ${name} at ${formatUtc(new Date(step.at))}${how}`);
    } else if (step.kind !== "checked") {
      const when = cancelAt.get(step);
      parts.push(when ? `${lower(step.text)} at ${formatUtc(when)}` : lower(step.text));
    }
  }
  if (steps[0]?.kind !== "entered") parts.unshift(`Entered ${name} at ${formatUtc(input.triggeredAt)}`);
  const last = steps.at(-1);
  if (waiting && !(last?.kind === "waiting" && waiting.delay)) parts.push(lower(waiting.text));
  else if (waiting) parts[parts.length - 1] = lower(waiting.text);
  return parts.join(" · ");
}

export function describeJourney(input: JourneyInput): JourneyDescription {
  const status = journeyStatus(input.status);
  const ctx: Context = { input, steps: input.rule?.steps ?? {}, drawn: graphNodeData(input.graph) };
  const { steps, cancelAt } = traceSteps(ctx, readTrace(input.trace));
  const ending = endingStep(input, status, steps);
  if (ending) {
    steps.push(ending);
    if (ending.kind === "cancelled" && input.cancelledBy) cancelAt.set(ending, input.cancelledBy.timestamp);
  }
  let waiting: JourneyWaiting | null = null;
  if (status === "in_progress") {
    waiting = input.connectorPaused
      ? { nodeId: input.nodeId, until: input.dueAt?.toISOString() ?? null, delay: null, cancelEvents: [], text: "Paused with the connector; resumes when it is resumed" }
      : waitingFor(ctx);
  }
  return { status, steps, summary: summarize(input, steps, cancelAt, waiting), waiting };
}
