// The inactivity trigger reads the ActiveDay rollup for app.open and raw events for any
// other name; either way a period of silence is named by its last event's exact time.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { sqlDb } from "@/lib/server/db";
import { enrollInactiveUsers } from "@/lib/server/engine/inactivity";
import { createTestApp, type TestApp } from "./api-client";
import { publishConnector, send, tick } from "./engine-helpers";

const DAY = 86_400_000;
const silentFor = (event: string, days: number): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "inactivity", event, days } },
    { id: "a", type: "action", position: { x: 0, y: 100 }, data: { kind: "send", channel: "webhook", body: "miss you" } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
});

let t: TestApp;
let opens: string;
let sessions: string;
beforeAll(async () => {
  t = await createTestApp("Inactivity rollup");
  opens = await publishConnector(t, "Dormant", silentFor("app.open", 30));
  sessions = await publishConnector(t, "No sessions", silentFor("session.start", 30));
});

async function entered(connectorId: string, userId: string) {
  const sql = await sqlDb();
  const rows = await sql.query<{ lastAt: string; entryKey: string; days: number }>(
    `SELECT "triggerEvent"->'data'->>'lastAt' AS "lastAt", "entryKey", ("triggerEvent"->'data'->>'days')::int AS days
     FROM "Enrollment" WHERE "connectorId" = $1 AND "userId" = $2 ORDER BY "createdAt", id`,
    [connectorId, userId],
  );
  return rows;
}

// UTC midnight some whole days ago, plus hours: two opens on one UTC day.
const dayAgo = (days: number, hours: number) => new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY + hours * 3_600_000).toISOString();

describe("inactivity from the rollup (app.open)", () => {
  it("enters a silent user once, naming the period by the last open's exact time", async () => {
    await send(t, [
      { userId: "ir_quiet", event: "app.open", timestamp: dayAgo(40, 5) },
      { userId: "ir_quiet", event: "app.open", timestamp: dayAgo(33, 7) },
    ]);
    await tick(t);
    await tick(t);
    const rows = await entered(opens, "ir_quiet");
    expect(rows).toEqual([{ lastAt: dayAgo(33, 7), entryKey: `inactive:${dayAgo(33, 7)}`, days: expect.any(Number) }]);
    expect(rows[0]!.days).toBeGreaterThanOrEqual(32);
  });

  it("enters again for a later open on the same UTC day that arrived after the first entry", async () => {
    await send(t, { userId: "ir_sameday", event: "app.open", timestamp: dayAgo(35, 1) });
    await tick(t);
    await send(t, { userId: "ir_sameday", event: "app.open", timestamp: dayAgo(35, 3) });
    await tick(t);
    expect((await entered(opens, "ir_sameday")).map((r) => r.lastAt)).toEqual([dayAgo(35, 1), dayAgo(35, 3)]);
  });

  it("leaves alone a user who opened after the cutoff, on the cutoff's own day too", async () => {
    const now = new Date();
    const justAfterCutoff = new Date(now.getTime() - 30 * DAY + 60_000).toISOString();
    await send(t, [
      { userId: "ir_recent", event: "app.open", timestamp: new Date(now.getTime() - 3_600_000).toISOString() },
      { userId: "ir_edge", event: "app.open", timestamp: justAfterCutoff },
      { userId: "ir_edge_before", event: "app.open", timestamp: new Date(now.getTime() - 30 * DAY - 60_000).toISOString() },
    ]);
    await tick(t);
    expect(await entered(opens, "ir_recent")).toEqual([]);
    expect(await entered(opens, "ir_edge")).toEqual([]);
    expect(await entered(opens, "ir_edge_before")).toHaveLength(1);
  });

  it("sees an open that is stored but not matched yet", async () => {
    await send(t, { userId: "ir_pending", event: "app.open", timestamp: dayAgo(50, 2) });
    await tick(t);
    expect(await entered(opens, "ir_pending")).toHaveLength(1);
    // A later open, stored but not matched: the scan must not enter the user for it on stale rollup data.
    const sql = await sqlDb();
    await sql.execute(
      `INSERT INTO "Event" ("appId", "eventId", "userId", name, data, timestamp) VALUES ($1, 'ir-pending-2', 'ir_pending', 'app.open', '{}', now() - interval '1 hour')`,
      [t.id],
    );
    expect(await enrollInactiveUsers(sql, new Date())).toEqual([]);
    expect(await entered(opens, "ir_pending")).toHaveLength(1);
  });
});

describe("inactivity from raw events (names without a rollup)", () => {
  it("enters a user whose last session.start is older than the days", async () => {
    await send(t, [
      { userId: "ir_session_old", event: "session.start", timestamp: dayAgo(31, 12) },
      { userId: "ir_session_new", event: "session.start", timestamp: dayAgo(2, 12) },
    ]);
    await tick(t);
    expect((await entered(sessions, "ir_session_old")).map((r) => r.lastAt)).toEqual([dayAgo(31, 12)]);
    expect(await entered(sessions, "ir_session_new")).toEqual([]);
    // A repeat scan enters nobody twice.
    await tick(t);
    expect(await entered(sessions, "ir_session_old")).toHaveLength(1);
  });
});
