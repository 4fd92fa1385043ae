// One Cue process for rules-across-processes.test.ts: the real route handlers behind an
// HTTP server (as api-client's serveRoutes serves them) plus the background loop that
// `next start` runs as role `all`, on the DATABASE_URL it is given. Prints its URL.
import { startBackground } from "@/lib/server/engine/background";
import { serveRoutes } from "./api-client";

async function main() {
  const server = await serveRoutes();
  await startBackground("all", Number(process.env.CUE_TICK_SECONDS) || 1);
  console.log(`listening ${server.url}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
