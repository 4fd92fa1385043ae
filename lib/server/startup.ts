// What a Cue process does once, before serving: check its role, open (and migrate) the
// database, make sure the bootstrap application and admin exist, load demo data on a
// fresh embedded database, and start what its role runs in the background.
import { bootstrapAdmin } from "./auth/admins";
import { bootstrapApps } from "./apps";
import { closeDatabase, database } from "./db";
import { demoShoppers, startDemoLive, stopDemoLive } from "./demo/live";
import { loadDemoData } from "./demo/load";
import { startBackground, stopBackground, type CueRole } from "./engine/background";
import { stopListening } from "./notify";

/** A setting that cannot work: the process should say why and exit, not limp along. */
export class StartupError extends Error {}

const ROLES: readonly CueRole[] = ["web", "worker", "all"];

/** CUE_ROLE (default `all`); `web` and `worker` need a PostgreSQL the processes share. */
export function cueRole(env: Record<string, string | undefined> = process.env): CueRole {
  const role = (env.CUE_ROLE || "all") as CueRole;
  if (!ROLES.includes(role)) throw new StartupError(`CUE_ROLE must be web, worker or all (default), not "${env.CUE_ROLE}"`);
  if (role !== "all" && !env.DATABASE_URL) {
    throw new StartupError(
      `CUE_ROLE=${role} needs DATABASE_URL: the embedded PGlite database lives inside one process, so it runs as CUE_ROLE=all only. Set DATABASE_URL=postgres://… to run web and worker processes apart.`,
    );
  }
  return role;
}

export function tickSeconds(env: Record<string, string | undefined> = process.env): number {
  const value = env.CUE_TICK_SECONDS === undefined || env.CUE_TICK_SECONDS === "" ? 5 : Number(env.CUE_TICK_SECONDS);
  if (!Number.isFinite(value) || value < 0) throw new StartupError(`CUE_TICK_SECONDS must be a number of seconds (0 = off), not "${env.CUE_TICK_SECONDS}"`);
  return value;
}

/** `next start` (roles web and all). */
export async function startCue(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = Date.now();
  const role = cueRole(env);
  const seconds = tickSeconds(env);
  const db = await database();
  const { prisma, mode } = db;
  const created = await bootstrapApps(prisma, env, (line) => console.log(line));
  await bootstrapAdmin(prisma, env);
  if (created && mode === "pglite" && env.CUE_DEMO_DATA !== "0") {
    const count = await loadDemoData(db, created.id, new Date());
    console.log(`[cue] played ${count} demo events through the demo's journeys in "${created.name}" (${Date.now() - started} ms so far)`);
  }
  await startBackground(role, seconds);
  // Demo data lives on the embedded database only; its shoppers keep coming back while the server runs.
  const live = mode === "pglite" && role !== "web" && env.CUE_DEMO_LIVE !== "0" ? await demoShoppers(db.sql) : null;
  if (live) startDemoLive(db.sql, live.appId, live.users);
  const background = role === "web" ? "no ticker: workers do the work" : `tick every ${seconds > 0 ? `${seconds} s` : "— off"}`;
  console.log(`[cue] ready as ${role} on ${mode} in ${Date.now() - started} ms (${background})`);
}

/** `npm run worker`: the engine without the HTTP server. Resolves once it runs. */
export async function startWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = Date.now();
  if (!env.DATABASE_URL) {
    throw new StartupError("A separate worker needs DATABASE_URL (PostgreSQL): with the embedded PGlite database, `npm start` runs everything in one process.");
  }
  const seconds = tickSeconds(env);
  if (seconds === 0) console.warn("[cue] CUE_TICK_SECONDS=0: this worker only acts on wake-ups; due delays and retries wait for another worker's tick");
  await database(); // opens and migrates, under an advisory lock shared with the web processes
  await startBackground("worker", seconds);
  console.log(`[cue] worker ready on postgresql in ${Date.now() - started} ms (tick every ${seconds > 0 ? `${seconds} s` : "— off"}, woken by web processes)`);
}

/** Finishes the batch under way, then closes the listener and the database. */
export async function stopCue(): Promise<void> {
  stopDemoLive();
  await stopBackground();
  await stopListening();
  await closeDatabase();
}
