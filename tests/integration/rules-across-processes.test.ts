// A connector published through one process starts matching in another within a
// second, and stops there within a second of a pause. Two real processes (route
// handlers + background loop, tests/integration/rules-process.ts) share one PostgreSQL;
// everything goes through the public HTTP API, so this holds whatever the matcher caches.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { sqlDb } from "@/lib/server/db";
import { basic, createTestApp, type TestApp } from "./api-client";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Proc = { url: string; child: ChildProcess; log: () => string };

async function startProcess(): Promise<Proc> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/rules-process.ts"], {
    env: { ...process.env, CUE_TICK_SECONDS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr!.on("data", (d) => (log += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      log += d;
      const found = /listening (http:\/\/\S+)/.exec(log);
      if (found) resolve(found[1]!);
    });
    child.once("exit", (code) => reject(new Error(`process exited (${code}):\n${log}`)));
  });
  return { url, child, log: () => log };
}

const graph: Graph = {
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "XP_EVENT", reentry: "always" } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "hi {{ user.id }}" } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
};

let t: TestApp;
let a: Proc;
let b: Proc;

async function call(p: Proc, method: string, path: string, secret: string, body?: unknown) {
  const res = await fetch(`${p.url}${path}`, {
    method,
    headers: { authorization: basic(t.key, secret), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

let sent = 0;
/** Sends one event to process B every 100 ms for `ms`; returns each event's id and when it was sent. */
async function sendToB(ms: number): Promise<{ id: string; at: number }[]> {
  const out: { id: string; at: number }[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const id = `xp-${++sent}`;
    const at = Date.now();
    const res = await call(b, "POST", "/api/v1/events", t.secret, { id, userId: `xp_user_${sent}`, event: "XP_EVENT" });
    expect(res.status).toBe(202);
    out.push({ id, at });
    await sleep(100);
  }
  return out;
}

async function enrolledEventIds(connectorId: string): Promise<Set<string>> {
  const rows = await (await sqlDb()).query<{ id: string }>(`SELECT "triggerEvent"->>'id' AS id FROM "Enrollment" WHERE "connectorId" = $1`, [connectorId]);
  return new Set(rows.map((r) => r.id));
}

describe.skipIf(!process.env.DATABASE_URL)("rules across processes (PostgreSQL)", () => {
  beforeAll(async () => {
    t = await createTestApp("Across processes");
    [a, b] = await Promise.all([startProcess(), startProcess()]);
  }, 120_000);

  afterAll(() => {
    a?.child.kill("SIGKILL");
    b?.child.kill("SIGKILL");
  });

  it("a publish in one process matches in the other within a second, and a pause stops it there", async () => {
    const created = await call(a, "POST", "/api/v1/connectors", t.masterSecret, { name: "Across", graph });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // B has matched this app's events (and may cache its rules) before the publish.
    const before = await sendToB(500);

    expect((await call(a, "POST", `/api/v1/connectors/${id}/publish`, t.masterSecret)).status).toBe(200);
    const published = Date.now();
    const whileLive = await sendToB(2000);

    expect((await call(a, "POST", `/api/v1/connectors/${id}/pause`, t.masterSecret)).status).toBe(200);
    const paused = Date.now();
    const afterPause = await sendToB(2000);

    await sleep(2000); // let B's background finish anything it had queued
    const enrolled = await enrolledEventIds(id);
    expect(before.filter((e) => enrolled.has(e.id))).toEqual([]);
    const late = (e: { at: number }, since: number) => e.at - since >= 1000;
    expect(whileLive.filter((e) => late(e, published) && !enrolled.has(e.id)), "live for over a second, not matched in B").toEqual([]);
    expect(afterPause.filter((e) => late(e, paused) && enrolled.has(e.id)), "paused for over a second, still matched in B").toEqual([]);
    // And in practice at once: report how long each took.
    const firstMatch = whileLive.find((e) => enrolled.has(e.id));
    const firstMiss = afterPause.find((e) => !enrolled.has(e.id));
    console.log(`[rules-across-processes] first match ${firstMatch ? firstMatch.at - published : "none"} ms after publish; first miss ${firstMiss ? firstMiss.at - paused : "none"} ms after pause`);
  }, 60_000);
});
