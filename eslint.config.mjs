import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rules from ARCHITECTURE.md, kept by the linter.
const vendorSdks = [
  "pg",
  "@electric-sql/pglite",
  "pglite-prisma-adapter",
  "@prisma/adapter-pg",
  "jose",
  "@octokit/rest",
  "@octokit/auth-app",
  "@octokit/webhooks-methods",
  "@google-cloud/monitoring",
  "@google-cloud/pubsub",
  "@google-cloud/bigquery",
  "google-auth-library",
  "cloudevents",
  "@cdktf/hcl2json",
  "@cdktf/hcl-tools",
  "@opentelemetry/api",
  "@opentelemetry/sdk-trace-node",
  "@opentelemetry/sdk-metrics",
  "@opentelemetry/resources",
  "@opentelemetry/exporter-trace-otlp-http",
  "@opentelemetry/exporter-metrics-otlp-http",
].map((name) => ({
  name,
  message: "Vendor SDKs are imported only in server/integrations/ (and database drivers in server/db/).",
}));

const serverFromBrowser = {
  group: ["@/server/*", "**/server/*"],
  message: "components/ and lib/ must stay browser-safe: no server/ imports.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/services/**", "app/**"],
    rules: { "no-restricted-imports": ["error", { paths: vendorSdks }] },
  },
  {
    files: ["components/**", "lib/**"],
    rules: { "no-restricted-imports": ["error", { paths: vendorSdks, patterns: [serverFromBrowser] }] },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "generated/**",
    ".data/**",
    ".e2e-data/**",
    "playwright-report/**",
    "test-results/**",
  ]),
]);
