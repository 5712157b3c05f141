import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { status } from "@grpc/grpc-js";
import type { MetricQuery } from "@/lib/dashboards/types";
import {
  CloudMonitoringError,
  cloudMonitoringSource,
  type CloudMonitoringSource,
} from "@/server/integrations/gcp-monitoring/cloud-monitoring-source";
import type { MetricWindow } from "@/server/integrations/metrics/metrics-source";
import { log } from "@/server/observability/logger";
import { startMonitoringDouble, timeSeries, type MonitoringDouble } from "./support/monitoring-double";

process.env.METADATA_SERVER_DETECTION = "none";

const PROJECT = "acme-prod";
const FROM = Date.UTC(2024, 0, 1, 0, 0, 0);
const STEP = 60;
const MIN = 60_000;
const window: MetricWindow = { from: new Date(FROM), to: new Date(FROM + 10 * MIN), stepSeconds: STEP };
const stamps = Array.from({ length: 10 }, (_, i) => FROM + (i + 1) * MIN);

const requestCount: MetricQuery = {
  metricType: "run.googleapis.com/request_count",
  resourceType: "cloud_run_revision",
  filter: [
    { key: "resource.label.service_name", op: "=", value: "checkout-api" },
    { key: "metric.label.response_code_class", op: "!=", value: "4xx" },
    { key: "resource.label.revision_name", op: "regex", value: 'checkout-api-\\d+-"x"' },
  ],
  aligner: "ALIGN_RATE",
  reducer: "REDUCE_SUM",
  groupBy: ["metric.label.response_code_class"],
  region: { label: "resource.label.location" },
};

const unacked: MetricQuery = {
  metricType: "pubsub.googleapis.com/subscription/num_unacked_messages_by_region",
  resourceType: "pubsub_subscription",
  filter: [{ key: "resource.label.subscription_id", op: "regex", value: "orders-[a-z0-9-]+-[^-]*" }],
  aligner: "ALIGN_MEAN",
  reducer: "REDUCE_SUM",
  groupBy: [],
  region: { label: "resource.label.subscription_id", pattern: "^orders-([a-z]+-[a-z]+[0-9])-[^-]*$" },
};

const run = (location: string | undefined, codeClass: string, points: [number, number][]) =>
  timeSeries({
    metricType: requestCount.metricType,
    metricLabels: { response_code_class: codeClass },
    resourceType: "cloud_run_revision",
    resourceLabels: location === undefined ? { service_name: "checkout-api" } : { location },
    points,
  });

let double: MonitoringDouble;
let source: CloudMonitoringSource;

beforeAll(async () => {
  double = await startMonitoringDouble();
  source = cloudMonitoringSource({
    projectId: PROJECT,
    apiEndpoint: "127.0.0.1",
    port: double.port,
    insecure: true,
  });
});

afterEach(() => {
  double.requests.length = 0;
  double.metadata.length = 0;
  double.delayMs = 0;
  double.pageSize = 100;
  double.setSeries(() => []);
  vi.restoreAllMocks();
});

afterAll(async () => {
  await source.close();
  await double.close();
});

