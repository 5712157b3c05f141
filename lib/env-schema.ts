import { z } from "zod";

// Empty strings count as unset, so `FOO=` in a shell or .env behaves like no FOO at all.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const emailList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ message: "must be a comma-separated list of email addresses" })));

const postgresUrl = z
  .url({ message: "must be a URL" })
  .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL");

export const envSchema = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"])).default("development"),
  PORT: optional(z.coerce.number().int().min(1).max(65535)).default(3000),
  MERIDIAN_MODE: optional(z.enum(["embedded", "production"])).default("embedded"),
  MERIDIAN_DATA_DIR: optional(z.string()).default(".data"),
  DATABASE_URL: optional(postgresUrl),
  MERIDIAN_SEED_DEMO: optional(z.enum(["true", "false"])),
  MERIDIAN_DEV_USER: optional(z.email()).default("dev@meridian.local"),
  MERIDIAN_ADMINS: optional(emailList).default([]),
  IAP_AUDIENCE: optional(z.string().min(1)),
  IAP_ISSUER: optional(z.url()).default("https://cloud.google.com/iap"),
  IAP_JWKS_URL: optional(z.url()).default("https://www.gstatic.com/iap/verify/public_key-jwk"),
  MERIDIAN_METRICS: optional(z.enum(["embedded", "cloud-monitoring"])),
  GCP_PROJECT_ID: optional(
    z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project id"),
  ),
  GCP_PROJECT_NUMBER: optional(
    z
      .string()
      .regex(
        /^\d{1,19}$/,
        "must be the project's number (digits only), as in <service>-<number>.<region>.run.app",
      ),
  ),
  MERIDIAN_SERVICE_URL_TEMPLATE: optional(
    z
      .string()
      .regex(
        /^https?:\/\/[^\s]*\{service\}[^\s]*$/,
        "must be an http(s) URL template containing {service} (and usually {region}), e.g. https://{service}-123456789.{region}.run.app",
      ),
  ),
  CLOUD_MONITORING_ENDPOINT: optional(
    z.string().regex(/^[\w.-]+:\d+$/, "must be host:port of a plaintext gRPC endpoint (tests only)"),
  ),
  MERIDIAN_EVENT_BUS: optional(z.enum(["embedded", "pubsub"])),
  MERIDIAN_BROKER: optional(
    z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,48}$/, "must be the broker's name (the cloudevent-broker module's name)"),
  ).default("broker"),
  MERIDIAN_BUS_RETENTION_HOURS: optional(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 31),
  ).default(24),
  MERIDIAN_ARCHIVE_RETENTION_DAYS: optional(z.coerce.number().int().min(1).max(3650)).default(30),
  MERIDIAN_ARCHIVE: optional(z.enum(["embedded", "bigquery"])),
  MERIDIAN_RECORDER: optional(
    z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be the cloudevent-recorder module's name"),
  ),
  BIGQUERY_ENDPOINT: optional(z.url({ message: "must be the URL of a BigQuery REST double (tests only)" })),
  MERIDIAN_REPLAY_CONFIRM_THRESHOLD: optional(z.coerce.number().int().min(1)).default(10_000),
  MERIDIAN_DASHBOARD_CACHE_SECONDS: optional(z.coerce.number().int().min(0).max(3600)).default(30),
  MERIDIAN_DEGRADED_FACTOR: optional(z.coerce.number().min(1.1).max(100)).default(3),
  MERIDIAN_REGIONS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, "must be Google Cloud regions such as us-central1"),
          )
          .min(1),
      ),
  ).default(["us-central1", "us-east4", "europe-west1", "asia-northeast1"]),
  MERIDIAN_PORTAL_URL: optional(
    z.url({ message: "must be the portal's URL, e.g. https://meridian.example.com" }),
  ),
  MERIDIAN_GIT: optional(z.enum(["local", "github"])).default("local"),
  MERIDIAN_GIT_DIR: optional(z.string()),
  MERIDIAN_GIT_BASE_BRANCH: optional(z.string().regex(/^[A-Za-z0-9._/-]+$/, "must be a branch name")).default(
    "main",
  ),
  GITHUB_REPOSITORY: optional(z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/repo")),
  GITHUB_API_URL: optional(z.url()).default("https://api.github.com"),
  GITHUB_TOKEN: optional(z.string().min(1)),
  GITHUB_APP_ID: optional(z.string().regex(/^\d+$/, "must be the GitHub App's numeric id")),
  GITHUB_APP_PRIVATE_KEY: optional(
    z.string().includes("PRIVATE KEY", { message: "must be a PEM private key" }),
  ),
  GITHUB_APP_INSTALLATION_ID: optional(z.string().regex(/^\d+$/, "must be the installation's numeric id")),
  GITHUB_WEBHOOK_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  MERIDIAN_ALERT_INTERVAL_SECONDS: optional(z.coerce.number().int().min(5).max(3600)).default(60),
  MERIDIAN_JOB_STALE_SECONDS: optional(z.coerce.number().int().min(1).max(600)).default(15),
  MERIDIAN_LOG_LEVEL: optional(
    z.enum(["debug", "info", "warning", "error"], {
      message: "must be one of debug, info, warning, error (the least severe entry written)",
    }),
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(
    z
      .url({ message: "must be the OTLP/HTTP base URL of the collector, e.g. http://localhost:4318" })
      .refine((u) => /^https?:\/\//.test(u), "must be an http:// or https:// URL (OTLP/HTTP)"),
  ),
  OTEL_METRIC_EXPORT_INTERVAL: optional(
    z.coerce
      .number({ message: "must be the metric export interval in milliseconds" })
      .int()
      .min(100, "must be at least 100 (milliseconds)"),
  ),
  MERIDIAN_REGION: optional(
    z
      .string()
      .regex(/^[a-z]+-[a-z]+[0-9]+$/, "must be the Cloud Run region of this instance, e.g. us-central1"),
  ),
  MERIDIAN_MODULE_SOURCE: optional(
    z
      .string()
      .regex(
        /^[A-Za-z0-9][\w.:/@+-]*$/,
        "must be a Terraform registry address or git URL of the platform modules",
      ),
  ).default("chainguard-dev/common/infra"),
  MERIDIAN_MODULE_VERSION: optional(
    z.string().regex(/^\d+\.\d+\.\d+$/, "must be a release version such as 1.28.6"),
  ).default("1.28.6"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

const isSet = (v: string | undefined) => v !== undefined && v.trim() !== "";

/** Variables production mode cannot do without; checked on the raw values so every problem is named at once. */
function productionIssues(source: Record<string, string | undefined>): string[] {
  const issues: string[] = [];
  if (source.MERIDIAN_MODE?.trim() === "production")
    for (const name of ["DATABASE_URL", "IAP_AUDIENCE"] as const)
      if (!isSet(source[name])) issues.push(`${name}: is required when MERIDIAN_MODE=production`);
  if (source.MERIDIAN_GIT?.trim() === "github") {
    if (!isSet(source.GITHUB_REPOSITORY))
      issues.push("GITHUB_REPOSITORY: is required when MERIDIAN_GIT=github");
    const app = ["GITHUB_APP_ID", "GITHUB_APP_PRIVATE_KEY", "GITHUB_APP_INSTALLATION_ID"] as const;
    if (!isSet(source.GITHUB_TOKEN) && !app.every((name) => isSet(source[name])))
      issues.push(
        "GITHUB_TOKEN: is required when MERIDIAN_GIT=github, unless GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID are set",
      );
  }
  if (metricsBackend(source) === "cloud-monitoring" && !isSet(source.GCP_PROJECT_ID))
    issues.push("GCP_PROJECT_ID: is required when metrics come from Cloud Monitoring");
  if (eventBusBackend(source) === "pubsub" && !isSet(source.GCP_PROJECT_ID))
    issues.push("GCP_PROJECT_ID: is required when the event bus is Pub/Sub");
  if (archiveBackend(source) === "bigquery") {
    if (!isSet(source.GCP_PROJECT_ID))
      issues.push("GCP_PROJECT_ID: is required when the event archive is BigQuery");
    if (!isSet(source.MERIDIAN_RECORDER))
      issues.push("MERIDIAN_RECORDER: is required when the event archive is BigQuery (the recorder's name)");
  }
  return issues;
}

/** Cloud Monitoring in production, the embedded store otherwise, unless MERIDIAN_METRICS says. */
export function metricsBackend(source: Record<string, string | undefined>): "embedded" | "cloud-monitoring" {
  const chosen = source.MERIDIAN_METRICS?.trim();
  if (chosen === "embedded" || chosen === "cloud-monitoring") return chosen;
  return source.MERIDIAN_MODE?.trim() === "production" ? "cloud-monitoring" : "embedded";
}

/** Pub/Sub in production, the embedded log otherwise, unless MERIDIAN_EVENT_BUS says. */
export function eventBusBackend(source: Record<string, string | undefined>): "embedded" | "pubsub" {
  const chosen = source.MERIDIAN_EVENT_BUS?.trim();
  if (chosen === "embedded" || chosen === "pubsub") return chosen;
  return source.MERIDIAN_MODE?.trim() === "production" ? "pubsub" : "embedded";
}

/** The recorder's BigQuery tables in production, the embedded table otherwise, unless MERIDIAN_ARCHIVE says. */
export function archiveBackend(source: Record<string, string | undefined>): "embedded" | "bigquery" {
  const chosen = source.MERIDIAN_ARCHIVE?.trim();
  if (chosen === "embedded" || chosen === "bigquery") return chosen;
  return source.MERIDIAN_MODE?.trim() === "production" ? "bigquery" : "embedded";
}

/** Parses an environment, throwing one message that names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  const lines = [
    ...(result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`)),
    ...productionIssues(source),
  ];
  if (lines.length === 0 && result.success) return result.data;
  throw new EnvError(`Invalid environment:\n${lines.map((l) => `  ${l}`).join("\n")}`);
}
