import "server-only";
import { createHash } from "node:crypto";
import type { FieldIssue } from "@/lib/errors";
import {
  REGION_ATTRIBUTE,
  SERVICE_ATTRIBUTE,
  attributeString,
  type OtlpHistogramPoint,
  type OtlpKeyValue,
  type OtlpMetric,
  type OtlpMetricsRequest,
  type OtlpNumberPoint,
} from "@/lib/otlp";
import {
  describeMetric,
  resourceLabels,
  serviceLabel,
  type MetricDescriptor,
} from "@/server/integrations/embedded-metrics/metric-catalog";
import type { SeriesKey } from "@/server/integrations/embedded-metrics/write-samples";

// OTLP metrics → the Cloud Monitoring series the dashboards read, checking every rule on the way
// (nothing is written by this file). Two kinds of names are understood:
//   * the store's Cloud Monitoring types themselves (metric-catalog.ts), e.g.
//     run.googleapis.com/request_count with attribute response_code_class;
//   * OpenTelemetry's http.server.request.duration histogram (seconds, http.response.status_code),
//     which becomes request_count by response_code_class and request_latencies in ms.
// Other names are ignored and reported back as rejected data points.

export const HTTP_DURATION = "http.server.request.duration";
const RETENTION_MS = 8 * 24 * 3600_000;
const FUTURE_MS = 5 * 60_000;

export type Target =
  | { series: SeriesKey; use: "value" }
  | { series: SeriesKey; use: "count" }
  | { series: SeriesKey; use: "distribution"; factor: number };

export interface SourcePoint {
  /** The OTLP stream (service, region, metric, attributes): cumulative values are per stream. */
  stream: string;
  temporality: "delta" | "cumulative" | "gauge";
  startNano?: string;
  timeNano: string;
  endMs: number;
  value?: number;
  histogram?: { bounds: number[]; counts: number[]; count: number; sum: number; min?: number; max?: number };
  targets: Target[];
}

export interface MappedRequest {
  points: SourcePoint[];
  issues: FieldIssue[];
  /** Service name → where it was named, to report the unknown ones. */
  services: Map<string, string>;
  ignored: { names: Set<string>; points: number };
}

const RUN = "run.googleapis.com";

export function mapOtlpRequest(request: OtlpMetricsRequest, nowMs: number): MappedRequest {
  const out: MappedRequest = {
    points: [],
    issues: [],
    services: new Map(),
    ignored: { names: new Set(), points: 0 },
  };
  request.resourceMetrics.forEach((rm, i) => {
    const service = attributeString(rm.resource.attributes, SERVICE_ATTRIBUTE)!;
    const region = attributeString(rm.resource.attributes, REGION_ATTRIBUTE)!;
    out.services.set(service, `body.resourceMetrics.${i}.resource.attributes`);
    rm.scopeMetrics.forEach((sm, j) =>
      sm.metrics.forEach((metric, k) => {
        const ctx = {
          service,
          region,
          resource: rm.resource.attributes,
          path: `body.resourceMetrics.${i}.scopeMetrics.${j}.metrics.${k}`,
          nowMs,
        };
        mapMetric(metric, ctx, out);
      }),
    );
  });
  return out;
}

interface Context {
  service: string;
  region: string;
  resource: OtlpKeyValue[];
  path: string;
  nowMs: number;
}

const dataKind = (m: OtlpMetric) => (m.sum ? "sum" : m.gauge ? "gauge" : m.histogram ? "histogram" : "other");
const wanted = { DELTA: "sum", GAUGE: "gauge", DISTRIBUTION: "histogram" } as const;

function mapMetric(metric: OtlpMetric, ctx: Context, out: MappedRequest) {
  const descriptor = describeMetric(metric.name);
  const isHttp = metric.name === HTTP_DURATION;
  if (!descriptor && !isHttp) {
    out.ignored.names.add(metric.name);
    out.ignored.points += (metric.sum ?? metric.gauge ?? metric.histogram)?.dataPoints.length ?? 0;
    return;
  }
  const want = descriptor ? wanted[descriptor.kind] : "histogram";
  if (dataKind(metric) !== want) {
    out.issues.push({
      field: ctx.path,
      rule: `"${metric.name}" must be a ${want}${descriptor ? ` (a ${descriptor.kind} metric)` : ""}, is a ${dataKind(metric)}`,
    });
    return;
  }
  const msUnit = isHttp || descriptor?.unit === "ms";
  const factor = msUnit ? unitFactor(metric.unit, isHttp ? 1000 : 1) : 1;
  if (factor === null) {
    out.issues.push({
      field: `${ctx.path}.unit`,
      rule: `must be ms, s or us for "${metric.name}", is "${metric.unit}"`,
    });
    return;
  }
  const temporality = metric.gauge ? "gauge" : (metric.sum ?? metric.histogram)!.aggregationTemporality;
  const points: (OtlpNumberPoint | OtlpHistogramPoint)[] = (metric.sum ?? metric.gauge ?? metric.histogram)!
    .dataPoints;
  const key = metric.sum ? "sum" : metric.gauge ? "gauge" : "histogram";
  points.forEach((point, p) => {
    const path = `${ctx.path}.${key}.dataPoints.${p}`;
    const time = checkTime(point, path, ctx.nowMs, out.issues);
    if (time === null) return;
    const targets = isHttp
      ? httpTargets(ctx, point, path, factor, out.issues)
      : cloudTargets(descriptor!, ctx, point, path, factor, out.issues);
    if (!targets) return;
    out.points.push({
      stream: streamKey(ctx, metric.name, point.attributes),
      temporality,
      startNano: point.startTimeUnixNano === undefined ? undefined : String(point.startTimeUnixNano),
      timeNano: String(point.timeUnixNano),
      endMs: time,
      ...("bucketCounts" in point
        ? {
            histogram: {
              bounds: point.explicitBounds,
              counts: point.bucketCounts.map(Number),
              count: Number(point.count),
              sum: point.sum ?? 0,
              min: point.min,
              max: point.max,
            },
          }
        : { value: point.asDouble ?? Number(point.asInt) }),
      targets,
    });
  });
}

