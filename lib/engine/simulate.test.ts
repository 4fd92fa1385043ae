import { describe, expect, it } from "vitest";
import { validateGraph, type Graph } from "./graph";
import { seedGraphs } from "./seed-graphs";
import { simulateUser } from "./simulate";
import { app, makeEvent, user } from "./test-records";

function ruleOf(graph: Graph) {
  const result = validateGraph(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.rule;
}

const run = (graph: Graph, events: ReturnType<typeof makeEvent>[]) => simulateUser({ connector: { id: "con1", rule: ruleOf(graph) }, user, app, events });
const cart = { qty: "2", amount: "120.00", currency: "EUR" };

describe("simulateUser", () => {
  it("waits out the delay in event time and sends the reminder, rendered, when no purchase came", () => {
    const { walks } = run(seedGraphs.cartAbandonment, [makeEvent("e1", "ADDTOCART", cart, 0)]);
    expect(walks).toHaveLength(1);
    expect(walks[0]).toMatchObject({ status: "completed" });
    expect(walks[0]!.messages).toEqual([
      { nodeId: "send", channel: "push", content: { body: "You left 2 items (120.00 EUR)" }, options: {}, at: makeEvent("x", "x", {}, 24).timestamp },
    ]);
  });

  it("cancels at the purchase that comes inside the window, and sends nothing", () => {
    const { walks } = run(seedGraphs.cartAbandonment, [makeEvent("e1", "ADDTOCART", cart, 0), makeEvent("e2", "PURCHASE", {}, 2)]);
    expect(walks[0]).toMatchObject({ status: "cancelled", messages: [] });
    expect(walks[0]!.trace.at(-1)).toMatchObject({ what: "cancelled", detail: expect.stringMatching(/^by PURCHASE at /) });
  });

  it("keeps a second cart out while the first walk waits (ifNotActive), and lets it in after", () => {
    const { walks } = run(seedGraphs.cartAbandonment, [makeEvent("e1", "ADDTOCART", cart, 0), makeEvent("e2", "ADDTOCART", cart, 1), makeEvent("e3", "ADDTOCART", cart, 30)]);
    expect(walks.map((w) => [w.trigger.id, w.status])).toEqual([["e1", "completed"], ["e3", "completed"]]);
  });

  it("counts occurrences over the user's earlier events", () => {
    const viewed = (id: string, hours: number, product: string) => makeEvent(id, "VIEWPRODUCT", { product }, hours);
    const { walks } = run(seedGraphs.productScarcity, [viewed("v1", 0, "kettle"), viewed("v2", 1, "mug"), viewed("v3", 2, "kettle")]);
    expect(walks.map((w) => w.trigger.id)).toEqual(["v3"]);
    expect(walks[0]!.messages[0]!.content.body).toBe("Only a few left");
  });
});
