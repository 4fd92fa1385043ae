// Next.js calls register() once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCue, StartupError } = await import("./lib/server/startup");
  try {
    await startCue();
  } catch (error) {
    // A setting that cannot work (CUE_ROLE=web on PGlite, …): say why and stop, rather
    // than serve requests that nothing will ever process.
    if (!(error instanceof StartupError)) throw error;
    console.error(`[cue] cannot start: ${error.message}`);
    process.exit(1);
  }
}