describe("cloudMonitoringSource request", () => {
  it("sends one ListTimeSeries with the project, exact filter, step-aligned interval and aggregation", async () => {
    // An unaligned window is aligned down to the step.
    await source.listTimeSeries(requestCount, {
      ...window,
      from: new Date(FROM + 17_000),
      to: new Date(FROM + 10 * MIN + 59_000),
    });
    expect(double.requests).toHaveLength(1);
    const [request] = double.requests;
    expect(request?.name).toBe("projects/acme-prod");
    expect(request?.filter).toBe(
      'metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision"' +
        ' AND resource.label.service_name="checkout-api" AND metric.label.response_code_class!="4xx"' +
        ' AND resource.label.revision_name=monitoring.regex.full_match("checkout-api-\\\\d+-\\"x\\"")',
    );
    expect(request?.interval?.startTime).toMatchObject({ seconds: String(FROM / 1000) });
    expect(request?.interval?.endTime).toMatchObject({ seconds: String(FROM / 1000 + 600) });
    expect(request?.aggregation?.alignmentPeriod).toMatchObject({ seconds: "60" });
    expect(request?.aggregation?.perSeriesAligner).toBe("ALIGN_RATE");
    expect(request?.aggregation?.crossSeriesReducer).toBe("REDUCE_SUM");
    expect(request?.aggregation?.groupByFields).toEqual([
      "resource.label.location",
      "metric.label.response_code_class",
    ]);
    expect(request?.view).toBe("FULL");
  });

  it("reads every page of the answer", async () => {
    const regions = ["us-central1", "europe-west1", "asia-east1", "us-east4", "europe-west4"];
    double.pageSize = 2;
    double.setSeries(() => regions.map((r, i) => run(r, "2xx", [[stamps[0]!, i]])));
    const series = await source.listTimeSeries(requestCount, window);
    expect(series.map((s) => s.region)).toEqual(regions);
    expect(double.requests).toHaveLength(3);
    const [first, ...next] = double.requests.map((r) => r.pageToken);
    expect(first).toBe("");
    for (const token of next) expect(token).not.toBe("");
    expect(new Set(double.requests.map((r) => r.filter)).size).toBe(1);
  });
});

describe("cloudMonitoringSource series", () => {
  it("splits by the region label and the extra group-by fields, points ascending", async () => {
    double.setSeries(() => [
      run(
        "us-central1",
        "2xx",
        stamps.map((t, i) => [t, 10 + i]),
      ),
      run(
        "us-central1",
        "5xx",
        stamps.map((t) => [t, 0.5]),
      ),
      run(
        "europe-west1",
        "2xx",
        stamps.map((t, i) => [t, 20 + i]),
      ),
      run(
        undefined,
        "2xx",
        stamps.map((t) => [t, 99]),
      ),
    ]);
    const debug = vi.spyOn(log, "debug").mockImplementation(() => {});
    const series = await source.listTimeSeries(requestCount, window);
    expect(series.map((s) => [s.region, s.labels])).toEqual([
      ["us-central1", { "metric.label.response_code_class": "2xx" }],
      ["us-central1", { "metric.label.response_code_class": "5xx" }],
      ["europe-west1", { "metric.label.response_code_class": "2xx" }],
    ]);
    expect(series[0]?.points).toEqual(stamps.map((t, i) => [t, 10 + i]));
    expect(series[2]?.points.at(-1)).toEqual([FROM + 10 * MIN, 29]);
    expect(debug).toHaveBeenCalledWith(expect.stringContaining("dropped 1 of 4 series"));
  });

  it("reads the region from a subscription id with the pattern, merging a region's subscriptions", async () => {
    const sub = (id: string, points: [number, number][]) =>
      timeSeries({
        metricType: unacked.metricType,
        resourceType: "pubsub_subscription",
        resourceLabels: { subscription_id: id, project_id: PROJECT },
        points,
        valueType: "INT64",
      });
    double.setSeries(() => [
      sub("orders-us-central1-ab12", [
        [stamps[0]!, 100],
        [stamps[1]!, 200],
      ]),
      sub("orders-europe-west1-x9z8", [[stamps[0]!, 5]]),
      sub("orders-us-central1-cd34", [[stamps[1]!, 7]]), // a replacement subscription of the same region
      sub("orders-v2-us-central1-aaaa", [[stamps[0]!, 1]]), // another trigger's: no region by the pattern
    ]);
    vi.spyOn(log, "debug").mockImplementation(() => {});
    const series = await source.listTimeSeries(unacked, window);
    expect(double.requests[0]?.aggregation?.groupByFields).toEqual(["resource.label.subscription_id"]);
    expect(series.map((s) => s.region)).toEqual(["us-central1", "europe-west1"]);
    expect(series[0]?.points.slice(0, 3)).toEqual([
      [stamps[0], 100],
      [stamps[1], 207],
      [stamps[2], null],
    ]);
    expect(series[1]?.labels).toEqual({});
  });

  it("reads quoted label keys and never sends the region twice", async () => {
    double.setSeries(() => [run("us-central1", "5xx", [[stamps[0]!, 1]])]);
    const quoted = 'metric.label."response_code_class"';
    const series = await source.listTimeSeries(
      { ...requestCount, groupBy: [quoted, "resource.label.location"] },
      window,
    );
    expect(double.requests[0]?.aggregation?.groupByFields).toEqual(["resource.label.location", quoted]);
    expect(series[0]?.labels).toEqual({ [quoted]: "5xx", "resource.label.location": "us-central1" });
  });

  it("refuses a malformed filter key before calling", async () => {
    const bad: MetricQuery = {
      ...requestCount,
      filter: [{ key: 'x" OR metric.type="y', op: "=", value: "" }],
    };
    await expect(source.listTimeSeries(bad, window)).rejects.toThrow(/Invalid filter key/);
    expect(double.requests).toHaveLength(0);
  });

  it("fills steps without a point with null so every series has the same timestamps", async () => {
    double.setSeries(() => [
      run("us-central1", "2xx", [
        [stamps[2]!, 3],
        [stamps[7]!, 8],
      ]),
      run("europe-west1", "2xx", [[stamps[9]!, 1]]),
    ]);
    const series = await source.listTimeSeries(requestCount, window);
    expect(series).toHaveLength(2);
    for (const s of series) expect(s.points.map(([t]) => t)).toEqual(stamps);
    expect(series[0]?.points.map(([, v]) => v)).toEqual([
      null,
      null,
      3,
      null,
      null,
      null,
      null,
      8,
      null,
      null,
    ]);
    expect(series[1]?.points.map(([, v]) => v)).toEqual([...Array<null>(9).fill(null), 1]);
  });

  it("reads distribution means and keeps latency values as returned (ms)", async () => {
    double.setSeries(() => [
      {
        ...run("us-central1", "2xx", []),
        valueType: "DISTRIBUTION",
        points: [
          {
            interval: { endTime: { seconds: String(stamps[0]! / 1000) } },
            value: { distributionValue: { count: "4", mean: 182.5 } },
          },
        ],
      },
    ]);
    const [series] = await source.listTimeSeries(
      { ...requestCount, metricType: "run.googleapis.com/request_latencies", groupBy: [] },
      window,
    );
    expect(series?.points[0]).toEqual([stamps[0], 182.5]);
  });
});

