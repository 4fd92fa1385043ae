// Every node type's definition, by type. The one table the compiler, the runner, the
// journey text, the stats and the canvas read; `satisfies` makes TypeScript name this
// table (and the canvas's icon and inspector tables) when a type is added to NODE_TYPES.
import { z } from "zod";
import { actionNode } from "./action";
import { cancelNode } from "./cancel";
import { conditionNode } from "./condition";
import { delayNode } from "./delay";
import { NODE_TYPES, type DescribeContext, type NodeCount, type NodeType, type Output, type StepDefinition } from "./definition";
import { splitNode } from "./split";
import { triggerNode } from "./trigger";
import { waitNode } from "./wait";
import { asData } from "./words";

export const STEP_NODES = {
  delay: delayNode,
  wait: waitNode,
  cancel: cancelNode,
  condition: conditionNode,
  split: splitNode,
  action: actionNode,
} satisfies { [T in Exclude<NodeType, "trigger">]: { step: z.ZodType<{ type: T; id: string }> } };

export const NODES = { trigger: triggerNode, ...STEP_NODES } satisfies Record<NodeType, { label: string }>;

type StepNodes = typeof STEP_NODES;
export type StepType = keyof StepNodes;
/** A compiled step, as a published version's rule stores it. */
export type Step = { [T in StepType]: z.infer<StepNodes[T]["step"]> }[StepType];

// Every type's stored step, one union; zod cannot type a union built from a table, so it
// is cast to the Step type the table defines.
export const stepSchema = z.discriminatedUnion(
  "type",
  Object.values(STEP_NODES).map((node) => node.step) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>],
) as unknown as z.ZodType<Step>;

/** The definition of a step type, its own types erased (callers hold a Step of that type). */
export function stepNodeOf(type: StepType): StepDefinition<unknown, Step> {
  return STEP_NODES[type] as unknown as StepDefinition<unknown, Step>;
}

/** The definition that runs (and tells) this step. */
export function stepNode(step: Step): StepDefinition<unknown, Step> {
  return stepNodeOf(step.type);
}

export const nodeDataSchemas = Object.fromEntries(NODE_TYPES.map((type) => [type, NODES[type].data])) as {
  [T in NodeType]: (typeof NODES)[T]["data"];
};

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === "string" && (NODE_TYPES as readonly string[]).includes(value);
}

/** A node's ways out, read from its (possibly half-filled) data. */
export function outputsOf(type: NodeType, data: unknown): readonly Output[] {
  return NODES[type].outputs(asData(data));
}

/** The counts worth showing on a node, the first always. */
export function countsOf(type: NodeType, data: unknown): readonly NodeCount[] {
  return NODES[type].counts(asData(data));
}

export function describeNode(type: string, data: unknown, context?: DescribeContext): string {
  return isNodeType(type) ? NODES[type].describe(asData(data), context) : "…";
}
