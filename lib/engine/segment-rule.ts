// The rule of a dynamic segment: who belongs, in terms of what users did (event
// conditions) and who they are (attribute conditions). The server turns it into SQL;
// this module only says what a valid rule is and how to read one aloud.
import { z } from "zod";
import { filterProblems } from "./filters";
import { OPERATORS, operatorDefinitions } from "./operators";

const SEGMENT_MATCH = ["all", "any"] as const;
const MAX_CONDITIONS = 20;
const MAX_WITHIN_DAYS = 3650;
const MAX_COUNT = 100_000;

// The user fields a condition can read, as the engine's user record names them.
export const USER_FIELDS = ["id", "email", "name", "phone"] as const;

const pathParts = (path: string) => path.split(".");

// Paths are read the same way by the engine (readPath) and by SQL (jsonb #>), which
// only agree when no part is empty, a prototype name, or a negative index.
function pathProblem(path: string): string | null {
  const parts = pathParts(path);
  if (parts.includes("")) return "A path cannot have empty parts (like a..b)";
  if (parts.includes("__proto__")) return "A path cannot use __proto__";
  if (parts.some((part) => /^-\d+$/.test(part))) return "A path cannot use negative indexes";
  return null;
}

const dataPath = z
  .string({ error: "Choose the field to compare" })
  .min(1, { error: "Choose the field to compare" })
  .max(200, { error: "Paths are at most 200 characters" })
  .superRefine((path, ctx) => {
    const problem = pathProblem(path);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const userPath = dataPath.refine(
  (path) => (USER_FIELDS as readonly string[]).includes(path) || (path.startsWith("attributes.") && path.length > "attributes.".length),
  { error: `Use ${USER_FIELDS.join(", ")} or attributes.<name>` },
);

const op = z.enum(OPERATORS, { error: `Choose how to compare: ${OPERATORS.join(", ")}` });

function valueRefinement(filter: { op: (typeof OPERATORS)[number]; value?: unknown }, ctx: z.RefinementCtx) {
  const problem = filterProblems({ path: "-", ...filter });
  if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
}

const dataFilterSchema = z.object({ path: dataPath, op, value: z.unknown().optional() }).superRefine(valueRefinement);

const count = (what: string) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int({ error: `${what} must be a whole number` })
    .min(0, { error: `${what} cannot be negative` })
    .max(MAX_COUNT, { error: `${what} is at most ${MAX_COUNT}` });

const eventConditionSchema = z
  .object({
    kind: z.literal("event"),
    event: z
      .string({ error: "Choose an event" })
      .min(1, { error: "Choose an event" })
      .max(200, { error: "Event names are at most 200 characters" }),
    atLeast: count("atLeast").optional(),
    atMost: count("atMost").optional(),
    withinDays: z
      .number({ error: "withinDays must be a whole number of days" })
      .int({ error: "withinDays must be a whole number of days" })
      .min(1, { error: "withinDays is at least 1" })
      .max(MAX_WITHIN_DAYS, { error: `withinDays is at most ${MAX_WITHIN_DAYS}` })
      .optional(),
    where: z.array(dataFilterSchema, { error: "where must be a list of filters" }).max(20, { error: "At most 20 filters" }).optional(),
  })
  .superRefine((condition, ctx) => {
    const { atLeast, atMost } = eventCounts(condition);
    if (atMost !== undefined && atLeast > atMost) {
      ctx.addIssue({ code: "custom", path: ["atMost"], message: "atMost cannot be less than atLeast" });
    }
    if (atLeast === 0 && atMost === undefined) {
      ctx.addIssue({ code: "custom", path: ["atLeast"], message: "atLeast 0 with no atMost matches everyone; set atLeast ≥ 1 or an atMost" });
    }
  });

const attributeConditionSchema = z
  .object({ kind: z.literal("attribute"), path: userPath, op, value: z.unknown().optional() })
  .superRefine(valueRefinement);

const segmentConditionSchema = z.discriminatedUnion("kind", [eventConditionSchema, attributeConditionSchema], {
  error: 'Each condition needs a kind: "event" or "attribute"',
});

export const segmentRuleSchema = z
  .object({
    match: z.enum(SEGMENT_MATCH, { error: 'match is "all" or "any"' }).default("all"),
    conditions: z
      .array(segmentConditionSchema, { error: "conditions must be a list" })
      .min(1, { error: "A rule needs at least one condition" })
      .max(MAX_CONDITIONS, { error: `A rule has at most ${MAX_CONDITIONS} conditions` }),
  })
  .meta({
    description:
      "Who belongs to a dynamic segment. `match` all|any combines the conditions. An event condition counts the user's " +
      "events of that name (inside the last `withinDays` days, matching `where` on the event data) and holds when the count " +
      "is between `atLeast` (default 1, or 0 when `atMost` is given) and `atMost`; `atMost: 0` means \"did not do it\". An " +
      "attribute condition compares a user field (id, email, name, phone, attributes.<name>) with a filter operator, with " +
      "the same semantics as connector filters.",
  });

export type SegmentRule = z.infer<typeof segmentRuleSchema>;
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;
export type EventCondition = z.infer<typeof eventConditionSchema>;
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

/** The count bounds an event condition means, with its defaults filled in. */
export function eventCounts(condition: { atLeast?: number; atMost?: number }): { atLeast: number; atMost?: number } {
  return { atLeast: condition.atLeast ?? (condition.atMost === undefined ? 1 : 0), atMost: condition.atMost };
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => JSON.stringify(v)).join(", ");
  return JSON.stringify(value);
}

function describeFilter(path: string, filter: { op: (typeof OPERATORS)[number]; value?: unknown }): string {
  const definition = operatorDefinitions[filter.op];
  return definition.needsValue === "none" ? `${path} ${definition.label}` : `${path} ${definition.label} ${describeValue(filter.value)}`;
}

// "did PURCHASE at least 2 times", "did not do PURCHASE".
function describeCount(condition: EventCondition): string {
  const { atLeast, atMost } = eventCounts(condition);
  const times = (n: number) => (n === 1 ? "once" : `${n} times`);
  if (atMost === 0) return `did not do ${condition.event}`;
  if (atMost === undefined) return atLeast === 1 ? `did ${condition.event}` : `did ${condition.event} at least ${times(atLeast)}`;
  if (atLeast === atMost) return `did ${condition.event} exactly ${times(atLeast)}`;
  if (atLeast === 0) return `did ${condition.event} at most ${times(atMost)}`;
  return `did ${condition.event} ${atLeast} to ${atMost} times`;
}

/** One line per condition, for lists and headers: "did PURCHASE in the last 30 days (amount is at least 100)". */
function describeCondition(condition: SegmentCondition): string {
  if (condition.kind === "attribute") return describeFilter(condition.path, condition);
  const window = condition.withinDays ? ` in the last ${condition.withinDays === 1 ? "day" : `${condition.withinDays} days`}` : " ever";
  const where = condition.where?.length ? ` (${condition.where.map((f) => describeFilter(f.path, f)).join(", ")})` : "";
  return `${describeCount(condition)}${window}${where}`;
}

export function describeRule(rule: SegmentRule): string {
  return rule.conditions.map(describeCondition).join(rule.match === "all" ? " and " : " or ");
}
