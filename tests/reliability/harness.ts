// Shared by the process-level reliability tests: a throwaway PostgreSQL, built Cue servers
// against it, and a direct SQL client to count what happened.
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { auth, startCue, type CueServer } from "../support/cue-server";
import { removePostgres, startPostgres, type PostgresServer } from "../support/postgres-server";

/** A separate worker process (`npm run worker`): no HTTP, so it is known by its log. */
export type CueWorker = { process: ChildProcess; log(): string; stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

export type Harness = {
  postgres: PostgresServer;
  sql: pg.Pool;
  servers: CueServer[];
  workers: CueWorker[];
  start(env?: Record<string, string>): Promise<CueServer>;
  startWorker(env?: Record<string, string>): Promise<CueWorker>;
  close(): Promise<void>;
};

const LEASES = { CUE_STEP_LEASE_MS: "5000", CUE_DELIVERY_LEASE_MS: "5000" };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function harness(): Promise<Harness> {
  const postgres = await startPostgres({ fsync: false });
  const sql = new pg.Pool({ connectionString: postgres.url, max: 2 });
  const servers: CueServer[] = [];
  const workers: CueWorker[] = [];
  return {
    postgres,
    sql,
    servers,
    workers,
    async start(env = {}) {
      const server = await startCue({ DATABASE_URL: postgres.url, CUE_SECRET_KEY: "reliability", ...LEASES, ...env }, process.env.CUE_TEST_DIST_DIR || ".next");
      servers.push(server);
      return server;
    },
    async startWorker(env = {}) {
      const worker = await startWorker({ DATABASE_URL: postgres.url, CUE_SECRET_KEY: "reliability", ...LEASES, ...env });
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all([...servers, ...workers].map((s) => s.stop("SIGKILL")));
      await sql.end();
      removePostgres(postgres);
    },
  };
}

/** What `npm run worker` runs, as one node process (so a signal reaches the worker itself); resolves once it is ready. */
async function startWorker(env: Record<string, string>): Promise<CueWorker> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { detached: true, env: { ...process.env, NODE_ENV: "production", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  for (let i = 0; !log.includes("[cue] worker ready"); i++) {
    if (i > 600 || child.exitCode !== null) throw new Error(`the worker did not start:\n${log}`);
    await sleep(100);
  }
  return {
    process: child,
    log: () => log,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      return exited;
    },
  };
}

export async function api(server: CueServer, method: string, path: string, body?: unknown, as: "secret" | "master" = "master") {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: auth(server, as), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** trigger → delay → send (webhook, through the log provider): each step due after the delay. */
export async function publishDelayed(server: CueServer, event: string, delayMinutes: number): Promise<string> {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
      { id: "d", type: "delay", position: { x: 0, y: 120 }, data: { amount: delayMinutes, unit: "minutes" } },
      { id: "a", type: "action", position: { x: 0, y: 240 }, data: { kind: "send", channel: "webhook", body: "step for {{ user.id }}" } },
    ],
    edges: [
      { id: "e1", source: "t", target: "d" },
      { id: "e2", source: "d", target: "a" },
    ],
  };
  const created = await api(server, "POST", "/api/v1/connectors", { name: `${event} reliability`, graph });
  const published = await api(server, "POST", `/api/v1/connectors/${created.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return created.body.id;
}

/** trigger → send (webhook): the message is due as soon as the event is matched. */
export async function publishImmediate(server: CueServer, event: string): Promise<string> {
  const graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
      { id: "a", type: "action", position: { x: 0, y: 120 }, data: { kind: "send", channel: "webhook", body: "now for {{ user.id }}" } },
    ],
    edges: [{ id: "e1", source: "t", target: "a" }],
  };
  const created = await api(server, "POST", "/api/v1/connectors", { name: `${event} immediate`, graph });
  const published = await api(server, "POST", `/api/v1/connectors/${created.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return created.body.id;
}

/** Sends `count` events whose delay comes due at `dueAt`, in batches of 500. */
export async function sendDue(server: CueServer, event: string, count: number, delayMinutes: number, dueAt: number) {
  const timestamp = new Date(dueAt - delayMinutes * 60_000).toISOString();
  for (let i = 0; i < count; i += 500) {
    const events = Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ id: `${event}-${i + k}`, userId: `${event.toLowerCase()}_${i + k}`, event, timestamp }));
    const res = await api(server, "POST", "/api/v1/events", { events }, "secret");
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

export async function count(h: Harness, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await h.sql.query(sql, params);
  return Number(Object.values(rows[0] as object)[0]);
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
