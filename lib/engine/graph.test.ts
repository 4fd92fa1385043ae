import { describe, expect, it } from "vitest";
import { draftGraphSchema, validateGraph, type Graph, type Problem } from "./graph";
import { ruleSchema } from "./rule";
import { seedGraphs } from "./seed-graphs";

function node(id: string, type: Graph["nodes"][number]["type"], data: Record<string, unknown>) {
  return { id, type, position: { x: 0, y: 0 }, data };
}
function edge(source: string, target: string, sourceHandle: string | null = null) {
  return { id: `${source}-${target}-${sourceHandle ?? ""}`, source, target, sourceHandle };
}

const trigger = node("t", "trigger", { kind: "event", event: "ADDTOCART" });
const push = (id: string) => node(id, "action", { kind: "send", channel: "push", body: "Hi" });
const delay = node("d", "delay", { amount: 1, unit: "hours" });
const condition = node("c", "condition", { where: [{ path: "event.data.amount", op: "gte", value: 100 }] });

function problems(graph: Graph): Problem[] {
  const result = validateGraph(graph);
  return result.ok ? [] : result.problems;
}

describe("validateGraph on the seed graphs", () => {
  it.each(Object.entries(seedGraphs))("%s compiles to a rule that re-parses", (_, graph) => {
    const result = validateGraph(graph);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(ruleSchema.parse(JSON.parse(JSON.stringify(result.rule)))).toEqual(result.rule);
  });

  it("compiles cart abandonment into delay → cancel → send", () => {
    const result = validateGraph(seedGraphs.cartAbandonment);
    if (!result.ok) throw new Error("expected ok");
    expect(result.rule).toEqual({
      version: 1,
      trigger: { nodeId: "trigger", kind: "event", event: "ADDTOCART", where: [], occurrences: null, reentry: "ifNotActive" },
      entry: "delay",
      steps: {
        delay: { type: "delay", id: "delay", ms: 24 * 3_600_000, next: "cancel" },
        cancel: { type: "cancel", id: "cancel", events: ["PURCHASE"], where: [], sameValueOf: [], next: "send" },
        send: {
          type: "action",
          id: "send",
          action: {
            kind: "send",
            channel: "push",
            content: { body: "You left {{ event.data.qty }} items ({{ event.data.amount }} {{ event.data.currency }})" },
          },
          next: null,
        },
      },
      cancelEvents: ["PURCHASE"],
    });
  });

  it("fills trigger defaults", () => {
    const dormant = validateGraph(seedGraphs.dormantUsers);
    const scarcity = validateGraph(seedGraphs.productScarcity);
    if (!dormant.ok || !scarcity.ok) throw new Error("expected ok");
    expect(dormant.rule.trigger).toEqual({ nodeId: "trigger", kind: "inactivity", event: "app.open", days: 30 });
    expect(scarcity.rule.trigger).toMatchObject({
      occurrences: { atLeast: 2, sameValueOf: "product", withinHours: null },
      reentry: "ifNotActive",
    });
  });

  it("compiles condition branches and drops empty optional text", () => {
    const graph: Graph = {
      nodes: [trigger, condition, push("big"), node("small", "action", { kind: "send", channel: "sms", body: "x", title: " " })],
      edges: [edge("t", "c"), edge("c", "big", "yes"), edge("c", "small", "no")],
    };
    const result = validateGraph(graph);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.rule.steps.c).toMatchObject({ type: "condition", match: "all", yes: "big", no: "small" });
    expect(result.rule.steps.small).toMatchObject({ action: { content: { body: "x" } } });
  });
});

type Invalid = [string, Graph, Array<Partial<Problem>>];

