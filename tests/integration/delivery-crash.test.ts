// A process killed between handing a message to the provider and recording it: after a
// restart the message is retried with the same idempotency key, and stays one message.
// Needs a database two processes can share, so it runs on PostgreSQL only.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { createTestApp } from "./api-client";
import { messagesOf, publishConnector, send } from "./engine-helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function deliverInChild(onSpawn?: (kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn("npx", ["tsx", "tests/support/deliver-once.ts"], {
    env: { ...process.env, CUE_DELIVERY_LEASE_MS: "1000", CUE_ALLOW_PRIVATE_NETWORK: "1" },
    stdio: "ignore",
    detached: true,
  });
  onSpawn?.(() => process.kill(-child.pid!, "SIGKILL"));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe.runIf(process.env.DATABASE_URL)("a crash between send and record", () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    process.env.CUE_ALLOW_PRIVATE_NETWORK = "1";
    fake = await startFakeProvider();
  });
  afterAll(() => fake.close());

  it("is retried after restart with the same key and no second message", async () => {
    const t = await createTestApp("Crash");
    await t.master("PUT", "/api/v1/channels/webhook", { provider: "http", config: { url: `${fake.url}/hook` } });
    const graph: Graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "CRASH" } },
        { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: "once" } },
      ],
      edges: [{ id: "e1", source: "t", target: "a" }],
    };
    await publishConnector(t, "Crash", graph);
    // First attempt (in this process, right after ingest) gets a 503, so the message waits for a retry.
    fake.script({ status: 503 });
    await send(t, { userId: "u_crash", event: "CRASH" });
    for (let i = 0; i < 50 && fake.requests.length === 0; i++) await sleep(50);
    await sleep(400);

    // The provider receives the retry, and the delivering process dies before recording it.
    let kill: () => void = () => {};
    fake.onRequest(() => kill());
    const crashed = await deliverInChild((k) => (kill = k));
    fake.onRequest(null);
    expect(crashed.signal).toBe("SIGKILL");
    expect(fake.requests).toHaveLength(2);

    await sleep(1100); // the dead process's lease runs out
    const restarted = await deliverInChild();
    expect(restarted.code).toBe(0);

    const messages = await messagesOf(t, { userId: "u_crash" });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.status).toBe("sent");
    expect(fake.requests).toHaveLength(3);
    expect(new Set(fake.requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([messages[0]!.id]));
  }, 60_000);
});