function unitFactor(unit: string | undefined, fallback: number): number | null {
  if (unit === undefined || unit === "") return fallback;
  return ({ ms: 1, s: 1000, us: 0.001, µs: 0.001 } as Record<string, number>)[unit] ?? null;
}

function checkTime(
  point: { timeUnixNano: string | number; startTimeUnixNano?: string | number },
  path: string,
  nowMs: number,
  issues: FieldIssue[],
): number | null {
  const ms = Number(BigInt(point.timeUnixNano) / 1_000_000n);
  if (ms < nowMs - RETENTION_MS || ms > nowMs + FUTURE_MS) {
    issues.push({
      field: `${path}.timeUnixNano`,
      rule: `must be within the last 8 days (the store's retention) and not in the future, is ${new Date(ms).toISOString()}`,
    });
    return null;
  }
  if (point.startTimeUnixNano !== undefined && BigInt(point.startTimeUnixNano) > BigInt(point.timeUnixNano)) {
    issues.push({ field: `${path}.startTimeUnixNano`, rule: "must not be after timeUnixNano" });
    return null;
  }
  return ms;
}

function cloudTargets(
  d: MetricDescriptor,
  ctx: Context,
  point: OtlpNumberPoint | OtlpHistogramPoint,
  path: string,
  factor: number,
  issues: FieldIssue[],
): Target[] | null {
  const ownLabels = resourceLabels[d.resourceType];
  const svcLabel = serviceLabel[d.resourceType];
  const labels: Record<string, string> = svcLabel ? { [`resource.label.${svcLabel}`]: ctx.service } : {};
  for (const name of ownLabels) {
    if (name === svcLabel) continue;
    const value =
      attributeString(point.attributes, name) ??
      attributeString(ctx.resource, name) ??
      (name === "revision_name" ? attributeString(ctx.resource, "faas.version") : undefined);
    if (value !== undefined) labels[`resource.label.${name}`] = value;
  }
  for (const { key } of point.attributes) {
    const value = attributeString(point.attributes, key);
    if (!ownLabels.includes(key) && value !== undefined) labels[`metric.label.${key}`] = value;
  }
  if (
    d.type === `${RUN}/request_count` &&
    !labels["metric.label.response_code_class"] &&
    labels["metric.label.response_code"]
  )
    labels["metric.label.response_code_class"] = `${labels["metric.label.response_code"].slice(0, 1)}xx`;
  const missing = [
    ...d.requiredLabels.filter((l) => !labels[`metric.label.${l}`]),
    ...(d.resourceType === "pubsub_subscription" && !labels["resource.label.subscription_id"]
      ? ["subscription_id"]
      : []),
  ];
  if (missing.length) {
    issues.push({
      field: `${path}.attributes`,
      rule: `must include ${missing.map((m) => `"${m}"`).join(", ")} for "${d.type}"`,
    });
    return null;
  }
  const series: SeriesKey = {
    service: ctx.service,
    metricType: d.type,
    resourceType: d.resourceType,
    region: ctx.region,
    kind: d.kind,
    labels,
  };
  return [d.kind === "DISTRIBUTION" ? { series, use: "distribution", factor } : { series, use: "value" }];
}

function httpTargets(
  ctx: Context,
  point: OtlpNumberPoint | OtlpHistogramPoint,
  path: string,
  factor: number,
  issues: FieldIssue[],
): Target[] | null {
  const code = attributeString(point.attributes, "http.response.status_code");
  if (!code || !/^[1-5]\d\d$/.test(code)) {
    issues.push({
      field: `${path}.attributes`,
      rule: 'must include "http.response.status_code" (an HTTP status code 100-599)',
    });
    return null;
  }
  const scope = { "resource.label.service_name": ctx.service };
  const revision =
    attributeString(ctx.resource, "revision_name") ?? attributeString(ctx.resource, "faas.version");
  const resource = revision ? { ...scope, "resource.label.revision_name": revision } : scope;
  const base = { service: ctx.service, resourceType: "cloud_run_revision", region: ctx.region };
  return [
    {
      series: {
        ...base,
        metricType: `${RUN}/request_count`,
        kind: "DELTA",
        labels: {
          ...resource,
          "metric.label.response_code_class": `${code[0]}xx`,
          "metric.label.response_code": code,
        },
      },
      use: "count",
    },
    {
      series: { ...base, metricType: `${RUN}/request_latencies`, kind: "DISTRIBUTION", labels: resource },
      use: "distribution",
      factor,
    },
  ];
}

function streamKey(ctx: Context, name: string, attributes: OtlpKeyValue[]): string {
  const sorted = (list: OtlpKeyValue[]) =>
    list.map((a) => [a.key, attributeString(list, a.key) ?? ""]).sort();
  return createHash("md5")
    .update(JSON.stringify([ctx.service, ctx.region, name, sorted(attributes), sorted(ctx.resource)]))
    .digest("hex");
}
