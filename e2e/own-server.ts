// A Cue server of a spec's own, from the same build as the shared one, on a fresh data
// directory: for specs that need settings the shared server must not have (a loopback
// SMTP server, demo data). Its own process group, so stop() ends exactly what it started.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN } from "./support";

export type OwnServer = { url: string; log: () => string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `next start` with the admin of e2e/support and `env`, and waits until it is healthy. */
export async function startOwnServer(name: string, env: Record<string, string>, startupMs = 90_000): Promise<OwnServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `cue-e2e-${name}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const server = spawn(path.join(process.cwd(), "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      CUE_DATA_DIR: dataDir,
      CUE_PUBLIC_URL: url,
      CUE_ADMIN_EMAIL: ADMIN.email,
      CUE_ADMIN_PASSWORD: ADMIN.password,
      CUE_TICK_SECONDS: "1",
      ...env,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => void (log += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => void (log += chunk.toString()));
  const stop = async () => {
    if (server.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + startupMs;
  for (;;) {
    const healthy = await fetch(`${url}/api/health`).then((res) => res.ok, () => false);
    if (healthy) return { url, log: () => log, stop };
    if (Date.now() > deadline || server.exitCode !== null) {
      await stop();
      throw new Error(`The spec's Cue server did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
