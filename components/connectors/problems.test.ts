import { describe, expect, it } from "vitest";
import { validateGraph } from "@/lib/engine/graph";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { fieldProblems, groupByNode, problemsFromDetails } from "./problems";

describe("problems on the canvas", () => {
  const graph = structuredClone(seedGraphs.cartAbandonment);
  graph.nodes.find((node) => node.id === "send")!.data.body = "";
  graph.nodes.push({ id: "lonely", type: "delay", position: { x: 300, y: 0 }, data: { amount: 1, unit: "hours" } });
  const result = validateGraph(graph);
  const problems = result.ok ? [] : result.problems;

  it("puts each problem on the node it is about", () => {
    const byNode = groupByNode(problems);
    expect([...byNode.keys()].sort()).toEqual(["lonely", "send"]);
    expect(byNode.get("send")!.map((p) => p.message)).toEqual(["Write the message"]);
  });

  it("keys a node's problems by field, with whole-node problems under the empty key", () => {
    expect(fieldProblems(problems, "send").get("data.body")).toEqual(["Write the message"]);
    expect(fieldProblems(problems, "lonely").get("")).toEqual([
      "This step is not connected to the trigger, so nothing would ever reach it",
    ]);
  });

  it("reads a 422's details like the editor's own problems", () => {
    expect(problemsFromDetails([{ path: "nodes.send.data.body", message: "Write the message", nodeId: "send" }, { path: "nodes", message: "Add a trigger" }])).toEqual([
      { path: "nodes.send.data.body", message: "Write the message", nodeId: "send" },
      { path: "nodes", message: "Add a trigger" },
    ]);
  });
});
