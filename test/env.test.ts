import { describe, expect, it } from "vitest";
import { archiveBackend, EnvError, eventBusBackend, metricsBackend, parseEnv } from "@/lib/env-schema";

const production = {
  MERIDIAN_MODE: "production",
  DATABASE_URL: "postgres://meridian@db:5432/meridian",
  IAP_AUDIENCE: "/projects/1/global/backendServices/2",
  GCP_PROJECT_ID: "acme-prod",
  MERIDIAN_RECORDER: "events",
};

/** The EnvError parseEnv throws for `source` (fails the test if it does not throw one). */
function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv defaults", () => {
  it("an empty environment is the embedded mode on port 3000 with the default dev user", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      MERIDIAN_MODE: "embedded",
      MERIDIAN_DATA_DIR: ".data",
      MERIDIAN_DEV_USER: "dev@meridian.local",
      MERIDIAN_ADMINS: [],
      IAP_ISSUER: "https://cloud.google.com/iap",
      IAP_JWKS_URL: "https://www.gstatic.com/iap/verify/public_key-jwk",
      MERIDIAN_DASHBOARD_CACHE_SECONDS: 30,
      MERIDIAN_DEGRADED_FACTOR: 3,
      MERIDIAN_REGIONS: ["us-central1", "us-east4", "europe-west1", "asia-northeast1"],
      MERIDIAN_MODULE_SOURCE: "chainguard-dev/common/infra",
      MERIDIAN_MODULE_VERSION: "1.28.6",
      MERIDIAN_GIT: "local",
      MERIDIAN_GIT_BASE_BRANCH: "main",
      GITHUB_API_URL: "https://api.github.com",
      MERIDIAN_ALERT_INTERVAL_SECONDS: 60,
      MERIDIAN_JOB_STALE_SECONDS: 15,
      MERIDIAN_BROKER: "broker",
      MERIDIAN_BUS_RETENTION_HOURS: 24,
      MERIDIAN_ARCHIVE_RETENTION_DAYS: 30,
      MERIDIAN_REPLAY_CONFIRM_THRESHOLD: 10_000,
    });
  });

  it("MERIDIAN_GIT=github needs a repository and a token or a GitHub App, named at once", () => {
    expect(() => parseEnv({ MERIDIAN_GIT: "github" })).toThrow(
      /GITHUB_REPOSITORY: is required when MERIDIAN_GIT=github[\s\S]*GITHUB_TOKEN: is required/,
    );
    expect(
      parseEnv({ MERIDIAN_GIT: "github", GITHUB_REPOSITORY: "acme/infra", GITHUB_TOKEN: "t" }).MERIDIAN_GIT,
    ).toBe("github");
    expect(() => parseEnv({ MERIDIAN_REGIONS: "us-central1,Mars" })).toThrow(/MERIDIAN_REGIONS/);
  });

  it("empty strings count as unset", () => {
    const blank = {
      NODE_ENV: "",
      PORT: "",
      MERIDIAN_MODE: "",
      MERIDIAN_DATA_DIR: "",
      DATABASE_URL: "",
      MERIDIAN_SEED_DEMO: "",
      MERIDIAN_DEV_USER: "",
      MERIDIAN_ADMINS: "",
      IAP_AUDIENCE: "",
      IAP_ISSUER: "",
      IAP_JWKS_URL: "",
    };
    expect(parseEnv(blank)).toEqual(parseEnv({}));
  });

  it("whitespace-only values count as unset too", () => {
    expect(parseEnv({ PORT: "  ", DATABASE_URL: " " })).toEqual(parseEnv({}));
  });

  it("reads explicit values and coerces PORT to a number", () => {
    const e = parseEnv({ PORT: "8080", MERIDIAN_DATA_DIR: "/var/meridian", MERIDIAN_SEED_DEMO: "false" });
    expect(e).toMatchObject({ PORT: 8080, MERIDIAN_DATA_DIR: "/var/meridian", MERIDIAN_SEED_DEMO: "false" });
  });

  it("parses MERIDIAN_ADMINS as a trimmed, lowercased list", () => {
    expect(parseEnv({ MERIDIAN_ADMINS: " Ada@Meridian.dev, grace@meridian.dev ,," }).MERIDIAN_ADMINS).toEqual(
      ["ada@meridian.dev", "grace@meridian.dev"],
    );
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@h/db" }).DATABASE_URL).toBe("postgres://u@h/db");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5433/db" }).DATABASE_URL).toBe(
      "postgresql://u@h:5433/db",
    );
  });

  it("accepts a complete production environment", () => {
    expect(parseEnv(production)).toMatchObject(production);
  });
});

