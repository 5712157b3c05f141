import type { NextConfig } from "next";
import { parseEnv } from "./lib/env-schema";

// Validate the environment when the config loads, so a bad environment fails
// `next build` and `next start` before anything is served.
parseEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
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
