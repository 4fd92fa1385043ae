// `npm run worker`: a Cue worker without the HTTP server, for CUE_ROLE=web servers on the
// same PostgreSQL. It ticks every CUE_TICK_SECONDS and drains whenever a web process
// says work is waiting; SIGTERM or SIGINT lets the batch under way finish, then exits.
// Run with `node --import tsx`, not the tsx command, which SIGKILLs a child that takes
// more than 30 ms to acknowledge a signal (a busy worker on a loaded machine does).
import { StartupError, startWorker, stopCue } from "@/lib/server/startup";

process.env.CUE_ROLE = "worker";

let stopping: Promise<void> | undefined;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  console.log(`[cue] worker: ${signal}, finishing the batch under way`);
  stopping = stopCue().then(
    () => {
      console.log("[cue] worker stopped");
      process.exit(0);
    },
    (error) => {
      console.error("[cue] worker did not stop cleanly", error);
      process.exit(1);
    },
  );
}

async function main() {
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  try {
    await startWorker({ ...process.env, CUE_ROLE: "worker" });
  } catch (error) {
    console.error(`[cue] worker cannot start: ${error instanceof StartupError ? error.message : error}`);
    process.exit(1);
  }
}

void main();
