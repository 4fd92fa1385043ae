// The per-user journey trace through the public API: publish a cart-abandonment
// connector, send events, tick, and read GET /api/v1/users/{userId}. Delays are crossed
// with backdated events (as use-cases.test.ts does), so no tick runs with a clock that
// would move other test files' enrollments.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { formatUtc } from "@/lib/engine/journey-format";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, publishConnector, pushDevice, send, tick } from "./engine-helpers";

type Journey = {
  id: string; connectorId: string; connectorName: string; version: number; status: string; enteredAt: string; endedAt: string | null;
  steps: { at: string; nodeId: string; kind: string; text: string; messageId: string | null }[];
  summary: string;
  waiting: { nodeId: string | null; until: string | null; delay: string | null; cancelEvents: string[]; text: string } | null;
  messageIds: string[];
};

const node = (id: string, type: Graph["nodes"][number]["type"], data: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data });

const cartAbandonment: Graph = {
  nodes: [
    node("trigger", "trigger", { kind: "event", event: "ADDTOCART" }),
    node("wait", "delay", { amount: 1, unit: "hours" }),
    node("bought", "cancel", { events: ["PURCHASE"] }),
    node("remind", "action", { kind: "send", channel: "push", title: "You left {{ event.data.qty }} items", body: "Complete your order of {{ event.data.amount }}" }),
  ],
  edges: [
    { id: "e1", source: "trigger", target: "wait", sourceHandle: null },
    { id: "e2", source: "wait", target: "bought", sourceHandle: null },
    { id: "e3", source: "bought", target: "remind", sourceHandle: null },
  ],
};

let t: TestApp;
let connectorId: string;

