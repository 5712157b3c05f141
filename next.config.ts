import type { NextConfig } from "next";
import { parseEnv } from "./lib/env-schema";

// Validate the environment when the config loads, so a bad environment fails
// `next build` and `next start` before anything is served.
parseEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container (Dockerfile) runs the self-contained server Next writes to .next/standalone;
  // `next start` (npm start, the embedded portal) serves the normal build.
  ...(process.env.MERIDIAN_BUILD_STANDALONE === "true" ? { output: "standalone" as const } : {}),
  // Read at run time by path, which tracing misses: templates/, the schema and the migrations from
  // the working directory, the migration engine's and the HCL tools' WebAssembly from their packages.
  outputFileTracingIncludes: {
    "/*": [
      "./templates/**/*",
      "./prisma/schema.prisma",
      "./prisma/migrations/**/*",
      "./node_modules/@prisma/schema-engine-wasm/**/*",
      "./node_modules/@cdktf/hcl2json/**/*",
      "./node_modules/@cdktf/hcl-tools/**/*",
    ],
  },
  // Packages that load WebAssembly or native files at run time stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "pg",
    "@cdktf/hcl-tools",
    "@cdktf/hcl2json",
    "handlebars",
    "@octokit/rest",
    "@octokit/auth-app",
    "@octokit/webhooks-methods",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/sdk-metrics",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/exporter-metrics-otlp-http",
    "@opentelemetry/resources",
  ],
};

export default nextConfig;
