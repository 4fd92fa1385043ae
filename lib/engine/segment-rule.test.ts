import { describe, expect, it } from "vitest";
import { describeRule, eventCounts, segmentRuleSchema } from "./segment-rule";

const issues = (rule: unknown) => {
  const parsed = segmentRuleSchema.safeParse(rule);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("segmentRuleSchema", () => {
  it.each([
    ["one event condition", { conditions: [{ kind: "event", event: "PURCHASE", withinDays: 30 }] }],
    ["did not do", { match: "all", conditions: [{ kind: "event", event: "PURCHASE", atMost: 0, withinDays: 7 }] }],
    ["a count range with filters", { conditions: [{ kind: "event", event: "VIEW", atLeast: 2, atMost: 5, where: [{ path: "product.sku", op: "startsWith", value: "SKU" }] }] }],
    ["attributes", { match: "any", conditions: [{ kind: "attribute", path: "attributes.plan", op: "in", value: ["pro", "team"] }, { kind: "attribute", path: "email", op: "exists" }] }],
  ])("accepts %s", (_, rule) => {
    expect(issues(rule)).toEqual([]);
  });

  it.each([
    ["no conditions", { conditions: [] }, "conditions: A rule needs at least one condition"],
    ["an unknown kind", { conditions: [{ kind: "page" }] }, 'conditions.0.kind: Each condition needs a kind: "event" or "attribute"'],
    ["a missing event", { conditions: [{ kind: "event" }] }, "conditions.0.event: Choose an event"],
    ["atMost below atLeast", { conditions: [{ kind: "event", event: "X", atLeast: 3, atMost: 1 }] }, "conditions.0.atMost: atMost cannot be less than atLeast"],
    ["a rule that matches everyone", { conditions: [{ kind: "event", event: "X", atLeast: 0 }] }, "conditions.0.atLeast: atLeast 0 with no atMost matches everyone; set atLeast ≥ 1 or an atMost"],
    ["a fractional count", { conditions: [{ kind: "event", event: "X", atLeast: 1.5 }] }, "conditions.0.atLeast: atLeast must be a whole number"],
    ["a zero window", { conditions: [{ kind: "event", event: "X", withinDays: 0 }] }, "conditions.0.withinDays: withinDays is at least 1"],
    ["a filter without a value", { conditions: [{ kind: "event", event: "X", where: [{ path: "amount", op: "gt" }] }] }, 'conditions.0.where.0.value: "is more than" needs a value (text, a number or true/false)'],
    ["an empty path part", { conditions: [{ kind: "event", event: "X", where: [{ path: "a..b", op: "exists" }] }] }, "conditions.0.where.0.path: A path cannot have empty parts (like a..b)"],
    ["a negative index", { conditions: [{ kind: "event", event: "X", where: [{ path: "items.-1", op: "exists" }] }] }, "conditions.0.where.0.path: A path cannot use negative indexes"],
    ["an unknown user field", { conditions: [{ kind: "attribute", path: "plan", op: "eq", value: "pro" }] }, "conditions.0.path: Use id, email, name, phone or attributes.<name>"],
    ["an empty list", { conditions: [{ kind: "attribute", path: "attributes.plan", op: "in", value: [] }] }, 'conditions.0.value: "is one of" needs a list of values'],
    ["a bad match", { match: "some", conditions: [{ kind: "attribute", path: "email", op: "exists" }] }, 'match: match is "all" or "any"'],
  ])("rejects %s with a message on the field", (_, rule, message) => {
    expect(issues(rule)).toContain(message);
  });

  it("defaults match to all", () => {
    expect(segmentRuleSchema.parse({ conditions: [{ kind: "attribute", path: "email", op: "exists" }] }).match).toBe("all");
  });
});

describe("eventCounts", () => {
  it.each([
    [{}, { atLeast: 1, atMost: undefined }],
    [{ atLeast: 3 }, { atLeast: 3, atMost: undefined }],
    [{ atMost: 0 }, { atLeast: 0, atMost: 0 }],
    [{ atMost: 4 }, { atLeast: 0, atMost: 4 }],
    [{ atLeast: 2, atMost: 4 }, { atLeast: 2, atMost: 4 }],
  ])("%j means %j", (input, expected) => {
    expect(eventCounts(input)).toEqual(expected);
  });
});

describe("describeRule", () => {
  it.each([
    [{ conditions: [{ kind: "event", event: "PURCHASE", withinDays: 30 }] }, "did PURCHASE in the last 30 days"],
    [{ conditions: [{ kind: "event", event: "PURCHASE", atMost: 0, withinDays: 1 }] }, "did not do PURCHASE in the last day"],
    [{ conditions: [{ kind: "event", event: "VIEW", atLeast: 2 }] }, "did VIEW at least 2 times ever"],
    [{ conditions: [{ kind: "event", event: "VIEW", atLeast: 2, atMost: 2 }] }, "did VIEW exactly 2 times ever"],
    [{ conditions: [{ kind: "event", event: "VIEW", atMost: 3 }] }, "did VIEW at most 3 times ever"],
    [{ conditions: [{ kind: "event", event: "VIEW", atLeast: 1, atMost: 3 }] }, "did VIEW 1 to 3 times ever"],
    [
      { match: "any", conditions: [{ kind: "event", event: "PURCHASE", withinDays: 7, where: [{ path: "amount", op: "gte", value: 100 }] }, { kind: "attribute", path: "attributes.plan", op: "in", value: ["pro", "team"] }] },
      'did PURCHASE in the last 7 days (amount is at least 100) or attributes.plan is one of "pro", "team"',
    ],
    [{ conditions: [{ kind: "attribute", path: "email", op: "exists" }, { kind: "attribute", path: "name", op: "eq", value: "Ada" }] }, 'email is set and name is "Ada"'],
  ])("%j reads as %s", (rule, text) => {
    expect(describeRule(segmentRuleSchema.parse(rule))).toBe(text);
  });
});
