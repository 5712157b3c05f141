import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProxyTracerProvider, trace } from "@opentelemetry/api";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { captureLogs, type CapturedLogs } from "./support/logs";
import { startOtlpCollector, type OtlpCollector } from "./support/otlp-collector";

// Traces and metrics of the portal itself, through the real route handlers, exported over OTLP/HTTP
// to a local collector double; and nothing at all without OTEL_EXPORTER_OTLP_ENDPOINT.

const SERVER = 2; // OTLP SpanKind
const ERROR = 2; // OTLP StatusCode
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN = "00f067aa0ba902b7";

let portal: PortalEnvironment;
let collector: OtlpCollector;
let logs: CapturedLogs;
let activity: typeof import("@/app/api/services/[name]/activity/route");
let apiRoute: typeof import("@/server/http/api-route").apiRoute;
let telemetry: typeof import("@/server/integrations/telemetry/telemetry");

beforeAll(async () => {
  collector = await startOtlpCollector();
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
    GCP_PROJECT_ID: "meridian-test-1",
    K_SERVICE: "meridian",
    K_REVISION: "meridian-00042-xyz",
    MERIDIAN_LOG_LEVEL: "info", // the request lines carry the trace
  });
  activity = await import("@/app/api/services/[name]/activity/route");
  ({ apiRoute } = await import("@/server/http/api-route"));
  telemetry = await import("@/server/integrations/telemetry/telemetry");
  await (await import("@/server/db/client")).getDb();
  logs = captureLogs();
});

afterAll(async () => {
  logs?.restore();
  await telemetry?.stopTelemetry();
  await portal?.dispose();
  await collector?.close();
});

const getActivity = (headers: Record<string, string> = {}) =>
  call(activity.GET, "/api/services/checkout-api/activity", { headers }, { name: "checkout-api" });

describe("telemetry configuration", () => {
  it("names a bad OTLP endpoint or export interval", async () => {
    const { parseEnv } = await import("@/lib/env-schema");
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "the collector" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: must be the OTLP\/HTTP base URL/,
    );
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => parseEnv({ OTEL_METRIC_EXPORT_INTERVAL: "10" })).toThrow(
      /OTEL_METRIC_EXPORT_INTERVAL: must be at least 100/,
    );
    expect(() => parseEnv({ MERIDIAN_LOG_LEVEL: "verbose" })).toThrow(/MERIDIAN_LOG_LEVEL: must be one of/);
    expect(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "" }).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });
});

