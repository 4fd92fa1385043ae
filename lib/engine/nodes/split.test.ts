// The split node: weights hold over many users, a user always takes the same branch,
// different connectors or nodes split independently, and a holdout ends the walk.
import { describe, expect, it } from "vitest";
import { advance } from "../execute";
import { validateGraph, type Graph } from "../graph";
import type { Rule } from "../rule";
import { app, at, makeEvent, user } from "../test-records";
import { splitBranch } from "./split";

const WEIGHTS = [
  { key: "a", weight: 45 },
  { key: "b", weight: 45 },
  { key: "control", weight: 10 },
];

function splitRule(branches: { key: string; weight: number }[] = WEIGHTS): Rule {
  const graph: Graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP", reentry: "always" } },
      { id: "s", type: "split", position: { x: 0, y: 1 }, data: { branches } },
      { id: "sa", type: "action", position: { x: 0, y: 2 }, data: { kind: "send", channel: "push", body: "A" } },
      { id: "sb", type: "action", position: { x: 1, y: 2 }, data: { kind: "send", channel: "push", body: "B" } },
    ],
    edges: [
      { id: "e1", source: "t", target: "s", sourceHandle: null },
      { id: "e2", source: "s", target: "sa", sourceHandle: "a" },
      { id: "e3", source: "s", target: "sb", sourceHandle: "b" },
    ],
  };
  const result = validateGraph(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.rule;
}

function walk(rule: Rule, userId: string, connectorId = "con1") {
  const trigger = { ...makeEvent(`e-${userId}`, "SIGNUP"), userId };
  return advance({ nodeId: rule.entry, dueAt: null }, { now: at(0), connectorId, rule, trigger, user: { ...user, id: userId }, app, laterEvents: [] });
}

describe("split", () => {
  it("keeps each branch within ±3 points of its weight over 10,000 users", () => {
    const counts = new Map<number, number>();
    for (let n = 0; n < 10_000; n++) {
      const index = splitBranch(WEIGHTS, "con_8f2k", "split-1", `user-${n}`);
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    WEIGHTS.forEach((branch, index) => expect(Math.abs(((counts.get(index) ?? 0) / 10_000) * 100 - branch.weight)).toBeLessThanOrEqual(3));
  });

  it("sends a user down the same branch every time, and splits each connector on its own", () => {
    const rule = splitRule();
    const first = walk(rule, "u42").trace[0];
    for (let i = 0; i < 5; i++) expect(walk(rule, "u42").trace[0]).toEqual(first);
    const together = Array.from({ length: 200 }, (_, n) => splitBranch(WEIGHTS, "con1", "s", `u${n}`) === splitBranch(WEIGHTS, "con2", "s", `u${n}`));
    expect(together.filter(Boolean).length).toBeLessThan(150); // independent: ~41% agree by chance
  });

  it("runs the branch's path, and ends the walk on a holdout with nothing sent", () => {
    const rule = splitRule();
    const outcomes = new Map<string, { sent: string[]; status: string }>();
    for (let n = 0; n < 300; n++) {
      const result = walk(rule, `u${n}`);
      const key = result.trace[0]!.detail!;
      outcomes.set(key, { sent: result.effects.map((e) => (e.kind === "send" ? e.content.body : e.kind)), status: result.outcome.status });
    }
    expect(outcomes.get("a")).toEqual({ sent: ["A"], status: "completed" });
    expect(outcomes.get("b")).toEqual({ sent: ["B"], status: "completed" });
    expect(outcomes.get("control")).toEqual({ sent: [], status: "completed" });
  });

  it.each<[string, unknown, string]>([
    ["weights that do not add up to 100", [{ key: "a", weight: 50 }, { key: "b", weight: 40 }], "add up to 90"],
    ["one branch", [{ key: "a", weight: 100 }], "at least 2 branches"],
    ["six branches", Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, weight: 100 / 6 })), "at most 5 branches"],
    ["a repeated key", [{ key: "a", weight: 50 }, { key: "a", weight: 50 }], "Two branches are called a"],
  ])("refuses %s", (_, branches, message) => {
    const graph: Graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP" } },
        { id: "s", type: "split", position: { x: 0, y: 1 }, data: { branches } },
      ],
      edges: [{ id: "e1", source: "t", target: "s", sourceHandle: null }],
    };
    const result = validateGraph(graph);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.problems)).toContain(message);
  });
});
