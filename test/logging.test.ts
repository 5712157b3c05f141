import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { captureLogs, type CapturedLogs } from "./support/logs";

// The portal's JSON log lines: the one line per API request (through the real apiRoute and route
// handlers), and that no secret reaches a line, by key or by the configured secrets' values.

const CANARY = {
  GITHUB_WEBHOOK_SECRET: "canary-webhook-secret-5f1e2d9a",
  GITHUB_TOKEN: "ghp_canaryToken0123456789abcdef",
  GITHUB_APP_PRIVATE_KEY: [
    "-----BEGIN RSA PRIVATE KEY-----",
    "MIIEcanaryPrivateKeyLineOne0123456789abcdefABCDEF",
    "canaryPrivateKeyLineTwo9876543210zyxwvutZYXWVUT==",
    "-----END RSA PRIVATE KEY-----",
  ].join("\n"),
};
const DB_PASSWORD = "canary-db-pässword"; // percent-encoded in the URL
const PROJECT = "meridian-test-1";

let portal: PortalEnvironment;
let logs: CapturedLogs;
let service: typeof import("@/app/api/services/[name]/route");
let events: typeof import("@/app/api/services/[name]/events/route");
let apiRoute: typeof import("@/server/http/api-route").apiRoute;
let redaction: typeof import("@/server/observability/redact");
let log: typeof import("@/server/observability/logger").log;

beforeAll(async () => {
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    GCP_PROJECT_ID: PROJECT,
    MERIDIAN_LOG_LEVEL: undefined,
    ...CANARY,
  });
  service = await import("@/app/api/services/[name]/route");
  events = await import("@/app/api/services/[name]/events/route");
  ({ apiRoute } = await import("@/server/http/api-route"));
  redaction = await import("@/server/observability/redact");
  ({ log } = await import("@/server/observability/logger"));
  await (await import("@/server/db/client")).getDb();
});

afterAll(() => portal?.dispose());

beforeAll(() => {
  logs = captureLogs();
});
afterEach(() => void logs.raw.splice(0));
afterAll(() => logs.restore());

const requestLines = () => logs.entries().filter((e) => e.httpRequest);

describe("request logs", () => {
  it("a request is one JSON line with the request id, user, route pattern, status and latency", async () => {
    const response = await call(
      events.GET,
      "/api/services/checkout-api/events?token=query-secret-123",
      { headers: { "x-request-id": "req-abc.123", "user-agent": "vitest" } },
      { name: "checkout-api" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req-abc.123");
    const lines = requestLines();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      severity: "INFO",
      message: "GET /api/services/[name]/events 200",
      requestId: "req-abc.123",
      user: "dev@meridian.local",
      route: "/api/services/[name]/events",
      method: "GET",
      status: 200,
      httpRequest: {
        requestMethod: "GET",
        requestUrl: "/api/services/checkout-api/events",
        status: 200,
        userAgent: "vitest",
      },
    });
    expect(line.httpRequest.latency).toMatch(/^\d+\.\d{3}s$/);
    expect(line.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Math.abs(Number(line.httpRequest.latency.slice(0, -1)) * 1000 - line.latencyMs)).toBeLessThan(1);
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(line).not.toHaveProperty("logging.googleapis.com/trace");
    expect(logs.raw.join("\n")).not.toContain("query-secret-123");
  });

  it("takes the trace of x-cloud-trace-context as request id and trace, and generates an id otherwise", async () => {
    const traceId = "105445aa7843bc8bf206b12000100000";
    const traced = await call(
      service.GET,
      "/api/services/checkout-api",
      { headers: { "x-cloud-trace-context": `${traceId}/1;o=1` } },
      { name: "checkout-api" },
    );
    expect(traced.headers.get("x-request-id")).toBe(traceId);
    const untraced = await call(service.GET, "/api/services/checkout-api", {}, { name: "checkout-api" });
    const [first, second] = requestLines();
    expect(first).toMatchObject({
      requestId: traceId,
      route: "/api/services/[name]",
      "logging.googleapis.com/trace": `projects/${PROJECT}/traces/${traceId}`,
      "logging.googleapis.com/spanId": "0000000000000001",
      "logging.googleapis.com/trace_sampled": true,
    });
    expect(second.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(untraced.headers.get("x-request-id")).toBe(second.requestId);
  });

  it("a refused request is a WARNING with its error code, under the route pattern", async () => {
    const response = await call(
      service.GET,
      "/api/services/no-such-service",
      {},
      { name: "no-such-service" },
    );
    expect(response.status).toBe(404);
    const [line] = requestLines();
    expect(line).toMatchObject({
      severity: "WARNING",
      route: "/api/services/[name]",
      status: 404,
      httpRequest: { status: 404, requestUrl: "/api/services/no-such-service" },
      error: { code: "not_found" },
    });
  });

  it("a failure is one ERROR line with the stack, scrubbed of every configured secret, and no body", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgres://meridian:${encodeURIComponent(DB_PASSWORD)}@db.internal:5432/meridian`;
    try {
      const failing = apiRoute({ body: z.object({ note: z.string() }) }, async () => {
        const cause = new Error(`connect to postgres://meridian:${DB_PASSWORD}@db.internal failed`);
        throw new Error(
          `GitHub said no to ${CANARY.GITHUB_TOKEN} with ${CANARY.GITHUB_WEBHOOK_SECRET}; key ${CANARY.GITHUB_APP_PRIVATE_KEY}`,
          { cause },
        );
      });
      const response = await call(failing, "/api/boom", {
        method: "POST",
        json: { note: "body-canary-7d41" },
      });
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe("internal");
      const raw = logs.raw.join("\n");
      const lines = logs.entries();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        severity: "ERROR",
        message: "unhandled error in API route: POST /api/boom 500",
        route: "/api/boom",
        status: 500,
        error: { name: "Error", cause: { name: "Error" } },
      });
      expect(lines[0].error.stack).toContain("logging.test.ts");
      expect(lines[0].stack_trace).toBe(lines[0].error.stack);
      expect(lines[0].error.message).toContain("[REDACTED]");
      expect(redaction.leakedSecrets(raw)).toEqual([]);
      for (const secret of [
        CANARY.GITHUB_TOKEN,
        CANARY.GITHUB_WEBHOOK_SECRET,
        "MIIEcanaryPrivateKeyLineOne0123456789abcdefABCDEF",
        "canaryPrivateKeyLineTwo9876543210zyxwvutZYXWVUT==",
        DB_PASSWORD,
        "body-canary-7d41",
      ])
        expect(raw).not.toContain(secret);
    } finally {
      process.env.DATABASE_URL = saved;
      if (saved === undefined) delete process.env.DATABASE_URL;
    }
  });
});

