import { mkdirSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// CUE_E2E_PORT lets several builds (CUE_DIST_DIR) be tested side by side.
const PORT = Number(process.env.CUE_E2E_PORT) || 3210;
const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh embedded database for every run. Workers load this file again, so the directory
// is chosen once by the main process and handed down through the environment.
process.env.CUE_E2E_DATA_DIR ??= `/tmp/cue-e2e-${Date.now()}`;
mkdirSync(process.env.CUE_E2E_DATA_DIR, { recursive: true });

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // The build is made beforehand (npm run build); this only serves it.
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      CUE_DATA_DIR: process.env.CUE_E2E_DATA_DIR,
      CUE_ADMIN_EMAIL: "admin@example.com",
      CUE_ADMIN_PASSWORD: "e2e-password-123",
      CUE_APP_KEY: "e2e_key",
      CUE_APP_SECRET: "e2e_secret",
      CUE_MASTER_SECRET: "e2e_master",
      CUE_DEMO_DATA: "0",
      CUE_TICK_SECONDS: "1",
    },
  },
});
