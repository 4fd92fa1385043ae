// Publishing under contention, and a stored draft that no longer parses.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { sqlDb } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Connector publishing");
});

const pushOn = (event: string, body: string): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
});

async function versionsOf(id: string) {
  const sql = await sqlDb();
  return (await sql.query<{ version: number }>(`SELECT version FROM "ConnectorVersion" WHERE "connectorId" = $1 ORDER BY version`, [id])).map((r) => r.version);
}

describe("concurrent publishes", () => {
  it("of one connector all answer 200 with the one version they made", async () => {
    const created = await t.master("POST", "/api/v1/connectors", { name: "Raced", graph: pushOn("RACE", "v1") });
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.master("POST", `/api/v1/connectors/${created.body.id}/publish`)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(answers.map((a) => a.body.version)).toEqual(Array(6).fill(1));
    expect(await versionsOf(created.body.id)).toEqual([1]);
  });

  it("after an edit make exactly one new version", async () => {
    const created = await t.master("POST", "/api/v1/connectors", { name: "Raced twice", graph: pushOn("RACE2", "v1") });
    const id = created.body.id;
    expect((await t.master("POST", `/api/v1/connectors/${id}/publish`)).status).toBe(200);
    await t.master("PUT", `/api/v1/connectors/${id}`, { graph: pushOn("RACE2", "v2") });
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.master("POST", `/api/v1/connectors/${id}/publish`)));
    expect(answers.map((a) => [a.status, a.body.version])).toEqual(Array(4).fill([200, 2]));
    expect(await versionsOf(id)).toEqual([1, 2]);
  });

  it("with a pause in between leave the connector in one of the two states, never an error", async () => {
    const id = (await t.master("POST", "/api/v1/connectors", { name: "Raced pause", graph: pushOn("RACE3", "v1") })).body.id;
    expect((await t.master("POST", `/api/v1/connectors/${id}/publish`)).status).toBe(200);
    const [publish, pause] = await Promise.all([t.master("POST", `/api/v1/connectors/${id}/publish`), t.master("POST", `/api/v1/connectors/${id}/pause`)]);
    expect(publish.status).toBe(200);
    expect([200, 409]).toContain(pause.status);
  });
});

describe("a stored draft that does not parse", () => {
  // As an older, laxer version could have stored it: a node type this version does not know.
  const unreadable = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "OLD", reentry: "always" } },
      { id: "x", type: "teleport", position: { x: 0, y: 100 }, data: { to: "moon" } },
    ],
    edges: [{ id: "e1", source: "t", target: "x" }],
  };

  async function storedUnreadable(name: string) {
    const id = (await t.master("POST", "/api/v1/connectors", { name, graph: pushOn("OLD", "v1") })).body.id as string;
    await (await sqlDb()).execute(`UPDATE "Connector" SET graph = $2::jsonb WHERE id = $1`, [id, JSON.stringify(unreadable)]);
    return id;
  }

  it("is answered as stored, flagged with graphError, not as an empty graph", async () => {
    const id = await storedUnreadable("Unreadable");
    const one = await t.master("GET", `/api/v1/connectors/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.graph).toEqual(unreadable);
    expect(one.body.graphError).toMatch(/cannot be read/);
    const listed = (await t.master("GET", "/api/v1/connectors")).body.connectors.find((c: { id: string }) => c.id === id);
    expect(listed.graphError).toMatch(/cannot be read/);
    const readable = (await t.master("POST", "/api/v1/connectors", { name: "Fine", graph: pushOn("FINE", "v1") })).body;
    expect(readable.graphError).toBeNull();
  });

  it("is not published, and a rename keeps it as stored", async () => {
    const id = await storedUnreadable("Unreadable publish");
    const published = await t.master("POST", `/api/v1/connectors/${id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.message).toMatch(/stored graph cannot be read/);
    expect(await versionsOf(id)).toEqual([]);
    const renamed = await t.master("PUT", `/api/v1/connectors/${id}`, { name: "Renamed" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.graph).toEqual(unreadable);
  });

  it("in a published version is listed as stored and flagged, so it is never restored as an empty graph", async () => {
    const id = (await t.master("POST", "/api/v1/connectors", { name: "Old version", graph: pushOn("OLDV", "v1") })).body.id as string;
    expect((await t.master("POST", `/api/v1/connectors/${id}/publish`)).status).toBe(200);
    await (await sqlDb()).execute(`UPDATE "ConnectorVersion" SET graph = $2::jsonb WHERE "connectorId" = $1`, [id, JSON.stringify(unreadable)]);
    const versions = await t.master("GET", `/api/v1/connectors/${id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions[0]).toMatchObject({ version: 1, graph: unreadable, graphError: expect.stringMatching(/cannot be read/) });
  });

  it("can be replaced by a readable graph through the API", async () => {
    const id = await storedUnreadable("Unreadable replace");
    const replaced = await t.master("PUT", `/api/v1/connectors/${id}`, { graph: pushOn("NEW", "fixed") });
    expect(replaced.status).toBe(200);
    expect(replaced.body.graphError).toBeNull();
    expect((await t.master("POST", `/api/v1/connectors/${id}/publish`)).status).toBe(200);
  });
});
