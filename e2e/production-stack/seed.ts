import type { ListTimeSeriesRequest, SeriesSpec } from "../../test/support/monitoring-double";

// What the Cloud Monitoring double answers: constant series for checkout-api in each of its
// regions, as Cloud Monitoring answers an aligned, reduced ListTimeSeries (one series per group,
// one point per alignment period, stamped by its end). Every other service has no data.
// The journeys look for these numbers on the Health tab.

export const SEEDED_SERVICE = "checkout-api";

/** Per region: 2xx and 5xx requests/s and latency percentiles in ms. */
export const seeded: Record<string, { ok: number; errors: number; p50: number; p95: number; p99: number }> = {
  "us-central1": { ok: 36.25, errors: 0.75, p50: 41, p95: 238, p99: 612 },
  "us-east4": { ok: 21.5, errors: 0.5, p50: 44, p95: 251, p99: 640 },
  "europe-west1": { ok: 13.75, errors: 0.25, p50: 47, p95: 264, p99: 671 },
};

const quoted = (filter: string, key: string, op = "=") =>
  new RegExp(`${key.replaceAll(".", "\\.")}${op}"([^"]*)"`).exec(filter)?.[1];

export function seededMetrics(request: ListTimeSeriesRequest): SeriesSpec[] {
  const filter = request.filter ?? "";
  const metricType = quoted(filter, "metric.type");
  if (quoted(filter, "resource.label.service_name") !== SEEDED_SERVICE || !metricType) return [];
  const seconds = (t: { seconds?: unknown } | null | undefined) => Number(t?.seconds ?? 0);
  const step = seconds(request.aggregation?.alignmentPeriod) || 60;
  const from = seconds(request.interval?.startTime);
  const to = seconds(request.interval?.endTime);
  const stamps: number[] = [];
  for (let t = from + step; t <= to; t += step) stamps.push(t * 1000);
  const groupBy = request.aggregation?.groupByFields ?? [];
  const reducer = String(request.aggregation?.crossSeriesReducer ?? "");
  const onlyClass = quoted(filter, "metric.label.response_code_class");
  const notClass = quoted(filter, "metric.label.response_code_class", "!=");

  const series: SeriesSpec[] = [];
  for (const [region, v] of Object.entries(seeded)) {
    const resourceLabels = { location: region, service_name: SEEDED_SERVICE };
    const spec = (
      value: number,
      metricLabels: Record<string, string> = {},
      extra: Partial<SeriesSpec> = {},
    ) =>
      series.push({
        metricType,
        metricLabels,
        resourceType: "cloud_run_revision",
        resourceLabels,
        points: stamps.map((ms) => [ms, value]),
        ...extra,
      });
    switch (metricType) {
      case "run.googleapis.com/request_count": {
        const classes = { "2xx": v.ok, "5xx": v.errors };
        const chosen = Object.entries(classes).filter(
          ([c]) => (onlyClass === undefined || c === onlyClass) && c !== notClass,
        );
        if (groupBy.includes("metric.label.response_code_class"))
          for (const [c, value] of chosen) spec(value, { response_code_class: c });
        else spec(chosen.reduce((sum, [, value]) => sum + value, 0));
        break;
      }
      case "run.googleapis.com/request_latencies":
        spec(reducer.endsWith("_50") ? v.p50 : reducer.endsWith("_95") ? v.p95 : v.p99, {}, { unit: "ms" });
        break;
      case "run.googleapis.com/container/instance_count":
        series.push({
          metricType,
          resourceType: "cloud_run_revision",
          resourceLabels: { ...resourceLabels, revision_name: `${SEEDED_SERVICE}-00042-abc` },
          points: stamps.map((ms) => [ms, 3]),
        });
        break;
      case "run.googleapis.com/container/startup_latencies":
        spec(850, {}, { unit: "ms" });
        break;
      case "run.googleapis.com/container/cpu/utilizations":
        spec(0.42);
        break;
      case "run.googleapis.com/container/memory/utilizations":
        spec(0.37);
        break;
    }
  }
  return series;
}
