// The wait node through the public API: a walk waiting for PURCHASE is woken by the
// matcher when it arrives (no polling) and goes on by yes; one whose window ended goes
// on by no; a keyed wait ignores another order; the canvas counts come from the trace.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { backgroundIdle } from "@/lib/server/engine/background";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, messagesOf, publishConnector, send, tick } from "./engine-helpers";

const graph: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "ADDTOCART" } },
    { id: "w", type: "wait", position: { x: 0, y: 150 }, data: { event: "PURCHASE", sameValueOf: ["order_nr"], within: { amount: 24, unit: "hours" } } },
    { id: "thanks", type: "action", position: { x: -160, y: 300 }, data: { kind: "send", channel: "webhook", body: "thanks for {{ event.data.order_nr }}" } },
    { id: "remind", type: "action", position: { x: 160, y: 300 }, data: { kind: "send", channel: "webhook", body: "still thinking?" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "w", sourceHandle: null },
    { id: "e2", source: "w", target: "thanks", sourceHandle: "yes" },
    { id: "e3", source: "w", target: "remind", sourceHandle: "no" },
  ],
};

let t: TestApp;
let connectorId: string;
beforeAll(async () => {
  t = await createTestApp("Wait node");
  connectorId = await publishConnector(t, "Cart with wait", graph);
});

const bodies = async (userId: string) => (await messagesOf(t, { userId })).map((m) => m.body).sort();

describe("wait", () => {
  it("waits, ignores another order, and goes yes when the same order's PURCHASE arrives", async () => {
    await send(t, { userId: "buyer", event: "ADDTOCART", data: { order_nr: "A1" }, timestamp: hoursAgo(2) });
    await send(t, { userId: "buyer", event: "PURCHASE", data: { order_nr: "B2" }, timestamp: hoursAgo(1.5) });
    await tick(t);
    expect(await bodies("buyer")).toEqual([]);
    const waiting = await t.master("GET", "/api/v1/users/buyer");
    expect(waiting.body.journeys[0].waiting.text).toMatch(/^Waiting up to 24 hours for PURCHASE, until /);

    // No tick: the request that brings the PURCHASE wakes the walk and the background
    // drain it kicks runs it.
    await send(t, { userId: "buyer", event: "PURCHASE", data: { order_nr: "A1" }, timestamp: hoursAgo(1) });
    await backgroundIdle();
    expect(await bodies("buyer")).toEqual(["thanks for A1"]);
    const done = await t.master("GET", "/api/v1/users/buyer");
    expect(done.body.journeys[0].status).toBe("completed");
    expect(done.body.journeys[0].steps.map((s: { text: string }) => s.text)).toContain("PURCHASE came within 24 hours: yes");
  });

  it("goes no when the window has ended without the event", async () => {
    await send(t, { userId: "browser", event: "ADDTOCART", data: { order_nr: "C3" }, timestamp: hoursAgo(25) });
    expect(await bodies("browser")).toEqual(["still thinking?"]);
  });

  it("goes yes at once when the awaited event comes in the same request", async () => {
    await send(t, [
      { userId: "quick", event: "ADDTOCART", data: { order_nr: "D4" }, timestamp: hoursAgo(3) },
      { userId: "quick", event: "PURCHASE", data: { order_nr: "D4" }, timestamp: hoursAgo(2) },
    ]);
    expect(await bodies("quick")).toEqual(["thanks for D4"]);
  });

  it("counts the walks that passed the wait on the node", async () => {
    const stats = await t.master("GET", `/api/v1/connectors/${connectorId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.nodes.w.passed).toBe(3);
  });
});
