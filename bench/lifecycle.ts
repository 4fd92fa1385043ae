// Everything a benchmark run starts (Cue servers, PostgreSQL servers, data directories)
// is registered here, so however the run ends (it finishes, a scenario throws, Ctrl-C,
// SIGTERM, an uncaught exception) each is stopped. A crashed run used to leave its Cue
// server running: it lives in its own process group, so nothing else stops it.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { startCue, type CueServer } from "../tests/support/cue-server";
import { removePostgres, startPostgres, type PostgresServer } from "../tests/support/postgres-server";

type Resource = { what: string; release(): Promise<void> | void; releaseNow(): void };

// Module state on purpose: the process-level handlers must reach every resource the run
// holds, wherever it was started.
const held = new Set<Resource>();

function hold(resource: Resource): () => Promise<void> {
  held.add(resource);
  return async () => {
    if (!held.delete(resource)) return;
    await resource.release();
  };
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** A Cue server's process group: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export function holdServerProcess(child: ChildProcess, graceMs = 15_000): () => Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return hold({
    what: `Cue server (process group ${child.pid})`,
    release: async () => {
      if (!exited()) {
        const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        killGroup(child.pid!, "SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
        if (await Promise.race([gone.then(() => false), timedOut])) console.error(`bench: the Cue server ${child.pid} ignored SIGTERM for ${graceMs / 1000} s; killing it`);
        clearTimeout(timer);
      }
      // next start forks: whatever of the group is left goes too.
      killGroup(child.pid!, "SIGKILL");
    },
    releaseNow: () => killGroup(child.pid!, "SIGKILL"),
  });
}

export function holdPostgres(server: PostgresServer): () => Promise<void> {
  const release = () => removePostgres(server);
  return hold({ what: `PostgreSQL on port ${server.port}`, release, releaseNow: release });
}

export function holdDirectory(dir: string): () => Promise<void> {
  const release = () => rmSync(dir, { recursive: true, force: true });
  return hold({ what: dir, release, releaseNow: release });
}

/** startCue, held from the moment it is spawned; its stop() releases it. */
export async function startHeldCue(env: Record<string, string>, distDir: string, nodeArgs: string[]): Promise<CueServer> {
  let release: (() => Promise<void>) | undefined;
  try {
    const server = await startCue(env, distDir, nodeArgs, (child) => (release = holdServerProcess(child)));
    return { ...server, stop: () => release!() };
  } catch (error) {
    await release?.();
    throw error;
  }
}

export async function startHeldPostgres(): Promise<PostgresServer & { release(): Promise<void> }> {
  const server = await startPostgres();
  return { ...server, release: holdPostgres(server) };
}

/** Releases everything still held, newest first (a Cue server before its database). */
export async function releaseAll(): Promise<void> {
  for (const resource of [...held].reverse()) {
    held.delete(resource);
    try {
      await resource.release();
    } catch (error) {
      console.error(`bench: could not stop ${resource.what}:`, error);
    }
  }
}

/**
 * Process-level handlers. A signal or an uncaught exception prints what the run has
 * measured so far (`report`), releases everything and exits non-zero. A stray
 * unhandled rejection is counted by `onStray` and the run goes on: the scenarios
 * bound their own waits, so none hangs on it. On `exit` whatever is left is killed
 * synchronously (the last resort, e.g. after process.exit elsewhere).
 */
export function installExitHandlers(report: (reason: string) => void, onStray: (error: unknown) => void) {
  let ending = false;
  const end = async (reason: string, code: number) => {
    if (ending) {
      // A second Ctrl-C while cleaning up: stop waiting.
      for (const r of held) r.releaseNow();
      process.exit(code);
    }
    ending = true;
    console.error(`bench: ${reason}; stopping every server this run started`);
    try {
      report(reason);
    } catch (error) {
      console.error("bench: could not print the partial results:", error);
    }
    await releaseAll();
    process.exit(code);
  };
  process.on("SIGINT", () => void end("interrupted (SIGINT)", 130));
  process.on("SIGTERM", () => void end("terminated (SIGTERM)", 143));
  process.on("SIGHUP", () => void end("hung up (SIGHUP)", 129));
  process.on("uncaughtException", (error) => {
    console.error("bench: uncaught exception:", error);
    void end(`uncaught exception: ${error.message}`, 1);
  });
  process.on("unhandledRejection", (error) => {
    console.error("bench: unhandled rejection (counted, the run goes on):", error);
    onStray(error);
  });
  process.on("exit", () => {
    for (const r of held) {
      try {
        r.releaseNow();
      } catch {
        // exiting anyway
      }
    }
  });
}
