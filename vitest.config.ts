import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // server/ modules guard against client bundles with `import "server-only"`; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "test/support/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Every API call a test makes would log a request line; tests that read the logs set their own level.
    env: { MERIDIAN_LOG_LEVEL: process.env.MERIDIAN_LOG_LEVEL ?? "warning" },
  },
});
