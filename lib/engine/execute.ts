import type { Channel, Content, RenderedContent, SendOptions } from "./nodes/fields";
import type { Walk } from "./nodes/definition";
import { stepNode } from "./nodes/registry";
import type { Rule } from "./rule";
import { templateScope, type TemplateScope } from "./templates";
import type { AppRecord, EventRecord, UserRecord } from "./types";

// nodeId = rule.entry and dueAt = null for a new enrollment; a delay or wait node and its
// due time while waiting, and when it reached that node (a woken wait needs its window).
export type EnrollmentPosition = { nodeId: string | null; dueAt: Date | null; since?: Date | null };

export type StepContext = {
  now: Date;
  /** The connector the walk belongs to: a split's branch is stable per (connector, node, user). */
  connectorId: string;
  rule: Rule;
  trigger: EventRecord;
  user: UserRecord;
  app: AppRecord;
  // The user's events named in rule.cancelEvents with timestamp >= trigger.timestamp.
  laterEvents: EventRecord[];
  /** Messages' texts render when first read (templates.ts laterContent): a backtest counts them all and shows a few. */
  renderLater?: boolean;
};

export type Outcome =
  | { status: "waiting"; nodeId: string; dueAt: Date }
  | { status: "completed" }
  | { status: "cancelled"; nodeId: string; byEventId: string };

export type Effect =
  | { kind: "send"; nodeId: string; channel: Channel; content: RenderedContent; options: SendOptions }
  | { kind: "addToSegment" | "removeFromSegment"; nodeId: string; segment: string }
  // Content stays unrendered: the server renders it per member, with that member as user.
  | { kind: "sendToSegment"; nodeId: string; segment: string; channel: Channel; content: Content; options: SendOptions }
  // Rendered values; null removes the attribute.
  | { kind: "setAttributes"; nodeId: string; attributes: Record<string, unknown> };

export type TraceEntry = {
  nodeId: string;
  at: string;
  // "yes"/"no" name a condition's or wait's branch; "branched" a split's, in detail.
  what: "waited" | "passed" | "cancelled" | "yes" | "no" | "branched" | "acted";
  detail?: string;
};

export type Advance = { outcome: Outcome; effects: Effect[]; trace: TraceEntry[] };

// A walk as advance moves it. A class: a backtest advances millions of walks, and an
// object literal with a getter would allocate the getter each time.
class AdvancingWalk implements Walk {
  // Made when a step first reads it (most steps are delays and cancels, which do not).
  #scope: TemplateScope | undefined;
  clock: Date;
  resumingDueAt: Date | null;
  waitingSince: Date | null;

  constructor(
    readonly ctx: StepContext,
    position: EnrollmentPosition,
  ) {
    this.clock = position.dueAt ?? ctx.trigger.timestamp;
    this.resumingDueAt = position.dueAt;
    this.waitingSince = position.dueAt ? (position.since ?? null) : null;
  }

  get scope(): TemplateScope {
    return (this.#scope ??= templateScope(this.ctx.trigger, this.ctx.user, this.ctx.app));
  }

  laterScope(): () => TemplateScope {
    // A later step's attribute changes replace scope.user: the copy keeps this step's. No
    // scope yet means no step changed the user, so the context's user is this step's.
    const scope = this.#scope ? { ...this.#scope } : null;
    const { trigger, user, app } = this.ctx;
    return scope ? () => scope : () => templateScope(trigger, user, app);
  }
}

// Rules are acyclic (compile and ruleSchema check it); this only guards a bug.
const MAX_STEPS = 1000;

// Runs an enrollment from its position until it must wait or ends; each step is run by
// its node type's definition (lib/engine/nodes). A logical clock (the time the walk
// reached the current node) makes delays count from the trigger event's timestamp and
// keeps chained delays on schedule when a tick is late.
export function advance(position: EnrollmentPosition, ctx: StepContext): Advance {
  const effects: Effect[] = [];
  const trace: TraceEntry[] = [];
  // One walk for the whole advance, moved on step by step (a step reads it while it runs).
  // Only the node the enrollment was waiting in resumes with its stored due time.
  const walk = new AdvancingWalk(ctx, position);
  let id = position.nodeId;
  for (let count = 0; id !== null; count++) {
    if (count >= MAX_STEPS) throw new Error(`advance: more than ${MAX_STEPS} steps; the rule loops`);
    const step = Object.hasOwn(ctx.rule.steps, id) ? ctx.rule.steps[id] : undefined;
    if (!step) throw new Error(`advance: the rule has no step ${id}`);
    const result = stepNode(step).run(step, walk);
    if (result.trace) trace.push(result.trace);
    if ("stop" in result) return { outcome: result.stop, effects, trace };
    if (result.effect) effects.push(result.effect);
    if (result.clock) walk.clock = result.clock;
    id = result.next;
    walk.resumingDueAt = null;
    walk.waitingSince = null;
  }
  return { outcome: { status: "completed" }, effects, trace };
}
