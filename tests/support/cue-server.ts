// Starts a built Cue server (`next start`) against a database URL and waits until it
// answers /api/health. Used by the reliability tests and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./postgres-server";

export type CueServer = { url: string; key: string; secret: string; master: string; stop(signal?: NodeJS.Signals): Promise<void>; process: ChildProcess; log(): string };

/**
 * `nodeArgs` (e.g. --cpu-prof, which NODE_OPTIONS refuses) start Next.js under `node` directly.
 * `onSpawn` sees the child before it answers, so a caller can stop it however it ends
 * (the benchmark's exit handlers).
 */
export async function startCue(env: Record<string, string>, distDir = ".next", nodeArgs: string[] = [], onSpawn?: (child: ChildProcess) => void): Promise<CueServer> {
  const port = await freePort();
  const credentials = { key: "bench_key", secret: "bench_secret", master: "bench_master" };
  const [command, args] = nodeArgs.length
    ? [process.execPath, [...nodeArgs, require.resolve("next/dist/bin/next"), "start", "-p", String(port)]]
    : ["npx", ["next", "start", "-p", String(port)]];
  // Its own process group, so stopping it also stops the next-server it forks.
  const child = spawn(command, args, {
    detached: true,
    env: {
      ...process.env,
      CUE_DIST_DIR: distDir,
      CUE_APP_KEY: credentials.key,
      CUE_APP_SECRET: credentials.secret,
      CUE_MASTER_SECRET: credentials.master,
      CUE_DEMO_DATA: "0",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  onSpawn?.(child);
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (i > 600 || child.exitCode !== null) {
      // A server that never answered must not outlive the caller.
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
      throw new Error(`Cue did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    ...credentials,
    process: child,
    log: () => log,
    stop: async (signal: NodeJS.Signals = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, signal);
      await exited;
    },
  };
}

export function auth(server: CueServer, which: "secret" | "master" = "secret"): string {
  return `Basic ${Buffer.from(`${server.key}:${which === "secret" ? server.secret : server.master}`).toString("base64")}`;
}