describe("parseEnv refuses bad values, naming the variable", () => {
  it.each(["abc", "0", "65536", "80.5", "-1"])("PORT=%s", (port) => {
    expect(envError({ PORT: port }).message).toMatch(/^\s*PORT: /m);
  });

  it.each(["mysql://u@h/db", "http://h/db", "not a url", "sqlite:///tmp/x.db"])("DATABASE_URL=%s", (url) => {
    expect(envError({ DATABASE_URL: url }).message).toMatch(/^\s*DATABASE_URL: /m);
  });

  it("an unknown MERIDIAN_MODE", () => {
    expect(envError({ MERIDIAN_MODE: "staging" }).message).toMatch(/^\s*MERIDIAN_MODE: /m);
  });

  it("a MERIDIAN_SEED_DEMO other than true/false", () => {
    expect(envError({ MERIDIAN_SEED_DEMO: "yes" }).message).toMatch(/^\s*MERIDIAN_SEED_DEMO: /m);
  });

  it("a MERIDIAN_ADMINS entry that is not an email", () => {
    expect(envError({ MERIDIAN_ADMINS: "ada@meridian.dev,bob" }).message).toMatch(/^\s*MERIDIAN_ADMINS/m);
  });

  it("production without DATABASE_URL", () => {
    const message = envError({ ...production, DATABASE_URL: undefined }).message;
    expect(message).toMatch(/^\s*DATABASE_URL: is required when MERIDIAN_MODE=production/m);
    expect(message).not.toMatch(/IAP_AUDIENCE/);
  });

  it("production with an empty DATABASE_URL", () => {
    expect(envError({ ...production, DATABASE_URL: "" }).message).toMatch(/^\s*DATABASE_URL: is required/m);
  });

  it("production without IAP_AUDIENCE", () => {
    const message = envError({ ...production, IAP_AUDIENCE: "" }).message;
    expect(message).toMatch(/^\s*IAP_AUDIENCE: is required when MERIDIAN_MODE=production/m);
    expect(message).not.toMatch(/DATABASE_URL/);
  });

  it("names every bad variable at once", () => {
    const message = envError({ PORT: "x", DATABASE_URL: "mysql://h/db", MERIDIAN_MODE: "staging" }).message;
    expect(message).toMatch(/^\s*PORT: /m);
    expect(message).toMatch(/^\s*DATABASE_URL: /m);
    expect(message).toMatch(/^\s*MERIDIAN_MODE: /m);
  });

  it("names both production requirements at once", () => {
    const message = envError({ MERIDIAN_MODE: "production" }).message;
    expect(message).toMatch(/^\s*DATABASE_URL: is required/m);
    expect(message).toMatch(/^\s*IAP_AUDIENCE: is required/m);
  });

  it("names the production requirements even when another variable is also bad", () => {
    const message = envError({ MERIDIAN_MODE: "production", PORT: "x" }).message;
    expect(message).toMatch(/^\s*PORT: /m);
    expect(message).toMatch(/^\s*DATABASE_URL: is required/m);
    expect(message).toMatch(/^\s*IAP_AUDIENCE: is required/m);
  });

  it("the embedded mode needs neither DATABASE_URL nor IAP_AUDIENCE", () => {
    expect(() => parseEnv({ MERIDIAN_MODE: "embedded" })).not.toThrow();
  });
});

describe("event bus backend", () => {
  it("is the embedded log in the embedded mode and Pub/Sub in production", () => {
    expect(eventBusBackend({})).toBe("embedded");
    expect(eventBusBackend({ MERIDIAN_MODE: "production" })).toBe("pubsub");
    expect(eventBusBackend({ MERIDIAN_MODE: "production", MERIDIAN_EVENT_BUS: "embedded" })).toBe("embedded");
  });

  it("Pub/Sub needs GCP_PROJECT_ID, and the broker name follows the module's rule", () => {
    expect(envError({ MERIDIAN_EVENT_BUS: "pubsub" }).message).toMatch(
      /^\s*GCP_PROJECT_ID: is required when the event bus is Pub\/Sub/m,
    );
    expect(envError({ MERIDIAN_BROKER: "Bad Broker" }).message).toMatch(/^\s*MERIDIAN_BROKER: must be/m);
    expect(parseEnv({}).MERIDIAN_BROKER).toBe("broker");
  });
});

describe("event archive backend", () => {
  it("is the embedded table in the embedded mode and BigQuery in production, which needs the recorder", () => {
    expect(archiveBackend({})).toBe("embedded");
    expect(archiveBackend({ MERIDIAN_MODE: "production" })).toBe("bigquery");
    const { MERIDIAN_RECORDER: _unused, ...withoutRecorder } = production;
    expect(envError(withoutRecorder).message).toMatch(
      /^\s*MERIDIAN_RECORDER: is required when the event archive is BigQuery/m,
    );
    expect(envError({ MERIDIAN_RECORDER: "Bad Name" }).message).toMatch(/^\s*MERIDIAN_RECORDER: must be/m);
  });
});

describe("metrics backend", () => {
  it("is the embedded store in the embedded mode and Cloud Monitoring in production", () => {
    expect(metricsBackend({})).toBe("embedded");
    expect(metricsBackend({ MERIDIAN_MODE: "production" })).toBe("cloud-monitoring");
    expect(metricsBackend({ MERIDIAN_MODE: "production", MERIDIAN_METRICS: "embedded" })).toBe("embedded");
  });

  it("Cloud Monitoring needs GCP_PROJECT_ID, named in the error", () => {
    const { GCP_PROJECT_ID: _unused, ...withoutProject } = production;
    expect(envError(withoutProject).message).toMatch(
      /^\s*GCP_PROJECT_ID: is required when metrics come from Cloud Monitoring/m,
    );
    expect(envError({ MERIDIAN_METRICS: "cloud-monitoring" }).message).toMatch(/GCP_PROJECT_ID/);
    expect(() =>
      parseEnv({
        ...withoutProject,
        MERIDIAN_METRICS: "embedded",
        MERIDIAN_EVENT_BUS: "embedded",
        MERIDIAN_ARCHIVE: "embedded",
      }),
    ).not.toThrow();
  });

  it("rejects a malformed project id, endpoint or degraded factor, naming each", () => {
    const message = envError({
      GCP_PROJECT_ID: "Bad_Project",
      CLOUD_MONITORING_ENDPOINT: "nohost",
      MERIDIAN_DEGRADED_FACTOR: "1",
    }).message;
    expect(message).toMatch(/^\s*GCP_PROJECT_ID: must be a Google Cloud project id/m);
    expect(message).toMatch(/^\s*CLOUD_MONITORING_ENDPOINT: /m);
    expect(message).toMatch(/^\s*MERIDIAN_DEGRADED_FACTOR: /m);
  });
});