describe("cloudMonitoringSource units", () => {
  // Pub/Sub reports push latencies in microseconds; the dashboard's tile (and the embedded store)
  // is in milliseconds.
  const pushLatency: MetricQuery = {
    metricType: "pubsub.googleapis.com/subscription/push_request_latencies",
    resourceType: "pubsub_subscription",
    filter: [{ key: "resource.label.subscription_id", op: "regex", value: "orders-[a-z0-9-]+-[^-]*" }],
    aligner: "ALIGN_DELTA",
    reducer: "REDUCE_PERCENTILE_99",
    groupBy: [],
    region: { label: "resource.label.subscription_id", pattern: "^orders-([a-z]+-[a-z]+[0-9])-[^-]*$" },
  };
  const latencies = (id: string, points: [number, number][], unit?: string) =>
    timeSeries({
      metricType: pushLatency.metricType,
      resourceType: "pubsub_subscription",
      resourceLabels: { subscription_id: id },
      points,
      ...(unit !== undefined && { unit }),
    });

  it("converts Pub/Sub push latencies from the µs Cloud Monitoring reports to the tile's ms", async () => {
    double.setSeries(() => [
      latencies(
        "orders-us-central1-ab12",
        [
          [stamps[0]!, 250_000],
          [stamps[1]!, 1_234.5],
        ],
        "us",
      ),
      // No unit in the answer: the metric's own (µs, from the catalog).
      latencies("orders-europe-west1-x9z8", [[stamps[0]!, 80_000]]),
    ]);
    const series = await source.listTimeSeries(pushLatency, window);
    expect(series.map((s) => [s.region, s.points.slice(0, 2)])).toEqual([
      [
        "us-central1",
        [
          [stamps[0], 250],
          [stamps[1], 1.2345],
        ],
      ],
      [
        "europe-west1",
        [
          [stamps[0], 80],
          [stamps[1], null],
        ],
      ],
    ]);
  });

  it("converts before combining a region's subscriptions, and follows the unit the answer names", async () => {
    double.setSeries(() => [
      latencies("orders-us-central1-ab12", [[stamps[0]!, 300_000]], "us"),
      latencies("orders-us-central1-cd34", [[stamps[0]!, 0.45]], "s"),
    ]);
    const [series] = await source.listTimeSeries(pushLatency, window);
    // The larger of 300 ms and 450 ms (percentiles of two series combine as an upper bound).
    expect(series?.points[0]).toEqual([stamps[0], 450]);
  });

  it("leaves rates, and metrics already in the tile's unit, as returned", async () => {
    double.setSeries(() => [latencies("orders-us-central1-ab12", [[stamps[0]!, 12.5]], "1/s")]);
    const [rate] = await source.listTimeSeries(
      { ...pushLatency, aligner: "ALIGN_RATE", reducer: "REDUCE_SUM" },
      window,
    );
    expect(rate?.points[0]).toEqual([stamps[0], 12.5]);

    double.setSeries(() => [
      timeSeries({
        metricType: "run.googleapis.com/request_latencies",
        resourceType: "cloud_run_revision",
        resourceLabels: { location: "us-central1" },
        points: [[stamps[0]!, 182.5]],
        unit: "ms",
      }),
    ]);
    const [latency] = await source.listTimeSeries(
      { ...requestCount, metricType: "run.googleapis.com/request_latencies", groupBy: [] },
      window,
    );
    expect(latency?.points[0]).toEqual([stamps[0], 182.5]);
  });
});

