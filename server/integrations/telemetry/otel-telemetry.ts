import "server-only";
import { randomUUID } from "node:crypto";
import {
  context,
  diag,
  DiagLogLevel,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
} from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { log } from "@/server/observability/logger";
import { scrubString } from "@/server/observability/redact";
import { traceFromHeaders } from "@/server/observability/request-context";
import type { PortalCounters, Telemetry, TelemetryConfig } from "./telemetry";

// OpenTelemetry semantic conventions' bucket advice for http.server.request.duration (seconds).
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** Resource attributes of this process: `meridian`, and the Cloud Run service and revision. */
function resource(config: TelemetryConfig) {
  const set = (v: string | undefined) => v?.trim() || undefined;
  // Cloud Run's own variables (not the portal's configuration, so not in the env schema).
  const source: Record<string, string | undefined> = {
    ...process.env,
    GCP_PROJECT_ID: config.GCP_PROJECT_ID,
    MERIDIAN_REGION: config.MERIDIAN_REGION,
  };
  const attributes: Attributes = {
    "service.name": "meridian",
    "service.instance.id": randomUUID(),
    "service.version": set(source.K_REVISION),
    "cloud.provider": set(source.K_SERVICE) || set(source.GCP_PROJECT_ID) ? "gcp" : undefined,
    "cloud.platform": set(source.K_SERVICE) ? "gcp_cloud_run" : undefined,
    "cloud.account.id": set(source.GCP_PROJECT_ID),
    "cloud.region": set(source.MERIDIAN_REGION),
    "faas.name": set(source.K_SERVICE),
    "faas.version": set(source.K_REVISION),
  };
  for (const [key, value] of Object.entries(attributes)) if (value === undefined) delete attributes[key];
  // OTEL_RESOURCE_ATTRIBUTES may add to these; ours win on a clash.
  return detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes(attributes));
}

/**
 * The OpenTelemetry implementation: one span and one `http.server.request.duration` point per
 * API request, the portal counters, OTLP/HTTP JSON to `<endpoint>/v1/traces` and `/v1/metrics`.
 * The tracer provider is deliberately not registered globally: Next.js would then emit its own
 * spans (a second SERVER span per request, `http.target` with the query string, module loads).
 * The parent comes from the incoming `traceparent` or `x-cloud-trace-context`.
 */
export function otelTelemetry(config: TelemetryConfig & { OTEL_EXPORTER_OTLP_ENDPOINT: string }): Telemetry {
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "");
  diag.setLogger(
    {
      error: (message, ...args) => log.error(`OpenTelemetry: ${message}`, args.length ? { args } : undefined),
      warn: (message, ...args) => log.warn(`OpenTelemetry: ${message}`, args.length ? { args } : undefined),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  const res = resource(config);
  const tracerProvider = new NodeTracerProvider({
    resource: res,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }))],
  });
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }),
    exportIntervalMillis: config.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000,
  });
  const meterProvider = new MeterProvider({ resource: res, readers: [reader] });
  const tracer = tracerProvider.getTracer("meridian");
  const meter = meterProvider.getMeter("meridian");
  const duration = meter.createHistogram("http.server.request.duration", {
    description: "Duration of HTTP server requests (the portal's API).",
    unit: "s",
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const counters: { [N in keyof PortalCounters]: ReturnType<typeof meter.createCounter> } = {
    "meridian.scaffold.runs.finished": meter.createCounter("meridian.scaffold.runs.finished", {
      description: "Scaffold runs that reached an end, by status.",
      unit: "{run}",
    }),
    "meridian.event.deliveries": meter.createCounter("meridian.event.deliveries", {
      description: "Pushes of events to trigger endpoints by the embedded broker, by outcome.",
      unit: "{delivery}",
    }),
  };

  return {
    enabled: true,
    inRequestSpan(request, fn) {
      const incoming = traceFromHeaders(request.headers);
      const parent = incoming?.spanId
        ? trace.setSpanContext(ROOT_CONTEXT, {
            traceId: incoming.traceId,
            spanId: incoming.spanId,
            traceFlags: incoming.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
            isRemote: true,
          })
        : ROOT_CONTEXT;
      const attributes = { "http.request.method": request.method, "http.route": request.route };
      const span = tracer.startSpan(
        `${request.method} ${request.route}`,
        { kind: SpanKind.SERVER, attributes },
        parent,
      );
      const started = performance.now();
      const ids = span.spanContext();
      let ended = false;
      return context.with(trace.setSpan(parent, span), () =>
        fn({
          trace: { traceId: ids.traceId, spanId: ids.spanId, sampled: (ids.traceFlags & 1) === 1 },
          end(status, error) {
            if (ended) return;
            ended = true;
            span.setAttribute("http.response.status_code", status);
            const final: Attributes = { ...attributes, "http.response.status_code": status };
            if (status >= 500) {
              final["error.type"] = String(status);
              span.setAttribute("error.type", String(status));
              span.setStatus({ code: SpanStatusCode.ERROR });
              if (error instanceof Error)
                span.recordException({
                  name: error.name,
                  message: scrubString(error.message),
                  stack: error.stack && scrubString(error.stack),
                });
            }
            span.end();
            duration.record((performance.now() - started) / 1000, final);
          },
        }),
      );
    },
    count(name, attributes) {
      counters[name].add(1, attributes);
    },
    async flush() {
      await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
    },
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
      diag.disable();
    },
  };
}