const invalid: Invalid[] = [
  ["no trigger", { nodes: [push("a")], edges: [] }, [{ path: "nodes", message: expect.stringMatching(/trigger/) }]],
  [
    "two triggers",
    { nodes: [trigger, { ...trigger, id: "t2" }, push("a")], edges: [edge("t", "a")] },
    [{ nodeId: "t2", message: expect.stringMatching(/exactly one trigger/) }],
  ],
  [
    "a cycle",
    { nodes: [trigger, delay, push("a")], edges: [edge("t", "d"), edge("d", "a"), edge("a", "d")] },
    [{ edgeId: "a-d-", message: expect.stringMatching(/loop/) }],
  ],
  ["an unreachable node", { nodes: [trigger, push("a"), push("b")], edges: [edge("t", "a")] }, [{ nodeId: "b", path: "nodes.b" }]],
  [
    "missing trigger event",
    { nodes: [node("t", "trigger", { kind: "event" })], edges: [] },
    [{ nodeId: "t", path: "nodes.t.data.event", message: "Choose the event that starts this connector" }],
  ],
  [
    "missing trigger kind",
    { nodes: [node("t", "trigger", {})], edges: [] },
    [{ nodeId: "t", path: "nodes.t.data.kind" }],
  ],
  [
    "every missing field of a node",
    { nodes: [trigger, node("d", "delay", {}), node("x", "action", { kind: "send" })], edges: [edge("t", "d"), edge("d", "x")] },
    [
      { nodeId: "d", path: "nodes.d.data.amount" },
      { nodeId: "d", path: "nodes.d.data.unit" },
      { nodeId: "x", path: "nodes.x.data.channel" },
      { nodeId: "x", path: "nodes.x.data.body", message: "Write the message" },
    ],
  ],
  [
    "a filter without a value",
    { nodes: [node("t", "trigger", { kind: "event", event: "PURCHASE", where: [{ path: "amount", op: "gte" }] })], edges: [] },
    [{ nodeId: "t", path: "nodes.t.data.where.0.value" }],
  ],
  [
    "a condition path outside event. and user.",
    { nodes: [trigger, node("c", "condition", { where: [{ path: "amount", op: "exists" }] })], edges: [edge("t", "c")] },
    [{ nodeId: "c", path: "nodes.c.data.where.0.path" }],
  ],
  [
    "an empty cancel",
    { nodes: [trigger, node("x", "cancel", { events: [] })], edges: [edge("t", "x")] },
    [{ nodeId: "x", path: "nodes.x.data.events" }],
  ],
  [
    "a bad handle on a condition edge",
    { nodes: [trigger, condition, push("a")], edges: [edge("t", "c"), edge("c", "a", "maybe")] },
    [{ edgeId: "c-a-maybe", path: "edges.c-a-maybe.sourceHandle" }],
  ],
  [
    "two yes edges",
    { nodes: [trigger, condition, push("a"), push("b")], edges: [edge("t", "c"), edge("c", "a", "yes"), edge("c", "b", "yes")] },
    [{ nodeId: "c", message: expect.stringMatching(/fan-out/) }],
  ],
  [
    "fan-out",
    { nodes: [trigger, push("a"), push("b")], edges: [edge("t", "a"), edge("t", "b")] },
    [{ nodeId: "t", message: expect.stringMatching(/fan-out is not supported/) }],
  ],
  [
    "an edge into the trigger",
    { nodes: [trigger, push("a")], edges: [edge("t", "a"), edge("a", "t")] },
    [
      { edgeId: "a-t-", message: expect.stringMatching(/into the trigger/) },
      { edgeId: "a-t-", message: expect.stringMatching(/loop/) },
    ],
  ],
  [
    "a template that does not parse",
    { nodes: [trigger, node("a", "action", { kind: "send", channel: "push", body: "Hi {{ user.name | shout }}" })], edges: [edge("t", "a")] },
    [{ nodeId: "a", path: "nodes.a.data.body", message: expect.stringMatching(/does not parse/) }],
  ],
  [
    "an include tag",
    { nodes: [trigger, node("a", "action", { kind: "addToSegment", segment: "{% include 'x' %}" })], edges: [edge("t", "a")] },
    [{ nodeId: "a", path: "nodes.a.data.segment" }],
  ],
  [
    "an email without a subject",
    { nodes: [trigger, node("a", "action", { kind: "send", channel: "email", body: "Hi", subject: "  " })], edges: [edge("t", "a")] },
    [{ nodeId: "a", path: "nodes.a.data.subject", message: "An email needs a subject" }],
  ],
  [
    "a delay longer than a year",
    { nodes: [trigger, node("d", "delay", { amount: 400, unit: "days" })], edges: [edge("t", "d")] },
    [{ nodeId: "d", path: "nodes.d.data.amount" }],
  ],
  [
    "a dangling edge",
    { nodes: [trigger], edges: [edge("t", "ghost")] },
    [{ path: "edges.0.target" }],
  ],
];

describe("validateGraph rejects", () => {
  it.each(invalid)("%s", (_, graph, expected) => {
    const found = problems(graph);
    expect(found).toHaveLength(expected.length);
    expect(found).toEqual(expected.map((problem) => expect.objectContaining(problem)));
  });

  it("reports problems of several nodes at once", () => {
    const graph: Graph = {
      nodes: [node("t", "trigger", { kind: "event", event: "" }), node("d", "delay", { amount: -1, unit: "weeks" }), push("a"), push("lost")],
      edges: [edge("t", "d"), edge("d", "a")],
    };
    expect(problems(graph).map((problem) => problem.path)).toEqual([
      "nodes.lost",
      "nodes.t.data.event",
      "nodes.d.data.amount",
      "nodes.d.data.unit",
    ]);
  });
});

describe("delays", () => {
  it("refuses a delay shorter than a second, which would compile to no wait at all", () => {
    const graph: Graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "E" } },
        { id: "d", type: "delay", position: { x: 0, y: 1 }, data: { amount: 0.000001, unit: "minutes" } },
      ],
      edges: [{ id: "e1", source: "t", target: "d" }],
    };
    const result = validateGraph(graph);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.message)).toContain("A delay is at least 1 second");
  });
});

describe("draftGraphSchema", () => {
  it("names edges written without an id", () => {
    const parsed = draftGraphSchema.parse({
      nodes: [{ id: "t", type: "trigger" }, { id: "a", type: "action" }],
      edges: [{ source: "t", target: "a" }],
    });
    expect(parsed.edges).toEqual([{ id: "e1-t-a", source: "t", target: "a" }]);
  });

  it("saves half-filled nodes and strips editor state", () => {
    const parsed = draftGraphSchema.parse({
      nodes: [{ id: "t", type: "trigger", selected: true, measured: { width: 10 } }],
      edges: [],
    });
    expect(parsed).toEqual({ nodes: [{ id: "t", type: "trigger", position: { x: 0, y: 0 }, data: {} }], edges: [] });
  });

  it.each([
    ["duplicate node ids", { nodes: [trigger, trigger], edges: [] }],
    ["duplicate edge ids", { nodes: [trigger, push("a")], edges: [edge("t", "a"), edge("t", "a")] }],
    ["a dangling edge", { nodes: [trigger], edges: [edge("t", "x")] }],
    ["an unknown node type", { nodes: [{ ...trigger, type: "loop" }], edges: [] }],
    ["data that is not an object", { nodes: [{ ...trigger, data: [] }], edges: [] }],
    ["too many nodes", { nodes: Array.from({ length: 201 }, (_, i) => push(`n${i}`)), edges: [] }],
  ])("rejects %s", (_, graph) => {
    expect(draftGraphSchema.safeParse(graph).success).toBe(false);
  });
});
