// What `next start` does once per process, before serving: open (and migrate) the
// database, make sure the bootstrap application and admin exist, load demo data on a
// fresh embedded database.
import { bootstrapAdmin } from "./auth/admins";
import { bootstrapApps } from "./apps";
import { database } from "./db";
import { loadDemoData } from "./demo-data";
import { kickMatching, startTicker } from "./engine/background";

export async function startCue(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = Date.now();
  const { prisma, mode } = await database();
  const created = await bootstrapApps(prisma, env, (line) => console.log(line));
  await bootstrapAdmin(prisma, env);
  if (created && mode === "pglite" && env.CUE_DEMO_DATA !== "0") {
    const count = await loadDemoData(prisma, created.id, new Date());
    console.log(`[cue] loaded ${count} demo events into "${created.name}"`);
  }
  const tickSeconds = env.CUE_TICK_SECONDS === undefined || env.CUE_TICK_SECONDS === "" ? 5 : Number(env.CUE_TICK_SECONDS);
  startTicker(tickSeconds);
  kickMatching(); // events a crash left unmatched are picked up now, not at the first tick
  console.log(`[cue] ready on ${mode} in ${Date.now() - started} ms (tick every ${tickSeconds > 0 ? `${tickSeconds} s` : "— off"})`);
}
