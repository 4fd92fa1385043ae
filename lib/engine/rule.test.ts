import { describe, expect, it } from "vitest";
import { ruleSchema, type Rule } from "./rule";

const base: Rule = {
  version: 1,
  trigger: { nodeId: "t", kind: "event", event: "ADDTOCART", where: [], occurrences: null, reentry: "ifNotActive" },
  entry: "d",
  steps: {
    d: { type: "delay", id: "d", ms: 1000, next: "a" },
    a: { type: "action", id: "a", action: { kind: "send", channel: "push", content: { body: "Hi" } }, next: null },
  },
  cancelEvents: [],
};

describe("ruleSchema", () => {
  it("accepts a closed, acyclic rule", () => {
    expect(ruleSchema.parse(base)).toEqual(base);
  });

  it.each<[string, unknown]>([
    ["an unknown entry", { ...base, entry: "ghost" }],
    ["a dangling next", { ...base, steps: { ...base.steps, a: { ...base.steps.a, next: "ghost" } } }],
    ["a cycle", { ...base, steps: { ...base.steps, a: { ...base.steps.a, next: "d" } } }],
    ["a step stored under another key", { ...base, steps: { ...base.steps, d: { ...base.steps.d, id: "x" } } }],
    ["another version", { ...base, version: 2 }],
    ["a date where JSON is expected", { ...base, steps: { ...base.steps, d: { ...base.steps.d, ms: new Date(0) } } }],
  ])("rejects %s", (_, rule) => {
    expect(ruleSchema.safeParse(rule).success).toBe(false);
  });
});