describe("redaction", () => {
  it("replaces values under secret keys at any depth, in objects, arrays, Headers and Maps", () => {
    log.info("calling GitHub", {
      request: {
        headers: new Headers({
          Authorization: "Bearer abc.def.ghi",
          Cookie: "meridian_dev_user=x",
          "x-goog-iap-jwt-assertion": "eyJhbGciOi.jwt.sig",
          accept: "application/json",
        }),
        attempts: [{ deep: { password: "hunter22", private_key: "pk-1", apiKey: "ak-1", key: "k-1" } }],
        settings: new Map([["clientSecret", "cs-1"]]),
        oauth: { access_token: "at-1", refreshToken: "rt-1" },
      },
      visible: "kept",
    });
    const [entry] = logs.entries();
    expect(entry.visible).toBe("kept");
    expect(entry.request.headers.accept).toBe("application/json");
    expect(entry.request.headers.authorization).toBe("[REDACTED]");
    expect(entry.request.headers.cookie).toBe("[REDACTED]");
    expect(entry.request.headers["x-goog-iap-jwt-assertion"]).toBe("[REDACTED]");
    expect(entry.request.attempts[0].deep).toEqual({
      password: "[REDACTED]",
      private_key: "[REDACTED]",
      apiKey: "[REDACTED]",
      key: "[REDACTED]",
    });
    expect(entry.request.settings.clientSecret).toBe("[REDACTED]");
    expect(entry.request.oauth).toEqual({ access_token: "[REDACTED]", refreshToken: "[REDACTED]" });
    for (const value of [
      "abc.def.ghi",
      "hunter22",
      "pk-1",
      "ak-1",
      "k-1",
      "cs-1",
      "at-1",
      "rt-1",
      "eyJhbGciOi",
    ])
      expect(logs.raw[0]).not.toContain(value);
  });

  it("scrubs the configured secrets' values, URL passwords and bearer tokens from any string", () => {
    const secrets = redaction.secretValues({
      GITHUB_TOKEN: "tok-canary-1",
      DATABASE_URL: "postgresql://app:p%40ss-canary@10.0.0.3/db",
    });
    expect(redaction.scrubString("token tok-canary-1 and p@ss-canary and p%40ss-canary", secrets)).toBe(
      "token [REDACTED] and [REDACTED] and [REDACTED]",
    );
    expect(redaction.scrubString("dial postgres://u:other-pw@host/db", [])).toBe(
      "dial postgres://u:[REDACTED]@host/db",
    );
    expect(redaction.scrubString("Authorization: Bearer abcdefghijklmnop", [])).toBe(
      "Authorization: Bearer [REDACTED]",
    );
    // A message quoting the key JSON-escaped still loses its lines.
    log.warn(`bad key ${JSON.stringify(CANARY.GITHUB_APP_PRIVATE_KEY)}`);
    expect(redaction.leakedSecrets(logs.raw.join("\n"))).toEqual([]);
    expect(logs.raw[0]).not.toContain("canaryPrivateKeyLineTwo");
    expect(redaction.leakedSecrets(`x ${CANARY.GITHUB_TOKEN} y`)).toEqual(["GITHUB_TOKEN"]);
  });

  it("writes a value that cannot be walked (cycles, bigint, functions) without throwing", () => {
    const cyclic: Record<string, unknown> = { n: 1n, f: () => 1 };
    cyclic.self = cyclic;
    log.error("odd detail", cyclic);
    const [entry] = logs.entries();
    expect(entry).toMatchObject({ severity: "ERROR", message: "odd detail", n: "1", self: "[Circular]" });
  });
});

describe("route patterns", () => {
  it("puts the params' names back where their values are, left to right", async () => {
    const { patternFromParams, routePattern } = await import("@/server/http/route-pattern");
    expect(patternFromParams("/api/services/events/events", { name: "events" })).toBe(
      "/api/services/[name]/events",
    );
    expect(
      patternFromParams("/api/services/checkout%20api/alerts/p99", { name: "checkout api", policy: "p99" }),
    ).toBe("/api/services/[name]/alerts/[policy]");
    expect(patternFromParams("/api/docs/a/b/c", { slug: ["a", "b", "c"] })).toBe("/api/docs/[...slug]");
    expect(patternFromParams("/api/services", {})).toBe("/api/services");
    // Outside Next.js's work store (as here) the derivation is what routePattern gives.
    expect(routePattern("/api/replays/r-1/pause", { id: "r-1" })).toBe("/api/replays/[id]/pause");
  });
});
