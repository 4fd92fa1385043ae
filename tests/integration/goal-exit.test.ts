// goal.exit through the public API: the goal event ends the user's walk in progress as
// exited (and it counts as converted), whether it arrives in a later request or in the
// same one as the trigger; a goal event from before the trigger does not; without exit
// the walk goes on.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, messagesOf, publishConnector, send } from "./engine-helpers";

const reminder: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "ADDTOCART" } },
    { id: "d", type: "delay", position: { x: 0, y: 150 }, data: { amount: 24, unit: "hours" } },
    { id: "a", type: "action", position: { x: 0, y: 300 }, data: { kind: "send", channel: "webhook", body: "come back" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "d", sourceHandle: null },
    { id: "e2", source: "d", target: "a", sourceHandle: null },
  ],
};

let t: TestApp;
let connectorId: string;

async function journeyOf(userId: string) {
  const res = await t.master("GET", `/api/v1/users/${userId}`);
  expect(res.status).toBe(200);
  return (res.body.journeys as Array<{ connectorId: string; status: string; steps: Array<{ text: string }> }>).find((j) => j.connectorId === connectorId);
}

beforeAll(async () => {
  t = await createTestApp("Goal exit");
  connectorId = await publishConnector(t, "Cart reminder", reminder);
  const put = await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE", exit: true } });
  expect(put.status).toBe(200);
  expect(put.body.goal).toEqual({ event: "PURCHASE", withinHours: 168, exit: true });
});

describe("goal.exit", () => {
  it("ends a walk in progress when the goal event arrives later, and counts it converted", async () => {
    await send(t, { userId: "later", event: "ADDTOCART", timestamp: hoursAgo(2) });
    expect((await journeyOf("later"))?.status).toBe("in_progress");
    await send(t, { userId: "later", event: "PURCHASE", timestamp: hoursAgo(1) });
    const journey = await journeyOf("later");
    expect(journey?.status).toBe("exited");
    expect(journey?.steps.at(-1)?.text).toMatch(/^Exited: reached the goal PURCHASE at /);
    const stats = await t.master("GET", `/api/v1/connectors/${connectorId}/stats`);
    expect(stats.body.conversion.converted).toBeGreaterThanOrEqual(1);
  });

  it("ends it when the goal event comes in the same request, after the trigger, but not for one before", async () => {
    await send(t, [
      { userId: "same", event: "ADDTOCART", timestamp: hoursAgo(3) },
      { userId: "same", event: "PURCHASE", timestamp: hoursAgo(2) },
      { userId: "before", event: "PURCHASE", timestamp: hoursAgo(3) },
      { userId: "before", event: "ADDTOCART", timestamp: hoursAgo(2) },
    ]);
    expect((await journeyOf("same"))?.status).toBe("exited");
    expect((await journeyOf("before"))?.status).toBe("in_progress");
  });

  it("lets the user enter again after exiting (the ifNotActive slot is free)", async () => {
    await send(t, { userId: "later", event: "ADDTOCART", timestamp: hoursAgo(0.5) });
    const res = await t.master("GET", `/api/v1/users/later`);
    expect((res.body.journeys as Array<{ connectorId: string; status: string }>).filter((j) => j.connectorId === connectorId).map((j) => j.status).sort()).toEqual(["exited", "in_progress"]);
  });

  it("without exit, the goal event leaves the walk running", async () => {
    await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE" } });
    await send(t, [
      { userId: "stays", event: "ADDTOCART", timestamp: hoursAgo(3) },
      { userId: "stays", event: "PURCHASE", timestamp: hoursAgo(2) },
    ]);
    expect((await journeyOf("stays"))?.status).toBe("in_progress");
    expect(await messagesOf(t, { userId: "stays" })).toEqual([]);
  });
});
