// The split node through the public API: users spread over weighted branches, a user
// re-entering takes the same branch, the holdout gets nothing, and /stats reports each
// branch's conversion with the confidence of the difference.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { connectorPerformance } from "@/lib/server/analytics/connector-performance";
import { db } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, messagesOf, publishConnector, send } from "./engine-helpers";

const graph: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP", reentry: "always" } },
    { id: "s", type: "split", position: { x: 0, y: 150 }, data: { branches: [{ key: "a", weight: 45 }, { key: "b", weight: 45 }, { key: "control", weight: 10 }] } },
    { id: "sa", type: "action", position: { x: -200, y: 300 }, data: { kind: "send", channel: "webhook", body: "Welcome A" } },
    { id: "sb", type: "action", position: { x: 200, y: 300 }, data: { kind: "send", channel: "webhook", body: "Welcome B" } },
  ],
  edges: [
    { id: "e1", source: "t", target: "s", sourceHandle: null },
    { id: "e2", source: "s", target: "sa", sourceHandle: "a" },
    { id: "e3", source: "s", target: "sb", sourceHandle: "b" },
  ],
};

// Every message of the connector (the messages API pages by 200).
const allMessages = async () => (await db()).message.findMany({ where: { connectorId }, select: { userId: true, body: true } });

let t: TestApp;
let connectorId: string;
const USERS = 300;

beforeAll(async () => {
  t = await createTestApp("Split");
  connectorId = await publishConnector(t, "A/B welcome", graph);
  expect((await t.master("PUT", `/api/v1/connectors/${connectorId}`, { goal: { event: "PURCHASE" } })).status).toBe(200);
  await send(t, Array.from({ length: USERS }, (_, n) => ({ userId: `split-${n}`, event: "SIGNUP", timestamp: hoursAgo(3) })));
});

describe("split", () => {
  it("sends each user down one branch by weight, the holdout gets nothing, and /stats counts each branch", async () => {
    const messages = await allMessages();
    const a = messages.filter((m) => m.body === "Welcome A").length;
    const b = messages.filter((m) => m.body === "Welcome B").length;
    const stats = await t.master("GET", `/api/v1/connectors/${connectorId}/stats`);
    const split = stats.body.splits.s;
    expect(split.holdout).toBe("control");
    const entered = Object.fromEntries(split.branches.map((x: { key: string; entered: number }) => [x.key, x.entered]));
    expect(entered.a + entered.b + entered.control).toBe(USERS);
    expect([entered.a, entered.b]).toEqual([a, b]);
    expect(entered.control).toBeGreaterThan(10); // ~30 of 300
    expect(stats.body.nodes.s.branches).toEqual(entered);
  });

  it("takes the same branch when the user enters again", async () => {
    const before = (await messagesOf(t, { userId: "split-7" })).map((m) => m.body);
    await send(t, { userId: "split-7", event: "SIGNUP", timestamp: hoursAgo(2) });
    const after = (await messagesOf(t, { userId: "split-7" })).map((m) => m.body);
    expect(after).toEqual([...before, ...before]);
  });

  it("reports conversion per branch and names the best only with confidence", async () => {
    // Everyone on branch b buys; nobody else does.
    const stats = await t.master("GET", `/api/v1/connectors/${connectorId}/stats`);
    const bUsers = (await allMessages()).filter((m) => m.body === "Welcome B").map((m) => m.userId);
    await send(t, [...new Set(bUsers)].map((userId) => ({ userId, event: "PURCHASE", timestamp: hoursAgo(1) })));
    const after = (await t.master("GET", `/api/v1/connectors/${connectorId}/stats`)).body.splits.s;
    const b = after.branches.find((x: { key: string }) => x.key === "b");
    expect(b.converted).toBe(b.entered);
    expect(after.best).toBe("b");
    expect(after.confidence).toBeGreaterThan(0.95);
    expect(after.summary).toMatch(/^b converts 100\.0% vs control 0\.0% — \d+% confidence$/);
    expect(stats.body.splits.s.best).toBeNull();
    // The overview's connector table says the same.
    const overview = await connectorPerformance(await db(), t.id, { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) });
    expect(overview.find((c) => c.id === connectorId)?.experiments).toEqual([after.summary]);
  });
});