describe("cloudMonitoringSource errors and slowness", () => {
  it("turns PERMISSION_DENIED into a clear error, without retrying", async () => {
    double.failNext(status.PERMISSION_DENIED, "Permission monitoring.timeSeries.list denied");
    const error = await source.listTimeSeries(requestCount, window).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudMonitoringError);
    expect((error as CloudMonitoringError).status).toBe("PERMISSION_DENIED");
    expect((error as Error).message).toBe(
      "Cloud Monitoring: PERMISSION_DENIED: Permission monitoring.timeSeries.list denied",
    );
    expect(double.requests).toHaveLength(1);
  });

  it("does not retry INVALID_ARGUMENT", async () => {
    double.failNext(status.INVALID_ARGUMENT, "Field aggregation.alignmentPeriod had an invalid value");
    await expect(source.listTimeSeries(requestCount, window)).rejects.toThrow(
      /^Cloud Monitoring: INVALID_ARGUMENT: Field aggregation/,
    );
    expect(double.requests).toHaveLength(1);
  });

  it("retries UNAVAILABLE", async () => {
    double.failNext(status.UNAVAILABLE, "try again");
    double.setSeries(() => [run("us-central1", "2xx", [[stamps[0]!, 1]])]);
    await expect(source.listTimeSeries(requestCount, window)).resolves.toHaveLength(1);
    expect(double.requests).toHaveLength(2);
  });

  it("waits for a slow answer within the timeout", async () => {
    double.delayMs = 1_500;
    double.setSeries(() => [run("us-central1", "2xx", [[stamps[0]!, 1]])]);
    const started = performance.now();
    await expect(source.listTimeSeries(requestCount, window)).resolves.toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_400);
  });

  it("gives up with DEADLINE_EXCEEDED past the timeout", async () => {
    const impatient = cloudMonitoringSource({
      projectId: PROJECT,
      apiEndpoint: "127.0.0.1",
      port: double.port,
      insecure: true,
      timeoutMs: 300,
    });
    double.delayMs = 2_000;
    try {
      await expect(impatient.listTimeSeries(requestCount, window)).rejects.toThrow(
        /^Cloud Monitoring: DEADLINE_EXCEEDED: no answer within 300 ms/,
      );
    } finally {
      await impatient.close();
    }
  });
});
