import { rm } from "node:fs/promises";

// Each run gets a throwaway embedded database (see playwright.config.ts); drop it afterwards.
export default async function globalTeardown() {
  const dir = process.env.CUE_E2E_DATA_DIR;
  if (dir?.startsWith("/tmp/cue-e2e-") && !process.env.CUE_E2E_KEEP_DATA) await rm(dir, { recursive: true, force: true });
}
