// The per-process rule index (lib/server/engine/rule-index.ts): what it answers after
// publish, pause, resume and delete, and what it costs when nothing changed.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { sqlDb } from "@/lib/server/db";
import { appRules } from "@/lib/server/engine/rule-index";
import type { Sql } from "@/lib/server/sql";
import { createTestApp, type TestApp } from "./api-client";
import { publishConnector } from "./engine-helpers";

// trigger → send, or trigger → delay → cancel (on cancelOn) → send.
const on = (event: string, cancelOn?: string): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    ...(cancelOn
      ? [
          { id: "d", type: "delay" as const, position: { x: 0, y: 100 }, data: { amount: 1, unit: "hours" } },
          { id: "c", type: "cancel" as const, position: { x: 0, y: 150 }, data: { events: [cancelOn] } },
        ]
      : []),
    { id: "a", type: "action", position: { x: 0, y: 200 }, data: { kind: "send", channel: "webhook", body: "hi" } },
  ],
  edges: cancelOn
    ? [
        { id: "e1", source: "t", target: "d" },
        { id: "e2", source: "d", target: "c" },
        { id: "e3", source: "c", target: "a" },
      ]
    : [{ id: "e1", source: "t", target: "a" }],
});

const dormant: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "inactivity", event: "app.open", days: 30 } },
    { id: "a", type: "action", position: { x: 0, y: 100 }, data: { kind: "send", channel: "webhook", body: "miss you" } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
};

// Counts the statements appRules sends.
function counting(sql: Sql) {
  const texts: string[] = [];
  return {
    texts,
    sql: {
      query: <T>(text: string, params?: unknown[]) => (texts.push(text), sql.query<T>(text, params)),
      execute: (text: string, params?: unknown[]) => (texts.push(text), sql.execute(text, params)),
    } as Sql,
  };
}

async function rulesOf(t: TestApp) {
  const rules = (await appRules(await sqlDb(), [t.id])).get(t.id);
  expect(rules).toBeDefined();
  return rules!;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Rule index");
});

describe("appRules", () => {
  it("finds a published connector by its event name, and forgets it when paused, resumed or deleted", async () => {
    expect((await rulesOf(t)).triggersOn("RI_A")).toEqual([]);
    const id = await publishConnector(t, "A", on("RI_A"));
    const live = (await rulesOf(t)).triggersOn("RI_A");
    expect(live.map((c) => c.id)).toEqual([id]);
    expect(live[0]!.rule.trigger).toMatchObject({ kind: "event", event: "RI_A" });
    expect((await rulesOf(t)).triggersOn("RI_B")).toEqual([]);

    expect((await t.master("POST", `/api/v1/connectors/${id}/pause`)).status).toBe(200);
    expect((await rulesOf(t)).triggersOn("RI_A")).toEqual([]);
    expect((await t.master("POST", `/api/v1/connectors/${id}/resume`)).status).toBe(200);
    expect((await rulesOf(t)).triggersOn("RI_A").map((c) => c.id)).toEqual([id]);
    expect((await t.master("DELETE", `/api/v1/connectors/${id}`)).status).toBe(200);
    expect((await rulesOf(t)).triggersOn("RI_A")).toEqual([]);
  });

  it("points at the new version after a republish, and keeps cancelling on an old version's events", async () => {
    const id = await publishConnector(t, "Versions", on("RI_V", "RI_STOP_OLD"));
    const v1 = (await rulesOf(t)).triggersOn("RI_V")[0]!.versionId;
    expect((await t.master("PUT", `/api/v1/connectors/${id}`, { graph: on("RI_V", "RI_STOP_NEW") })).status).toBe(200);
    expect((await t.master("POST", `/api/v1/connectors/${id}/publish`)).body.version).toBe(2);
    const rules = await rulesOf(t);
    expect(rules.triggersOn("RI_V").map((c) => c.versionId)).not.toEqual([v1]);
    // Walkers of version 1 may still wait in its delay.
    expect(rules.cancelsOn("RI_STOP_OLD")).toBe(true);
    expect(rules.cancelsOn("RI_STOP_NEW")).toBe(true);
    expect(rules.cancelsOn("RI_V")).toBe(false);
    // Paused: no new entries, but the walkers already inside still cancel.
    await t.master("POST", `/api/v1/connectors/${id}/pause`);
    expect((await rulesOf(t)).cancelsOn("RI_STOP_NEW")).toBe(true);
    await t.master("DELETE", `/api/v1/connectors/${id}`);
    expect((await rulesOf(t)).cancelsOn("RI_STOP_OLD")).toBe(false);
  });

  it("lists live inactivity connectors apart from event triggers", async () => {
    const id = await publishConnector(t, "Dormant", dormant);
    const rules = await rulesOf(t);
    expect(rules.inactivity.map((c) => c.id)).toEqual([id]);
    expect(rules.triggersOn("app.open")).toEqual([]);
    await t.master("POST", `/api/v1/connectors/${id}/pause`);
    expect((await rulesOf(t)).inactivity).toEqual([]);
  });

  it("costs one counter read per call while nothing changed, also for an app without connectors", async () => {
    const empty = await createTestApp("No connectors");
    await publishConnector(t, "Steady", on("RI_STEADY"));
    const sql = await sqlDb();
    await appRules(sql, [t.id, empty.id]); // warm
    const probe = counting(sql);
    const rules = await appRules(probe.sql, [t.id, empty.id]);
    expect(probe.texts).toHaveLength(1);
    expect(rules.get(empty.id)?.triggersOn("RI_STEADY")).toEqual([]);
    expect(rules.get(t.id)?.triggersOn("RI_STEADY")).toHaveLength(1);
  });

  it("notices a change whose notice was lost, by the counter", async () => {
    const other = await createTestApp("Missed notice");
    const id = await publishConnector(other, "Quiet", on("RI_QUIET"));
    const sql = await sqlDb();
    expect((await appRules(sql, [other.id])).get(other.id)?.triggersOn("RI_QUIET")).toHaveLength(1);
    // Paused behind the index's back: no notice, only the counter moves.
    await sql.execute(`UPDATE "Connector" SET status = 'paused' WHERE id = $1`, [id]);
    expect((await appRules(sql, [other.id])).get(other.id)?.triggersOn("RI_QUIET")).toHaveLength(1); // still cached
    await sql.execute(`UPDATE "App" SET "rulesVersion" = "rulesVersion" + 1 WHERE id = $1`, [other.id]);
    expect((await appRules(sql, [other.id])).get(other.id)?.triggersOn("RI_QUIET")).toEqual([]);
  });
});
