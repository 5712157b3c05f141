import "server-only";
import type { protos } from "@google-cloud/monitoring";
import { grpc } from "google-gax";
import { dashboardFilterString, dashboardGroupByFields } from "@/lib/dashboards/dashboard-json";
import type { MetricQuery, Reducer } from "@/lib/dashboards/types";
import type { MetricWindow, MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { log } from "@/server/observability/logger";
import { createMetricServiceClient, type CloudMonitoringConfig } from "./client";
import { seriesScale, type Scale } from "./units";

type TimeSeries = protos.google.monitoring.v3.ITimeSeries;
type TypedValue = protos.google.monitoring.v3.ITypedValue;
type Int64 = number | string | { toString(): string };

/** Per page request; a slow page fails with DEADLINE_EXCEEDED rather than holding the dashboard. */
export const CLOUD_MONITORING_TIMEOUT_MS = 20_000;

/** A failed Cloud Monitoring call, e.g. "Cloud Monitoring: PERMISSION_DENIED: …". */
export class CloudMonitoringError extends Error {
  constructor(
    /** The gRPC status name, e.g. PERMISSION_DENIED, or UNKNOWN when the error carried none. */
    readonly status: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Cloud Monitoring: ${status}: ${detail}`, options);
    this.name = "CloudMonitoringError";
  }
}

export interface CloudMonitoringSource extends MetricsSource {
  /** Closes the gRPC channel. */
  close(): Promise<void>;
}

/** MetricsSource over Cloud Monitoring's ListTimeSeries: one call (every page) per query. */
export function cloudMonitoringSource(
  config: CloudMonitoringConfig & { timeoutMs?: number },
): CloudMonitoringSource {
  const client = createMetricServiceClient(config);
  const name = `projects/${config.projectId}`;
  const timeout = config.timeoutMs ?? CLOUD_MONITORING_TIMEOUT_MS;

  return {
    kind: "cloud-monitoring",
    async listTimeSeries(query, window) {
      const grid = stepGrid(window);
      if (grid.count === 0) return [];
      let series: TimeSeries[];
      try {
        [series] = await client.listTimeSeries(
          {
            name,
            // The same filter and group-by the generated Terraform dashboards send.
            filter: dashboardFilterString(query),
            interval: {
              startTime: { seconds: grid.startMs / 1000 },
              endTime: { seconds: grid.endMs / 1000 },
            },
            aggregation: {
              alignmentPeriod: { seconds: window.stepSeconds },
              perSeriesAligner: query.aligner,
              crossSeriesReducer: query.reducer,
              groupByFields: dashboardGroupByFields(query),
            },
            view: "FULL",
          },
          // Every page is read (autoPaginate); only UNAVAILABLE is retried, never INVALID_ARGUMENT.
          { autoPaginate: true, timeout, retry: { retryCodes: [grpc.status.UNAVAILABLE] } },
        );
      } catch (error) {
        throw toCloudMonitoringError(error, timeout);
      }
      return toRawSeries(series, query, grid);
    },
    close: () => client.close(),
  };
}

interface StepGrid {
  startMs: number;
  endMs: number;
  stepMs: number;
  /** Steps in the window; point i is stamped at startMs + (i + 1) * stepMs. */
  count: number;
}

function stepGrid(window: MetricWindow): StepGrid {
  const step = window.stepSeconds;
  if (!Number.isInteger(step) || step <= 0)
    throw new Error(`stepSeconds must be a positive integer, got ${step}`);
  const stepMs = step * 1000;
  const startMs = Math.floor(window.from.getTime() / stepMs) * stepMs;
  const endMs = Math.floor(window.to.getTime() / stepMs) * stepMs;
  return { startMs, endMs, stepMs, count: Math.max(0, (endMs - startMs) / stepMs) };
}

function toCloudMonitoringError(error: unknown, timeoutMs: number): Error {
  if (!(error instanceof Error)) return new CloudMonitoringError("UNKNOWN", String(error));
  const { code, details } = error as Error & { code?: unknown; details?: unknown };
  const status = typeof code === "number" ? (grpc.status[code] ?? `CODE_${code}`) : "UNKNOWN";
  const detail = typeof details === "string" && details !== "" ? details : error.message;
  const message =
    code === grpc.status.DEADLINE_EXCEEDED ? `no answer within ${timeoutMs} ms (${detail})` : detail;
  return new CloudMonitoringError(status, message, { cause: error });
}

/** The value of `field` (e.g. resource.label.location) on one series, or undefined when absent. */
function labelValue(series: TimeSeries, field: string): string | undefined {
  const [, scope, quoted, plain] = /^(resource|metric)\.labels?\.(?:"([^"]+)"|(.+))$/.exec(field) ?? [];
  const key = quoted ?? plain;
  if (scope === undefined || key === undefined) return undefined;
  const labels = scope === "resource" ? series.resource?.labels : series.metric?.labels;
  return labels?.[key] ?? undefined;
}

function regionOf(series: TimeSeries, query: MetricQuery, pattern: RegExp | undefined): string | undefined {
  const value = labelValue(series, query.region.label);
  if (value === undefined || value === "") return undefined;
  if (!pattern) return value;
  return pattern.exec(value)?.[1] || undefined;
}

const toNumber = (value: Int64 | null | undefined): number => Number(value == null ? 0 : value.toString());

function pointValue(value: TypedValue | null | undefined): number | null {
  if (!value) return null;
  // Decoded with `oneofs: true`, the set member is named in `value`; fall back to presence.
  const kind = (value as { value?: string }).value;
  let result: number | null = null;
  if (kind === "doubleValue" || (kind === undefined && value.doubleValue != null))
    result = value.doubleValue ?? null;
  else if (kind === "int64Value" || (kind === undefined && value.int64Value != null))
    result = toNumber(value.int64Value);
  else if (kind === "distributionValue" || (kind === undefined && value.distributionValue != null)) {
    const distribution = value.distributionValue;
    result = distribution && toNumber(distribution.count) > 0 ? (distribution.mean ?? null) : null;
  } else if (kind === "boolValue" || (kind === undefined && value.boolValue != null))
    result = value.boolValue ? 1 : 0;
  return result !== null && Number.isFinite(result) ? result : null;
}

/**
 * Several series can land on one region and label set (e.g. an old and a new subscription of one region
 * during a replacement): combine them as the reducer would. SUM adds, MEAN averages (unweighted: the
 * counts are not returned), MAX and the percentiles take the largest (an upper bound for percentiles).
 */
function combine(reducer: Reducer, values: number[]): number | null {
  if (values.length === 0) return null;
  if (reducer === "REDUCE_SUM") return values.reduce((a, b) => a + b, 0);
  if (reducer === "REDUCE_MEAN") return values.reduce((a, b) => a + b, 0) / values.length;
  return Math.max(...values);
}

/** The series' values on the grid, in the unit the portal draws the metric in (`scale`, units.ts). */
function alignedValues(series: TimeSeries, grid: StepGrid, scale: Scale): (number | null)[] {
  const values = new Array<number | null>(grid.count).fill(null);
  // Points come newest first; a point stamped t belongs to the step (end - step, end], and aligned
  // points sit exactly on a step's end. Steps without a point stay null.
  for (const point of series.points ?? []) {
    const end = point.interval?.endTime;
    if (!end) continue;
    const ms = toNumber(end.seconds) * 1000 + Math.round((end.nanos ?? 0) / 1e6);
    const index = Math.ceil((ms - grid.startMs) / grid.stepMs) - 1;
    if (index >= 0 && index < grid.count && values[index] === null) {
      const value = pointValue(point.value);
      values[index] = value === null ? null : scale(value);
    }
  }
  return values;
}

function toRawSeries(all: TimeSeries[], query: MetricQuery, grid: StepGrid): RawSeries[] {
  const pattern = query.region.pattern === undefined ? undefined : new RegExp(query.region.pattern);
  const groups = new Map<
    string,
    { region: string; labels: Record<string, string>; values: (number | null)[][] }
  >();
  let dropped = 0;
  for (const series of all) {
    const region = regionOf(series, query, pattern);
    if (region === undefined) {
      dropped++;
      continue;
    }
    const labels = Object.fromEntries(query.groupBy.map((field) => [field, labelValue(series, field) ?? ""]));
    const key = JSON.stringify([region, query.groupBy.map((field) => labels[field])]);
    const group = groups.get(key) ?? { region, labels, values: [] };
    group.values.push(alignedValues(series, grid, seriesScale(query, series.unit)));
    groups.set(key, group);
  }
  if (dropped > 0)
    log.debug(
      `cloud monitoring: dropped ${dropped} of ${all.length} series of ${query.metricType} without a region in ${query.region.label}`,
    );
  return [...groups.values()].map(({ region, labels, values }) => ({
    region,
    labels,
    points: Array.from({ length: grid.count }, (_, i): [number, number | null] => {
      const time = grid.startMs + (i + 1) * grid.stepMs;
      if (values.length === 1) return [time, values[0]?.[i] ?? null];
      const present = values.map((v) => v[i]).filter((v): v is number => v != null);
      return [time, combine(query.reducer, present)];
    }),
  }));
}
