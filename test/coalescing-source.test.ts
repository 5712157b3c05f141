import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { status } from "@grpc/grpc-js";
import type { MetricQuery } from "@/lib/dashboards/types";
import {
  cloudMonitoringSource,
  type CloudMonitoringSource,
} from "@/server/integrations/gcp-monitoring/cloud-monitoring-source";
import type { MetricWindow, MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { coalescingSource } from "@/server/integrations/metrics/coalescing-source";
import { startMonitoringDouble, timeSeries, type MonitoringDouble } from "./support/monitoring-double";

process.env.METADATA_SERVER_DETECTION = "none";

const FROM = Date.UTC(2024, 0, 1, 0, 0, 0);
const MIN = 60_000;
const TTL = 30_000;
const window: MetricWindow = { from: new Date(FROM), to: new Date(FROM + 10 * MIN), stepSeconds: 60 };

const query: MetricQuery = {
  metricType: "run.googleapis.com/request_count",
  resourceType: "cloud_run_revision",
  filter: [{ key: "resource.label.service_name", op: "=", value: "checkout-api" }],
  aligner: "ALIGN_RATE",
  reducer: "REDUCE_SUM",
  groupBy: [],
  region: { label: "resource.label.location" },
};

let double: MonitoringDouble;
let upstream: CloudMonitoringSource;
let clock = 0;
let source: MetricsSource;

beforeAll(async () => {
  double = await startMonitoringDouble();
  double.setSeries(() => [
    timeSeries({
      metricType: query.metricType,
      resourceType: query.resourceType,
      resourceLabels: { location: "us-central1" },
      points: [[FROM + MIN, 4]],
    }),
  ]);
  upstream = cloudMonitoringSource({
    projectId: "acme-prod",
    apiEndpoint: "127.0.0.1",
    port: double.port,
    insecure: true,
  });
});

function fresh(options: { maxEntries?: number } = {}) {
  clock = 1_000_000;
  source = coalescingSource(upstream, { ttlMs: TTL, now: () => clock, ...options });
  double.requests.length = 0;
}

afterEach(() => {
  double.delayMs = 0;
});

afterAll(async () => {
  await upstream.close();
  await double.close();
});

describe("coalescingSource", () => {
  it("answers 50 concurrent identical calls with one upstream call", async () => {
    fresh();
    double.delayMs = 100;
    const results = await Promise.all(Array.from({ length: 50 }, () => source.listTimeSeries(query, window)));
    expect(double.requests).toHaveLength(1);
    expect(source.kind).toBe("cloud-monitoring");
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]?.[0]?.points[0]).toEqual([FROM + MIN, 4]);
    // Every caller has its own copy.
    expect(results[0]).not.toBe(results[1]);
  });

  it("serves a second call within the TTL from memory and asks again after it", async () => {
    fresh();
    await source.listTimeSeries(query, window);
    clock += TTL - 1;
    await source.listTimeSeries(query, window);
    expect(double.requests).toHaveLength(1);
    clock += 2;
    await source.listTimeSeries(query, window);
    expect(double.requests).toHaveLength(2);
  });

  it("forget() drops cached results, so the next call asks again", async () => {
    fresh();
    await source.listTimeSeries(query, window);
    source.forget?.();
    await source.listTimeSeries(query, window);
    expect(double.requests).toHaveLength(2);
  });

  it("does not cache a failure", async () => {
    fresh();
    double.failNext(status.PERMISSION_DENIED, "denied");
    const failed = await Promise.allSettled(
      Array.from({ length: 5 }, () => source.listTimeSeries(query, window)),
    );
    expect(failed.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
    expect(double.requests).toHaveLength(1);
    await expect(source.listTimeSeries(query, window)).resolves.toHaveLength(1);
    expect(double.requests).toHaveLength(2);
  });

  it("keys by window and query, not by the query's key order", async () => {
    fresh();
    await source.listTimeSeries(query, window);
    await source.listTimeSeries(query, { ...window, to: new Date(FROM + 11 * MIN) });
    await source.listTimeSeries(query, { ...window, stepSeconds: 300 });
    await source.listTimeSeries({ ...query, reducer: "REDUCE_MAX" }, window);
    expect(double.requests).toHaveLength(4);
    const reordered = Object.fromEntries(Object.entries(query).reverse()) as unknown as MetricQuery;
    await source.listTimeSeries(reordered, window);
    expect(double.requests).toHaveLength(4);
  });

  it("keeps callers' changes out of the cache", async () => {
    fresh();
    const first = await source.listTimeSeries(query, window);
    first[0]!.points[0]![1] = -1;
    first[0]!.labels.x = "y";
    const second = await source.listTimeSeries(query, window);
    expect(second[0]?.points[0]).toEqual([FROM + MIN, 4]);
    expect(second[0]?.labels).toEqual({});
  });

  it("holds at most maxEntries results, dropping the least recently used", async () => {
    fresh({ maxEntries: 2 });
    const at = (minutes: number): MetricWindow => ({ ...window, to: new Date(FROM + minutes * MIN) });
    await source.listTimeSeries(query, at(10));
    await source.listTimeSeries(query, at(11));
    await source.listTimeSeries(query, at(10)); // a hit: 10 is now the most recent
    await source.listTimeSeries(query, at(12)); // evicts 11
    expect(double.requests).toHaveLength(3);
    await source.listTimeSeries(query, at(10));
    expect(double.requests).toHaveLength(3);
    await source.listTimeSeries(query, at(11));
    expect(double.requests).toHaveLength(4);
  });
});
