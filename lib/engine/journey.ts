// A user's walk through one connector version, told in words: "Entered Cart abandonment
// v3 at Nov 26, 10:02 UTC from ADDTOCART · waited 1 hour · sent push 'You left 2 items'".
// Built from what the engine stored (the enrollment's trace, status and end reason), the
// version's rule and graph, and the messages the enrollment recorded. Stored JSON is
// untrusted, so every read tolerates missing or odd values instead of throwing.
import type { TraceEntry as EngineTraceEntry } from "./execute";
import { formatUtc, parseTime, type MessageLike } from "./journey-format";
import type { Story } from "./nodes/definition";
import { stepNode, type Step } from "./nodes/registry";
import type { Rule } from "./rule";

export const JOURNEY_STATUSES = ["in_progress", "completed", "cancelled", "exited", "failed"] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const JOURNEY_STEP_KINDS = [
  "entered", "waiting", "delay", "waited", "checked", "cancelled", "branched",
  "sent", "queued", "held", "skipped", "failed", "segment", "acted", "completed", "exited",
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

export type JourneyMessage = MessageLike & { id: string; nodeId: string | null; status: string; error: string | null; reason?: string | null };

export type JourneyInput = {
  connectorName: string;
  /** null: a draft walked by a simulation, not a published version. */
  version: number | null;
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

// Stored traces are read as they are: an unknown "what" still reads, as itself.
type TraceEntry = EngineTraceEntry;

function readTrace(value: unknown): TraceEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    if (typeof raw !== "object" || raw === null) return [];
    const { nodeId, at, what, detail } = raw as Record<string, unknown>;
    if (typeof nodeId !== "string" || typeof what !== "string" || !parseTime(at)) return [];
    const entry = { nodeId, at: at as string, what: what as TraceEntry["what"] };
    return [typeof detail === "string" ? { ...entry, detail } : entry];
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
export function parseCancelDetail(detail: string | undefined): { event: string; timestamp: Date } | null {
  const match = detail?.match(/^(?:by )?(.+) at (\S+)$/);
  const timestamp = parseTime(match?.[2]);
  return match && timestamp ? { event: match[1]!, timestamp } : null;
}

function enteredText(detail: string | undefined): string {
  if (detail?.startsWith("entered from ")) return `Entered from ${detail.slice("entered from ".length)}`;
  return detail ? `Entered: ${detail}` : "Entered";
}

type Context = { input: JourneyInput; steps: Record<string, Step>; drawn: Map<string, unknown> };

function stepOf(ctx: Context, nodeId: string): Step | undefined {
  return Object.hasOwn(ctx.steps, nodeId) ? ctx.steps[nodeId] : undefined;
}

function story(ctx: Context, trace: readonly TraceEntry[], index: number): Story {
  return { input: ctx.input, drawn: (nodeId) => ctx.drawn.get(nodeId), trace, index };
}

// Words for an entry no node type claims (a version whose rule is gone, an old trace).
function plainStep(entry: TraceEntry): JourneyStep {
  const base = { at: entry.at, nodeId: entry.nodeId, messageId: null };
  if (entry.what === "passed") return { ...base, kind: "checked", text: "Went on" };
  if (entry.what === "acted") return { ...base, kind: "acted", text: entry.detail ? `Ran an action: ${entry.detail}` : "Ran an action" };
  return { ...base, kind: "acted", text: entry.detail ? `${entry.what}: ${entry.detail}` : entry.what };
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
    const step = stepOf(ctx, entry.nodeId);
    // The trigger's entry starts the story at the trigger event's time.
    if (entry.what === "passed" && (index === 0 || entry.nodeId === input.rule?.trigger.nodeId)) {
      steps.push({ at: input.triggeredAt.toISOString(), nodeId: entry.nodeId, messageId: null, kind: "entered", text: enteredText(entry.detail) });
      return;
    }
    if (entry.what === "cancelled") {
      const by = parseCancelDetail(entry.detail) ?? input.cancelledBy;
      // The engine stamps a cancel found in a delay with the time the delay began; the
      // cancel cannot have happened before the event that caused it.
      const at = by && by.timestamp.getTime() > Date.parse(entry.at) ? by.timestamp.toISOString() : entry.at;
      const described: JourneyStep = { at, nodeId: entry.nodeId, messageId: null, kind: "cancelled", text: cancelledText(by) };
      if (by) cancelAt.set(described, by.timestamp);
      steps.push(described);
      return;
    }
    steps.push(...(step ? stepNode(step).tell(entry, step, story(ctx, trace, index)) : [plainStep(entry)]));
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
  const waiting = step ? stepNode(step).waiting?.(step, story(ctx, [], 0), input.dueAt) : undefined;
  if (!waiting) return { nodeId: input.nodeId, until, delay: null, cancelEvents: [], text: "In progress" };
  return { nodeId: input.nodeId, until, ...waiting };
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function summarize(input: JourneyInput, steps: JourneyStep[], cancelAt: Map<JourneyStep, Date>, waiting: JourneyWaiting | null): string {
  const name = input.version === null ? `${input.connectorName} (draft)` : `${input.connectorName} v${input.version}`;
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
