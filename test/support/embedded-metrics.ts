import { expect } from "vitest";
import { REGION_LABEL, type MetricQuery } from "@/lib/dashboards/types";
import type { SeriesKey } from "@/server/integrations/embedded-metrics/write-samples";
import type { RawSeries } from "@/server/integrations/metrics/metrics-source";

// Known samples and compact answers for the embedded metrics store's tests.

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 0, 5, 12, 0);
export const RUN = "run.googleapis.com";
export const US = "us-central1";
export const EU = "europe-west1";

export function key(
  service: string,
  metric: string,
  region: string,
  labels: Record<string, string> = {},
  kind: SeriesKey["kind"] = "DELTA",
): SeriesKey {
  const resourceType = metric.startsWith("pubsub") ? "pubsub_subscription" : "cloud_run_revision";
  const scope: Record<string, string> =
    resourceType === "cloud_run_revision" ? { "resource.label.service_name": service } : {};
  return { service, metricType: metric, resourceType, region, kind, labels: { ...scope, ...labels } };
}

export function query(service: string, metric: string, rest: Partial<MetricQuery> = {}): MetricQuery {
  return {
    metricType: metric,
    resourceType: "cloud_run_revision",
    filter: [{ key: "resource.label.service_name", op: "=", value: service }],
    aligner: "ALIGN_RATE",
    reducer: "REDUCE_SUM",
    groupBy: [],
    region: { label: REGION_LABEL },
    ...rest,
  };
}

export const window = (fromMin: number, toMin: number, stepSeconds = 60, base = T0) => ({
  from: new Date(base + fromMin * MIN),
  to: new Date(base + toMin * MIN),
  stepSeconds,
});

export function expectBetween(value: number | null | undefined, low: number, high: number) {
  expect(value).toBeGreaterThan(low);
  expect(value).toBeLessThan(high);
}

export const minutes = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Series by "region|label values", for compact assertions. */
export function byGroup(series: RawSeries[]): Record<string, (number | null)[]> {
  return Object.fromEntries(
    series.map((s) => [
      [s.region, ...Object.values(s.labels)].join("|"),
      s.points.map(([, v]) => (v === null ? null : Math.round(v * 1e6) / 1e6)),
    ]),
  );
}
