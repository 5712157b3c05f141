import { defineConfig } from "@playwright/test";
import { productionPortal } from "./e2e/production-portal";
import { control, portalA, stackSecrets } from "./e2e/production-stack/stack";

// Debian's Chromium, never a downloaded browser (see README "Tests").
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);

const prod = productionPortal;
const prodDatabaseUrl = new URL(prod.adminUrl);
prodDatabaseUrl.pathname = `/${prod.database}`;

// The production stack's canary secrets, made once here and inherited (environment) by the
// launcher, which hands them to its portals, and by the workers, whose logs spec looks for them.
stackSecrets();

export default defineConfig({
  testDir: "e2e",
  // Specs run against the embedded portal unless they set their own baseURL.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  timeout: 90_000,
  // Dashboards query the embedded metrics store on 2 cores: allow for a slow first load.
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "embedded", testIgnore: /production-stack\// },
    {
      // Both portals of the production stack (e2e/production-stack/start.ts); the journeys open A.
      name: "production-stack",
      testMatch: /production-stack\/(journeys|standalone)\.spec\.ts$/,
      use: { baseURL: portalA },
      teardown: "production-stack-logs",
    },
    { name: "production-stack-logs", testMatch: /production-stack\/logs\.spec\.ts$/ },
  ],
  webServer: [
    {
      // The built portal (npm test builds first) on a fresh embedded database, seeded with the demo fleet.
      command: `rm -rf .e2e-data && MERIDIAN_DATA_DIR=.e2e-data MERIDIAN_DEV_USER=dev@meridian.local MERIDIAN_ALERT_INTERVAL_SECONDS=10 npx next start -p ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      command: [
        `psql "${prod.adminUrl}" -qc 'DROP DATABASE IF EXISTS ${prod.database} WITH (FORCE)' -c 'CREATE DATABASE ${prod.database}'`,
        `MERIDIAN_MODE=production MERIDIAN_METRICS=embedded MERIDIAN_EVENT_BUS=embedded MERIDIAN_ARCHIVE=embedded DATABASE_URL=${prodDatabaseUrl} MERIDIAN_SEED_DEMO=true IAP_AUDIENCE=${prod.audience} IAP_JWKS_URL=http://127.0.0.1:${prod.keysPort}/jwk npx next start -p ${prod.port}`,
      ].join(" && "),
      url: `http://127.0.0.1:${prod.port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      // Every production integration on a local stand-in, then two portals on one fresh database;
      // ready once both portals answer. Logs of every process: e2e-output/production-stack/.
      command: "npx tsx e2e/production-stack/start.ts",
      url: `${control}/ready`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