async function journeysOf(userId: string): Promise<Journey[]> {
  const res = await t.master("GET", `/api/v1/users/${userId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.journeys as Journey[];
}

beforeAll(async () => {
  t = await createTestApp("Journeys");
  connectorId = await publishConnector(t, "Cart abandonment", cartAbandonment);
});

describe("GET /api/v1/users/{userId} journeys", () => {
  it("shows a waiting journey, then names PURCHASE when it cancels the wait", async () => {
    const added = new Date(Date.now() - 60_000).toISOString();
    await send(t, { userId: "u_bought", event: "ADDTOCART", data: { qty: "2", amount: "120.00" }, timestamp: added });
    await tick(t);

    const [waiting] = await journeysOf("u_bought");
    expect(waiting).toMatchObject({ connectorId, connectorName: "Cart abandonment", version: 1, status: "in_progress", endedAt: null });
    expect(waiting!.steps.map((s) => [s.kind, s.text])).toEqual([
      ["entered", "Entered from ADDTOCART"],
      ["waiting", "Waiting 1 hour"],
    ]);
    expect(waiting!.waiting).toMatchObject({
      nodeId: "wait",
      until: new Date(Date.parse(added) + 3_600_000).toISOString(),
      delay: "1 hour",
      cancelEvents: ["PURCHASE"],
    });
    expect(waiting!.summary).toContain("Entered Cart abandonment v1 at ");
    expect(waiting!.summary).toContain(`waiting 1 hour, until ${formatUtc(new Date(Date.parse(added) + 3_600_000))}; PURCHASE before then cancels it`);

    const bought = new Date().toISOString();
    await send(t, { userId: "u_bought", event: "PURCHASE", data: { order_nr: "A1" }, timestamp: bought });
    await tick(t);

    const [cancelled] = await journeysOf("u_bought");
    expect(cancelled!.id).toBe(waiting!.id);
    expect(cancelled!.status).toBe("cancelled");
    expect(cancelled!.endedAt).not.toBeNull();
    expect(cancelled!.waiting).toBeNull();
    expect(cancelled!.steps.map((s) => s.text)).toEqual(["Entered from ADDTOCART", "Started waiting 1 hour", "Cancelled by PURCHASE"]);
    expect(cancelled!.steps.at(-1)).toMatchObject({ kind: "cancelled", nodeId: "bought" });
    expect(cancelled!.summary).toMatch(/ · started waiting 1 hour · cancelled by PURCHASE at /);
    expect(cancelled!.summary.endsWith(`cancelled by PURCHASE at ${formatUtc(new Date(bought))}`)).toBe(true);
    expect(cancelled!.messageIds).toEqual([]);
  });

  it("names PURCHASE when the engine finds it at the cancel step after the delay", async () => {
    const bought = hoursAgo(1.5);
    await send(t, [
      { userId: "u_bought_early", event: "ADDTOCART", data: { qty: "1", amount: "10.00" }, timestamp: hoursAgo(2) },
      { userId: "u_bought_early", event: "PURCHASE", data: { order_nr: "B7" }, timestamp: bought },
    ]);
    await tick(t);

    const [journey] = await journeysOf("u_bought_early");
    expect(journey!.status).toBe("cancelled");
    expect(journey!.steps.at(-1)).toMatchObject({ kind: "cancelled", text: "Cancelled by PURCHASE" });
    expect(journey!.summary.endsWith(`cancelled by PURCHASE at ${formatUtc(new Date(bought))}`)).toBe(true);
  });

  it("tells that the push was sent after the delay when there is no PURCHASE", async () => {
    await pushDevice(t, "u_left");
    await send(t, { userId: "u_left", event: "ADDTOCART", data: { qty: "2", amount: "120.00" }, timestamp: hoursAgo(2) });
    await tick(t);

    const [journey] = await journeysOf("u_left");
    const messages = (await t.master("GET", `/api/v1/messages?userId=u_left&connectorId=${connectorId}`)).body.messages;
    expect(messages).toHaveLength(1);
    expect(journey!.status).toBe("completed");
    expect(journey!.steps.map((s) => [s.kind, s.text])).toEqual([
      ["entered", "Entered from ADDTOCART"],
      ["waited", "Waited 1 hour"],
      ["checked", "No PURCHASE since entering, so not cancelled"],
      ["sent", "Sent push 'You left 2 items'"],
      ["completed", "Completed"],
    ]);
    expect(journey!.steps[3]!.messageId).toBe(messages[0].id);
    expect(journey!.messageIds).toEqual([messages[0].id]);
    expect(journey!.summary).toMatch(/from ADDTOCART · waited 1 hour · sent push 'You left 2 items' · completed$/);
  });

  it("tells a skipped push and its reason for a user without a device", async () => {
    await send(t, { userId: "u_no_device", event: "ADDTOCART", data: { qty: "3" }, timestamp: hoursAgo(2) });
    await tick(t);
    const [journey] = await journeysOf("u_no_device");
    expect(journey!.steps.find((s) => s.nodeId === "remind")).toMatchObject({
      kind: "skipped",
      text: "Skipped push 'You left 3 items': The user has no registered push device",
    });
  });

  it("lists the latest 50 enrollments, newest first", async () => {
    const always: Graph = {
      nodes: [
        node("trigger", "trigger", { kind: "event", event: "PING", reentry: "always" }),
        node("tag", "action", { kind: "addToSegment", segment: "Pinged" }),
      ],
      edges: [{ id: "e1", source: "trigger", target: "tag", sourceHandle: null }],
    };
    await publishConnector(t, "Ping", always);
    // Two rounds of 30 entries: the latest 50 are the whole second round, then 20 of the first.
    for (const round of [1, 2]) {
      await send(t, Array.from({ length: 30 }, (_, i) => ({ userId: "u_busy", event: "PING", data: { round }, timestamp: hoursAgo(3 - round - i / 100) })));
      await tick(t);
    }

    const journeys = await journeysOf("u_busy");
    expect(journeys).toHaveLength(50);
    const entered = journeys.map((j) => Date.parse(j.enteredAt));
    expect(entered).toEqual([...entered].sort((a, b) => b - a));
    expect(Math.min(...entered.slice(0, 30))).toBeGreaterThan(Math.max(...entered.slice(30)));
    expect(journeys.every((j) => j.status === "completed" && j.steps.some((s) => s.text === "Added to segment Pinged"))).toBe(true);
  });

  it("shows no journeys of another application's user with the same id", async () => {
    const other = await createTestApp("Journeys elsewhere");
    await other.app("PUT", "/api/v1/users/u_left", { name: "Someone else" });
    const res = await other.master("GET", "/api/v1/users/u_left");
    expect(res.status).toBe(200);
    expect(res.body.journeys).toEqual([]);
  });
});
