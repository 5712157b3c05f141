import "server-only";
import type { Env } from "@/lib/env-schema";
import { env } from "@/server/env";

// The portal's own traces and metrics, behind a small interface. Off (a no-op, no SDK loaded)
// unless OTEL_EXPORTER_OTLP_ENDPOINT is set; then `startTelemetry` loads the OpenTelemetry SDK
// (`otel-telemetry.ts`), which exports over OTLP/HTTP JSON to the platform's collector.

/** Counters an operator watches besides the request metrics, with their attributes. */
export interface PortalCounters {
  /** A scaffold run reached its end. */
  "meridian.scaffold.runs.finished": { status: "succeeded" | "failed" | "cancelled" };
  /** One push of an event to a trigger's endpoint by the embedded broker, by what came of it. */
  "meridian.event.deliveries": { outcome: "delivered" | "retried" | "dead-lettered" };
}

export interface TraceIds {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

export interface RequestSpan {
  /** The span's ids (for the log lines of the request); undefined when telemetry is off. */
  readonly trace: TraceIds | undefined;
  /** Ends the span with the response status and records `http.server.request.duration`. */
  end(status: number, error?: unknown): void;
}

export interface RequestInfo {
  method: string;
  /** The route pattern, e.g. `/api/services/[name]/events`. */
  route: string;
  headers: Headers;
}

export interface Telemetry {
  readonly enabled: boolean;
  /** Runs `fn` as the SERVER span of one API request, child of the caller's trace if it sent one. */
  inRequestSpan<T>(request: RequestInfo, fn: (span: RequestSpan) => Promise<T>): Promise<T>;
  count<N extends keyof PortalCounters>(name: N, attributes: PortalCounters[N]): void;
  /** Exports everything recorded so far (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const NOOP_SPAN: RequestSpan = { trace: undefined, end: () => {} };

export const noopTelemetry: Telemetry = {
  enabled: false,
  inRequestSpan: (_request, fn) => fn(NOOP_SPAN),
  count: () => {},
  flush: async () => {},
  shutdown: async () => {},
};

export type TelemetryConfig = Pick<
  Env,
  "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_METRIC_EXPORT_INTERVAL" | "GCP_PROJECT_ID" | "MERIDIAN_REGION"
>;

// On globalThis: instrumentation.ts and the route handlers are separate bundles, each with its own
// copy of this module, and they must share the one instance.
const state = ((globalThis as { meridianTelemetry?: TelemetryState }).meridianTelemetry ??= {
  current: noopTelemetry,
});
interface TelemetryState {
  current: Telemetry;
  starting?: Promise<Telemetry>;
}

export const telemetry = (): Telemetry => state.current;

/**
 * Starts exporting when OTEL_EXPORTER_OTLP_ENDPOINT is set (once per process; later calls get the
 * same instance). Without it nothing is loaded and every call above is a no-op.
 */
export function startTelemetry(config: TelemetryConfig = env()): Promise<Telemetry> {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return Promise.resolve(state.current);
  state.starting ??= import("./otel-telemetry").then(({ otelTelemetry }) => {
    state.current = otelTelemetry({ ...config, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    return state.current;
  });
  return state.starting;
}

/** Stops the exporting instance and goes back to the no-op (tests). */
export async function stopTelemetry(): Promise<void> {
  const stopping = state.current;
  state.current = noopTelemetry;
  state.starting = undefined;
  await stopping.shutdown();
}
