import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The layering rules from ARCHITECTURE.md, kept by the linter.
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/server/*", "**/server/*"], message: "components/ and lib/ must stay browser-safe: no server/ imports." }] }],
    },
  },
  {
    files: ["server/services/**", "app/**", "components/**", "lib/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: ["pg", "@electric-sql/pglite", "jose", "@octokit/rest", "@google-cloud/monitoring", "@google-cloud/pubsub", "@google-cloud/bigquery"].map((name) => ({ name, message: "Vendor SDKs live in server/integrations/ only." })) }],
    },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "generated/**", ".data/**", "playwright-report/**", "test-results/**"]),
]);
