// Starts a throwaway PostgreSQL server for tests and benchmarks: initdb into a temp dir,
// listen on 127.0.0.1 and a free port, socket under /tmp. initdb refuses to run as root,
// so as root the server runs as the `postgres` user.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type PostgresServer = { url: string; port: number; dir: string; stop(): void; start(): void };

function findBin(name: string): string {
  for (const dir of ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"]) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${name} was not found; install the postgresql package`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : bin, asRoot ? ["-u", "postgres", "--", bin, ...args] : args, { stdio: "pipe" });
  const dir = mkdtempSync(path.join(tmpdir(), "cue-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    run(findBin("initdb"), ["-D", data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--locale=C"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=200",
    ...(options.fsync === false ? ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"] : []),
  ].join(" ");
  const start = () => run(findBin("pg_ctl"), ["-D", data, "-o", settings, "-l", path.join(dir, "log"), "-w", "start"]);
  const stop = () => {
    try {
      run(findBin("pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch {
      // already stopped
    }
  };
  try {
    start();
  } catch (error) {
    // A server that did not come up leaves nothing behind.
    stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start,
    stop,
  };
}

export function removePostgres(server: PostgresServer): void {
  server.stop();
  rmSync(server.dir, { recursive: true, force: true });
}
