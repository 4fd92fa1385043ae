// The setAttributes action through the public API: Liquid-rendered values merged into the
// profile, null removing a key, later steps of the walk reading the new values, and the
// change told in the user's journey.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { createTestApp, type TestApp } from "./api-client";
import { messagesOf, publishConnector, send } from "./engine-helpers";

const graph: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "ADDTOCART" } },
    { id: "s", type: "action", position: { x: 0, y: 150 }, data: { kind: "setAttributes", attributes: { last_cart_amount: "{{ event.data.amount }}", vip: true, old: null } } },
    { id: "c", type: "condition", position: { x: 0, y: 300 }, data: { where: [{ path: "user.attributes.last_cart_amount", op: "gte", value: 100 }] } },
    { id: "big", type: "action", position: { x: 0, y: 450 }, data: { kind: "send", channel: "webhook", body: "big cart {{ user.attributes.last_cart_amount }}" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "s", sourceHandle: null },
    { id: "e2", source: "s", target: "c", sourceHandle: null },
    { id: "e3", source: "c", target: "big", sourceHandle: "yes" },
  ],
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Set attributes");
  await publishConnector(t, "Remember the cart", graph);
});

describe("setAttributes", () => {
  it("merges rendered values into the profile, removes null keys, and later steps read the new values", async () => {
    expect((await t.app("PUT", "/api/v1/users/shopper", { attributes: { old: "x", keep: 1 } })).status).toBe(200);
    await send(t, { userId: "shopper", event: "ADDTOCART", data: { amount: "120.00" } });

    const profile = await t.master("GET", "/api/v1/users/shopper");
    expect(profile.status).toBe(200);
    expect(profile.body.attributes).toEqual({ keep: 1, last_cart_amount: "120.00", vip: true });

    const [message] = await messagesOf(t, { userId: "shopper" });
    expect(message?.body).toBe("big cart 120.00");
    const texts = (profile.body.journeys as Array<{ steps: Array<{ text: string }> }>)[0]!.steps.map((step) => step.text);
    expect(texts, JSON.stringify(texts)).toContain('Updated the profile: set last_cart_amount to "120.00", vip to true; removed old');
  });

  it("refuses to publish an attribute whose template does not parse, naming the node", async () => {
    const bad = structuredClone(graph);
    bad.nodes[1]!.data = { kind: "setAttributes", attributes: { total: "{{ event.data.amount | nope }}" } };
    const created = await t.master("POST", "/api/v1/connectors", { name: "Bad", graph: bad });
    const published = await t.master("POST", `/api/v1/connectors/${created.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(JSON.stringify(published.body)).toContain("nodes.s.data.attributes.total");
  });
});
