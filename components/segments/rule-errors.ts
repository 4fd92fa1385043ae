// Problems of a draft rule, keyed by path ("conditions.0.where.1.value"), from the same
// schema the API validates with, so the builder and the server never disagree.
import { segmentRuleSchema, type SegmentRule } from "@/lib/engine/segment-rule";
import type { ApiErrorDetail } from "@/lib/client/api";

type RuleCheck = { rule: SegmentRule | null; errors: Map<string, string[]> };

function add(errors: Map<string, string[]>, path: string, message: string) {
  errors.set(path, [...(errors.get(path) ?? []), message]);
}

export function checkRule(draft: unknown): RuleCheck {
  const parsed = segmentRuleSchema.safeParse(draft);
  const errors = new Map<string, string[]>();
  if (parsed.success) return { rule: parsed.data, errors };
  for (const issue of parsed.error.issues) add(errors, issue.path.join("."), issue.message);
  return { rule: null, errors };
}

/** The API's details for a body's `rule`, re-keyed for the builder ("rule.conditions.0" → "conditions.0"). */
export function ruleErrorsFromApi(details: ApiErrorDetail[]): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const detail of details) if (detail.path.startsWith("rule.")) add(errors, detail.path.slice("rule.".length), detail.message);
  return errors;
}