describe("telemetry", () => {
  // First, while no exporting instance was ever started in this process.
  it("without OTEL_EXPORTER_OTLP_ENDPOINT: no SDK, no span, nothing sent", async () => {
    const started = await telemetry.startTelemetry();
    expect(started.enabled).toBe(false);
    expect(telemetry.telemetry()).toBe(telemetry.noopTelemetry);
    expect((await getActivity()).status).toBe(200);
    telemetry.telemetry().count("meridian.scaffold.runs.finished", { status: "succeeded" });
    await telemetry.telemetry().flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(collector.requests).toEqual([]);
    // The SDK was never even imported, and no tracer provider is registered.
    expect(
      (globalThis as { meridianTelemetry?: { starting?: unknown } }).meridianTelemetry?.starting,
    ).toBeUndefined();
    const provider = trace.getTracerProvider() as ProxyTracerProvider;
    expect(provider.getDelegate().constructor.name).toBe("NoopTracerProvider");
  });

  it("with it: one SERVER span per request and the request-duration histogram, with the route pattern", async () => {
    await telemetry.startTelemetry({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_METRIC_EXPORT_INTERVAL: 60_000,
      GCP_PROJECT_ID: "meridian-test-1",
      MERIDIAN_REGION: "europe-west1",
    });
    expect(telemetry.telemetry().enabled).toBe(true);
    logs.raw.splice(0);
    const response = await getActivity({ traceparent: `00-${TRACE_ID}-${PARENT_SPAN}-01` });
    expect(response.status).toBe(200);
    await telemetry.telemetry().flush();

    expect(collector.requests.every((r) => r.understood)).toBe(true);
    const spans = collector.spans.filter(
      (s) => s.attributes["http.route"] === "/api/services/[name]/activity",
    );
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span).toMatchObject({
      name: "GET /api/services/[name]/activity",
      kind: SERVER,
      traceId: TRACE_ID,
      parentSpanId: PARENT_SPAN,
      attributes: {
        "http.request.method": "GET",
        "http.route": "/api/services/[name]/activity",
        "http.response.status_code": 200,
      },
      resource: {
        "service.name": "meridian",
        "faas.name": "meridian",
        "faas.version": "meridian-00042-xyz",
        "cloud.platform": "gcp_cloud_run",
        "cloud.region": "europe-west1",
        "cloud.account.id": "meridian-test-1",
      },
    });
    // The user is in the log line, never in the span.
    expect(JSON.stringify(span)).not.toContain("dev@meridian.local");

    const points = collector.points.filter(
      (p) =>
        p.metric === "http.server.request.duration" &&
        p.attributes["http.route"] === "/api/services/[name]/activity",
    );
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({
      kind: "histogram",
      unit: "s",
      value: 1,
      attributes: {
        "http.request.method": "GET",
        "http.route": "/api/services/[name]/activity",
        "http.response.status_code": 200,
      },
      resource: { "service.name": "meridian" },
    });
    expect(points[0]!.bounds).toContain(0.005);

    // Google's own header is a parent too (its span id is decimal).
    await getActivity({ "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/255;o=1" });
    await telemetry.telemetry().flush();
    expect(collector.spans.find((s) => s.traceId === "105445aa7843bc8bf206b12000100000")).toMatchObject({
      kind: SERVER,
      parentSpanId: "00000000000000ff",
    });

    // The request's log line carries the same trace and span.
    const line = logs.entries().find((e) => e.httpRequest);
    expect(line["logging.googleapis.com/trace"]).toBe(`projects/meridian-test-1/traces/${TRACE_ID}`);
    expect(line["logging.googleapis.com/spanId"]).toBe(span!.spanId);
  });

  it("a failing request's span is an error, its exception scrubbed; portal counters arrive", async () => {
    process.env.GITHUB_TOKEN = "ghp_telemetryCanary0123456789";
    const failing = apiRoute({}, async () => {
      throw new Error(`rejected ${process.env.GITHUB_TOKEN}`);
    });
    expect((await call(failing, "/api/boom")).status).toBe(500);
    telemetry.telemetry().count("meridian.scaffold.runs.finished", { status: "failed" });
    telemetry.telemetry().count("meridian.event.deliveries", { outcome: "dead-lettered" });
    await telemetry.telemetry().flush();

    const span = collector.spans.find((s) => s.attributes["http.route"] === "/api/boom");
    expect(span).toMatchObject({
      kind: SERVER,
      status: { code: ERROR },
      attributes: { "http.response.status_code": 500, "error.type": "500" },
    });
    expect(span!.events.map((e) => e.name)).toEqual(["exception"]);
    expect(JSON.stringify(span)).not.toContain("ghp_telemetryCanary0123456789");
    expect(JSON.stringify(span)).toContain("[REDACTED]");
    expect(
      collector.points.find(
        (p) => p.metric === "http.server.request.duration" && p.attributes["http.route"] === "/api/boom",
      )?.attributes["http.response.status_code"],
    ).toBe(500);
    const counter = (metric: string) => collector.points.filter((p) => p.metric === metric).at(-1);
    expect(counter("meridian.scaffold.runs.finished")).toMatchObject({
      kind: "sum",
      value: 1,
      attributes: { status: "failed" },
    });
    expect(counter("meridian.event.deliveries")).toMatchObject({
      kind: "sum",
      value: 1,
      attributes: { outcome: "dead-lettered" },
    });
  });
});
