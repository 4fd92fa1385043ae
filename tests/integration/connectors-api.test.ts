import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { createTestApp, type TestApp } from "./api-client";
import { messagesOf, publishConnector, pushDevice, send, tick } from "./engine-helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Connectors API");
});

const pushOn = (event: string, body: string): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
});

describe("connectors CRUD", () => {
  it("creates a draft, lists, reads, renames and edits it", async () => {
    const created = await t.master("POST", "/api/v1/connectors", { name: "Draft one", graph: seedGraphs.welcome });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Draft one", status: "draft", version: null });
    const id = created.body.id;
    const renamed = await t.master("PUT", `/api/v1/connectors/${id}`, { name: "Renamed" });
    expect(renamed.body).toMatchObject({ name: "Renamed", status: "draft" });
    expect(renamed.body.graph.nodes).toHaveLength(2);
    const list = await t.master("GET", "/api/v1/connectors");
    expect(list.body.connectors.map((c: { id: string }) => c.id)).toContain(id);
    const one = await t.master("GET", `/api/v1/connectors/${id}`);
    expect(one.body).toMatchObject({ id, name: "Renamed", stats: {} });
  });

  it("refuses a structurally broken draft with 400", async () => {
    const res = await t.master("POST", "/api/v1/connectors", {
      name: "Broken",
      graph: { nodes: [{ id: "t", type: "trigger" }], edges: [{ id: "e", source: "t", target: "missing" }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
  });

  it("answers publish of an invalid graph with 422 naming the node", async () => {
    const graph: Graph = {
      nodes: [
        { id: "start", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "X" } },
        { id: "mail", type: "action", position: { x: 0, y: 100 }, data: { kind: "send", channel: "email", body: "Hi" } },
        { id: "lonely", type: "delay", position: { x: 0, y: 200 }, data: { amount: 1, unit: "hours" } },
      ],
      edges: [{ id: "e1", source: "start", target: "mail" }],
    };
    const created = await t.master("POST", "/api/v1/connectors", { name: "Invalid", graph });
    const res = await t.master("POST", `/api/v1/connectors/${created.body.id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_graph");
    const nodeIds = res.body.error.details.map((d: { nodeId?: string }) => d.nodeId);
    expect(nodeIds).toEqual(expect.arrayContaining(["mail", "lonely"]));
    expect((await t.master("GET", `/api/v1/connectors/${created.body.id}`)).body.status).toBe("draft");
  });

  it("needs the master secret", async () => {
    const res = await t.app("GET", "/api/v1/connectors");
    expect(res.status).toBe(403);
  });

  it("keeps one application's connectors from another", async () => {
    const other = await createTestApp("Other connectors");
    const id = await publishConnector(other, "Theirs", seedGraphs.welcome);
    expect((await t.master("GET", `/api/v1/connectors/${id}`)).status).toBe(404);
    expect((await t.master("POST", `/api/v1/connectors/${id}/pause`)).status).toBe(404);
    expect((await t.master("DELETE", `/api/v1/connectors/${id}`)).status).toBe(404);
  });
});

describe("publish, pause, resume, delete", () => {
  it("publishes version 1, then version 2 only when the graph changed", async () => {
    const id = await publishConnector(t, "Versions", pushOn("V_EVENT", "v1"));
    const again = await t.master("POST", `/api/v1/connectors/${id}/publish`);
    expect(again.body).toMatchObject({ status: "active", version: 1 });
    await t.master("PUT", `/api/v1/connectors/${id}`, { graph: pushOn("V_EVENT", "v2") });
    const second = await t.master("POST", `/api/v1/connectors/${id}/publish`);
    expect(second.body).toMatchObject({ status: "active", version: 2 });
    const versions = await t.master("GET", `/api/v1/connectors/${id}/versions`);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("lets only events that arrive while active enter", async () => {
    const created = await t.master("POST", "/api/v1/connectors", { name: "Late", graph: pushOn("LATE_EVENT", "hello") });
    await send(t, { userId: "u_early", event: "LATE_EVENT" });
    await tick(t);
    await t.master("POST", `/api/v1/connectors/${created.body.id}/publish`);
    await send(t, { userId: "u_late", event: "LATE_EVENT" });
    await tick(t);
    const msgs = await messagesOf(t, { connectorId: created.body.id });
    expect(msgs.map((m) => m.userId)).toEqual(["u_late"]);
  });

  it("keeps enrollments on the version they entered with", async () => {
    const graph = (body: string): Graph => ({
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "VERSIONED" } },
        { id: "d", type: "delay", position: { x: 0, y: 100 }, data: { amount: 1, unit: "hours" } },
        { id: "a", type: "action", position: { x: 0, y: 200 }, data: { kind: "send", channel: "webhook", body } },
      ],
      edges: [{ id: "e1", source: "t", target: "d" }, { id: "e2", source: "d", target: "a" }],
    });
    const id = await publishConnector(t, "Pinned", graph("from v1"));
    // Due 1.5 s from now: still waiting when v2 is published, due soon after.
    await send(t, { userId: "u_pinned", event: "VERSIONED", timestamp: new Date(Date.now() - 3_600_000 + 1500).toISOString() });
    await tick(t);
    await t.master("PUT", `/api/v1/connectors/${id}`, { graph: graph("from v2") });
    await t.master("POST", `/api/v1/connectors/${id}/publish`);
    await send(t, { userId: "u_pinned_new", event: "VERSIONED", timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString() });
    await new Promise((r) => setTimeout(r, 1600));
    await tick(t);
    const msgs = await messagesOf(t, { connectorId: id });
    expect(msgs.map((m) => [m.userId, m.body]).sort()).toEqual([["u_pinned", "from v1"], ["u_pinned_new", "from v2"]]);
  });

  it("sends nothing while paused and catches up on resume", async () => {
    const graph: Graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "PAUSE_ME" } },
        { id: "d", type: "delay", position: { x: 0, y: 100 }, data: { amount: 1, unit: "hours" } },
        { id: "a", type: "action", position: { x: 0, y: 200 }, data: { kind: "send", channel: "webhook", body: "after pause" } },
      ],
      edges: [{ id: "e1", source: "t", target: "d" }, { id: "e2", source: "d", target: "a" }],
    };
    const id = await publishConnector(t, "Pausable", graph);
    await send(t, { userId: "u_paused", event: "PAUSE_ME", timestamp: new Date(Date.now() - 30 * 60_000).toISOString() });
    await tick(t);
    const paused = await t.master("POST", `/api/v1/connectors/${id}/pause`);
    expect(paused.body.status).toBe("paused");
    // Entering is refused while paused too.
    await send(t, { userId: "u_paused_new", event: "PAUSE_ME", timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString() });
    await tick(t);
    expect(await messagesOf(t, { connectorId: id })).toHaveLength(0);
    expect((await t.master("POST", `/api/v1/connectors/${id}/pause`)).status).toBe(409);
    const resumed = await t.master("POST", `/api/v1/connectors/${id}/resume`);
    expect(resumed.body.status).toBe("active");
    const stats = await t.master("GET", `/api/v1/connectors/${id}/stats`);
    expect(stats.body.nodes.d).toMatchObject({ entered: 1, waiting: 1 });
  });

  it("stops everything when deleted", async () => {
    const graph: Graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "DELETE_ME" } },
        { id: "d", type: "delay", position: { x: 0, y: 100 }, data: { amount: 1, unit: "hours" } },
        { id: "a", type: "action", position: { x: 0, y: 200 }, data: { kind: "send", channel: "webhook", body: "never" } },
      ],
      edges: [{ id: "e1", source: "t", target: "d" }, { id: "e2", source: "d", target: "a" }],
    };
    const id = await publishConnector(t, "Doomed", graph);
    await send(t, { userId: "u_doomed", event: "DELETE_ME", timestamp: new Date(Date.now() - 59 * 60_000).toISOString() });
    await tick(t);
    expect((await t.master("DELETE", `/api/v1/connectors/${id}`)).status).toBe(200);
    await send(t, { userId: "u_doomed2", event: "DELETE_ME", timestamp: new Date(Date.now() - 3 * 3_600_000).toISOString() });
    await tick(t);
    expect(await messagesOf(t, { connectorId: id })).toHaveLength(0);
    expect((await t.master("GET", `/api/v1/connectors/${id}`)).status).toBe(404);
  });
});

describe("GET /api/v1/messages", () => {
  it("filters by channel and status and pages with a cursor", async () => {
    const id = await publishConnector(t, "Paging", pushOn("PAGE_ME", "page {{ event.data.n }}"));
    await send(t, Array.from({ length: 5 }, (_, n) => ({ userId: `u_page_${n}`, event: "PAGE_ME", data: { n } })));
    await tick(t);
    const first = await t.master("GET", `/api/v1/messages?connectorId=${id}&channel=webhook&status=sent&limit=2`);
    expect(first.body.messages).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.master("GET", `/api/v1/messages?connectorId=${id}&limit=2&cursor=${first.body.nextCursor}`);
    const third = await t.master("GET", `/api/v1/messages?connectorId=${id}&limit=2&cursor=${second.body.nextCursor}`);
    const all = [...first.body.messages, ...second.body.messages, ...third.body.messages].map((m: { body: string }) => m.body);
    expect(all.sort()).toEqual(["page 0", "page 1", "page 2", "page 3", "page 4"]);
    expect(third.body.nextCursor).toBeNull();
    expect((await t.master("GET", `/api/v1/messages?connectorId=${id}&channel=sms`)).body.messages).toHaveLength(0);
    expect((await t.master("GET", "/api/v1/messages?status=bogus")).status).toBe(400);
  });
});

describe("segments API", () => {
  it("creates a segment, adds, lists and removes members", async () => {
    const created = await t.master("POST", "/api/v1/segments", { name: "VIP", kind: "manual" });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.master("POST", "/api/v1/segments", { name: "VIP" })).status).toBe(409);
    const added = await t.master("POST", `/api/v1/segments/${id}/members`, { userIds: ["u_vip_1", "u_vip_2", "u_vip_1"] });
    expect(added.body).toEqual({ added: 2 });
    const members = await t.master("GET", `/api/v1/segments/${id}/members`);
    expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual(["u_vip_1", "u_vip_2"]);
    await t.master("DELETE", `/api/v1/segments/${id}/members`, { userIds: ["u_vip_1"] });
    const list = await t.master("GET", "/api/v1/segments");
    expect(list.body.segments.find((s: { id: string }) => s.id === id)).toMatchObject({ name: "VIP", members: 1 });
    await pushDevice(t, "u_vip_2");
    expect((await t.master("GET", "/api/v1/users/u_vip_2")).body.segments.map((s: { name: string }) => s.name)).toEqual(["VIP"]);
  });
});
