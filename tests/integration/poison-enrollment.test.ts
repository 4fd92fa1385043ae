// One enrollment that keeps failing must not stop the tick (issue 19): it is retried a few
// times, then ended as failed with the reason, while the walks beside it run on.
import { beforeAll, describe, expect, it } from "vitest";
import { database, db } from "@/lib/server/db";
import { runTick } from "@/lib/server/engine/tick";
import { createTestApp, type TestApp } from "./api-client";
import { messagesOf, publishConnector, send } from "./engine-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Poison");
});

const graph = {
  nodes: [
    { id: "t", type: "trigger" as const, position: { x: 0, y: 0 }, data: { kind: "event", event: "POISON_CART", reentry: "always" } },
    { id: "d", type: "delay" as const, position: { x: 0, y: 120 }, data: { amount: 1, unit: "hours" } },
    { id: "a", type: "action" as const, position: { x: 0, y: 240 }, data: { kind: "send", channel: "webhook", body: "back?" } },
  ],
  edges: [{ id: "e0", source: "t", target: "d", sourceHandle: null }, { id: "e1", source: "d", target: "a", sourceHandle: null }],
};

describe("a walk that cannot run", () => {
  it("is ended as failed after three attempts, and every tick still runs the others", async () => {
    const connectorId = await publishConnector(t, "Poison", graph);
    await send(t, [
      { userId: "u_healthy", event: "POISON_CART" },
      { userId: "u_poison", event: "POISON_CART" },
    ]);
    const prisma = await db();
    // Both wait in the delay; make both due, and break one's stored trigger event.
    await prisma.enrollment.updateMany({ where: { connectorId }, data: { dueAt: new Date(Date.now() - 1000) } });
    const poison = await prisma.enrollment.findFirstOrThrow({ where: { connectorId, userId: "u_poison" } });
    await prisma.enrollment.update({ where: { id: poison.id }, data: { triggerEvent: { broken: true } } });

    // Released after each failure, so one tick tries it three times (a deadlock would pass
    // on the next try), then gives up on it; the tick itself completes.
    const first = await runTick(await database());
    expect(first.steps).toBe(1);
    expect(first.stepErrors).toBe(1);
    expect((await messagesOf(t, { connectorId })).map((m) => m.userId)).toEqual(["u_healthy"]);
    const ended = await prisma.enrollment.findUniqueOrThrow({ where: { id: poison.id } });
    expect(ended.status).toBe("failed");
    expect(ended.endReason).toMatch(/^Could not run after 3 attempts/);
    expect(ended.dueAt).toBeNull();
    // Nothing was sent to the broken walk's user, and the next tick leaves it alone.
    await runTick(await database());
    expect((await messagesOf(t, { connectorId })).map((m) => m.userId)).toEqual(["u_healthy"]);
  });
});
