// What `next start` does once per process, before serving: open (and migrate) the
// database, make sure the bootstrap application and admin exist, load demo data on a
// fresh embedded database.
import { bootstrapAdmin } from "./auth/admins";
import { bootstrapApps } from "./apps";
import { database } from "./db";
import { loadDemoData } from "./demo-data";

export async function startCue(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = Date.now();
  const { prisma, mode } = await database();
  const created = await bootstrapApps(prisma, env, (line) => console.log(line));
  await bootstrapAdmin(prisma, env);
  if (created && mode === "pglite" && env.CUE_DEMO_DATA !== "0") {
    const count = await loadDemoData(prisma, created.id, new Date());
    console.log(`[cue] loaded ${count} demo events into "${created.name}"`);
  }
  console.log(`[cue] ready on ${mode} in ${Date.now() - started} ms`);
}
