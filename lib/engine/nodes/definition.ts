// What a node type is, in one place: its data (the strict schema publish and the
// inspector share), its outputs, how it compiles into a rule step, how that step runs,
// how it reads in words on the canvas and in a user's journey, and which counts the
// canvas shows on it. The compiler, the runner, the journey text, the stats and the
// canvas all read these definitions (lib/engine/nodes/registry.ts), so a new node type
// is a new definition plus its inspector form and icon, and TypeScript names every
// table that still lacks it.
import type { z } from "zod";
import type { Effect, Outcome, StepContext, TraceEntry } from "../execute";
import type { JourneyInput, JourneyStep } from "../journey";
import type { Trigger } from "../rule";
import type { TemplateScope } from "../templates";
import type { TemplateContent } from "./fields";
import type { Data } from "./words";

export const NODE_TYPES = ["trigger", "delay", "wait", "cancel", "condition", "split", "action"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** The counts a node can show once its connector runs (GET /connectors/{id}/stats). */
export const NODE_COUNTS = ["entered", "waiting", "passed", "cancelled", "sent", "held", "skipped", "failed"] as const;
export type NodeCount = (typeof NODE_COUNTS)[number];

/**
 * One way out of a node. `handle` is the edge's sourceHandle: null for a node's single
 * output, a name ("yes", "no", a split's branch key) where a node branches.
 */
export type Output = { handle: string | null; label: string };
export const SINGLE_OUTPUT: readonly Output[] = [{ handle: null, label: "next" }];

/** What a summary may name beyond the node's own data: saved templates, by id. */
export type DescribeContext = { templateName?: (id: string) => string | undefined };

type Basics<D> = {
  label: string;
  /** One line for the palette. */
  description: string;
  /** What a node of this type starts with when dropped on the canvas. */
  initialData(): Data;
  /** The executable shape of the node's data. */
  data: z.ZodType<D>;
  /** Its ways out, read from a possibly half-filled draft. */
  outputs(data: Data): readonly Output[];
  /** The one-line summary on the canvas; tolerates half-filled drafts. */
  describe(data: Data, context?: DescribeContext): string;
  /** The counts worth showing on the node (by what it does), the first always. */
  counts(data: Data): readonly NodeCount[];
  /** Data fields that are Liquid templates, checked to parse even in a draft. */
  templateFields?: readonly string[];
  /** Problems only the application's saved templates reveal (one the node names is gone, or for another channel). */
  templateProblems?(data: Data, context: CompileContext): { field: string; message: string }[];
};

export type TriggerDefinition<D> = Basics<D> & {
  compileTrigger(nodeId: string, data: D): Trigger;
};

/** Where a walk stands as it reaches a step. */
export type Walk = {
  ctx: StepContext;
  /** The template scope, made when first read. */
  readonly scope: TemplateScope;
  /** The scope as this step sees it, for a message rendered when first read (ctx.renderLater). */
  laterScope(): () => TemplateScope;
  /** When the walk reached this node: delays count from here (event time). */
  clock: Date;
  /** The due time stored for the node the walk was waiting in, when it resumes there. */
  resumingDueAt: Date | null;
  /** When the walk reached the node it resumes in (from its trace), if known. */
  waitingSince: Date | null;
};

/** A step either passes the walk on (maybe with an effect) or stops it (waiting or ended). */
export type StepResult =
  | { next: string | null; trace: TraceEntry; effect?: Effect | null; clock?: Date }
  | { stop: Outcome; trace: TraceEntry | null };

/** What a node's journey text may read besides its own step. */
export type Story = {
  input: JourneyInput;
  /** The node's data as drawn (the graph of the enrollment's version). */
  drawn(nodeId: string): unknown;
  /** The entry's position in the trace, and the whole trace, for look-ahead. */
  index: number;
  trace: readonly TraceEntry[];
};

/** What compiling may read besides the node: the saved templates a send names (absent on the canvas). */
export type CompileContext = { template(id: string): TemplateContent | undefined };

export type WaitingText = { delay: string | null; cancelEvents: string[]; text: string };

export type StepDefinition<D, S extends { type: string; id: string }> = Basics<D> & {
  /** The compiled step as stored in a published version's rule. */
  step: z.ZodType<S>;
  /** `next(handle)` is the node the edge from that output leads to, or null. */
  compile(id: string, data: D, next: (handle: string | null) => string | null, context: CompileContext): S;
  /** Every node the step can lead to (for the stored rule's link and cycle checks). */
  targets(step: S): Array<string | null>;
  /** Events that matter to a walk while it is in progress (cancels), for the rule index. */
  listensFor?(step: S): string[];
  run(step: S, walk: Walk): StepResult;
  /** The journey's words for one of this step's trace entries; [] leaves it out. */
  tell(entry: TraceEntry, step: S, story: Story): JourneyStep[];
  /** What an enrollment waiting in this step is waiting for. */
  waiting?(step: S, story: Story, until: Date | null): WaitingText;
};
