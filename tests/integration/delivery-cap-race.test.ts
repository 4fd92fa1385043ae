// Two processes decide a message for the same user at the same moment, with one slot
// left under the cap: only one takes it. Each process (tests/integration/gate-process.ts)
// records the message through the real recordSends on one PostgreSQL and keeps its
// transaction open until told to commit, so the test can hold the first decision open
// while the second is made. The per-user advisory lock in lib/server/delivery/gate.ts
// makes the second wait for the first to commit and count its message; without the lock
// the second decides at once, without seeing the first, and both take the slot (the
// test was seen failing that way with the lock removed).
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlDb } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";

type Proc = { child: ChildProcess; send(line: string): void; next(): Promise<string> };

function startProcess(): Promise<Proc> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/gate-process.ts"], { env: process.env, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = "";
  let log = "";
  child.stderr!.on("data", (d) => (log += d));
  child.stdout!.on("data", (d) => {
    buffer += d;
    for (let at = buffer.indexOf("\n"); at >= 0; at = buffer.indexOf("\n")) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const proc: Proc = {
    child,
    send: (line) => child.stdin!.write(`${line}\n`),
    next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  };
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`process exited (${code}):\n${log}`)));
    void proc.next().then((line) => (line === "ready" ? resolve(proc) : reject(new Error(`unexpected: ${line}\n${log}`))));
  });
}

const within = <T,>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<"pending">((r) => setTimeout(() => r("pending"), ms))]);

let t: TestApp;
let a: Proc;
let b: Proc;

describe.skipIf(!process.env.DATABASE_URL)("a cap's last slot across processes (PostgreSQL)", () => {
  beforeAll(async () => {
    t = await createTestApp("Cap race");
    [a, b] = await Promise.all([startProcess(), startProcess()]);
  }, 120_000);

  afterAll(() => {
    a?.child.kill("SIGKILL");
    b?.child.kill("SIGKILL");
  });

  it("gives the last slot to the first of two messages decided at once in two processes; the second waits and is capped", async () => {
    const policy = await t.master("PUT", "/api/v1/delivery-policy", {
      timezone: "UTC", quietHours: null, caps: [{ channel: "webhook", max: 2, per: { amount: 1, unit: "days" } }], capMode: "drop",
    });
    expect(policy.status).toBe(200);
    await t.app("PUT", "/api/v1/users/racer", { name: "Racer" });
    // One slot of two already taken.
    a.send(`send ${t.id} racer enr_first`);
    expect(await a.next()).toBe("decided queued");
    a.send("commit");
    expect(await a.next()).toBe("committed");

    // A decides the last slot and holds its transaction open; B decides for the same user meanwhile.
    a.send(`send ${t.id} racer enr_a`);
    expect(await a.next()).toBe("decided queued");
    b.send(`send ${t.id} racer enr_b`);
    const early = b.next();
    expect(await within(early, 1000), "B decided while A's decision was still open").toBe("pending");
    a.send("commit");
    expect(await a.next()).toBe("committed");
    expect(await early).toBe("decided skipped");
    b.send("commit");
    expect(await b.next()).toBe("committed");

    const rows = await (await sqlDb()).query<{ enrollmentId: string; status: string; reason: string | null }>(
      `SELECT "enrollmentId", status, reason FROM "Message" WHERE "appId" = $1 ORDER BY "enrollmentId"`,
      [t.id],
    );
    expect(rows).toEqual([
      { enrollmentId: "enr_a", status: "queued", reason: null },
      { enrollmentId: "enr_b", status: "skipped", reason: "Capped: at most 2 webhook per user per day" },
      { enrollmentId: "enr_first", status: "queued", reason: null },
    ]);
  }, 60_000);
});
