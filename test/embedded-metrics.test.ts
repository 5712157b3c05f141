import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MetricQuery } from "@/lib/dashboards/types";
import { embeddedMetricsSource } from "@/server/integrations/embedded-metrics/embedded-source";
import { logNormalBuckets, quantile, rebucket } from "@/server/integrations/embedded-metrics/histogram";
import { writeSamples, type MetricSample } from "@/server/integrations/embedded-metrics/write-samples";
import {
  EU,
  MIN,
  RUN,
  T0,
  US,
  byGroup,
  expectBetween,
  key,
  minutes,
  query,
  window,
} from "./support/embedded-metrics";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

// The embedded store answers Cloud Monitoring-style queries: known samples in, exact answers out.
// Roll-ups and retention: embedded-metrics-rollups.test.ts.

let db: TestDatabase;
const source = embeddedMetricsSource(async () => db.prisma);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.dispose());

describe("deltas: request_count", () => {
  const svc = "alpha";
  const metric = `${RUN}/request_count`;
  const cls = (c: string) => ({ "metric.label.response_code_class": c });

  beforeAll(async () => {
    const samples: MetricSample[] = [];
    for (const m of minutes(0, 10)) {
      samples.push({ series: key(svc, metric, US, cls("2xx")), start: T0 + m * MIN, value: 60 });
      samples.push({ series: key(svc, metric, US, cls("5xx")), start: T0 + m * MIN, value: 6 });
      if (m !== 4)
        samples.push({ series: key(svc, metric, EU, cls("2xx")), start: T0 + m * MIN, value: 120 });
      // Another service's series must stay out of alpha's answers.
      samples.push({ series: key("beta", metric, US, cls("2xx")), start: T0 + m * MIN, value: 1000 });
    }
    await writeSamples(db.prisma, samples);
  });

  it("ALIGN_RATE + REDUCE_SUM by region and response class: per-second rates, one point per step", async () => {
    const series = await source.listTimeSeries(
      query(svc, metric, { groupBy: ["metric.label.response_code_class"] }),
      window(0, 10),
    );
    expect(series).toHaveLength(3);
    const us2xx = series.find(
      (s) => s.region === US && s.labels["metric.label.response_code_class"] === "2xx",
    )!;
    expect(us2xx.points.map(([t]) => t)).toEqual(minutes(1, 11).map((m) => T0 + m * MIN));
    expect(byGroup(series)).toEqual({
      [`${EU}|2xx`]: [2, 2, 2, 2, null, 2, 2, 2, 2, 2],
      [`${US}|2xx`]: Array(10).fill(1),
      [`${US}|5xx`]: Array(10).fill(0.1),
    });
  });

  it("without extra group-by, the classes sum per region", async () => {
    expect(byGroup(await source.listTimeSeries(query(svc, metric), window(0, 10, 300)))).toEqual({
      [EU]: [1.6, 2],
      [US]: [1.1, 1.1],
    });
  });

  it("ALIGN_DELTA and ALIGN_SUM give the count per step; filters narrow the series", async () => {
    const fiveXx = { key: "metric.label.response_code_class", op: "=" as const, value: "5xx" };
    expect(
      byGroup(
        await source.listTimeSeries(query(svc, metric, { aligner: "ALIGN_DELTA" }), window(0, 10, 300)),
      ),
    ).toEqual({
      [EU]: [480, 600],
      [US]: [330, 330],
    });
    const q = query(svc, metric, { aligner: "ALIGN_SUM", filter: [...query(svc, metric).filter, fiveXx] });
    expect(byGroup(await source.listTimeSeries(q, window(0, 10, 600)))).toEqual({ [US]: [60] });
    const notFive = query(svc, metric, { aligner: "ALIGN_SUM", filter: [{ ...fiveXx, op: "!=" }] });
    expect(byGroup(await source.listTimeSeries(notFive, window(0, 10, 600)))).toEqual({
      [EU]: [1080],
      [US]: [10_600],
    });
  });

  it("ALIGN_MEAN and ALIGN_MAX per series, then REDUCE_MEAN / REDUCE_MAX / REDUCE_PERCENTILE across series", async () => {
    const by = (rest: Partial<MetricQuery>) =>
      source.listTimeSeries(query(svc, metric, rest), window(0, 10, 600));
    expect(byGroup(await by({ aligner: "ALIGN_MEAN", reducer: "REDUCE_MEAN" }))).toEqual({
      [EU]: [120],
      [US]: [33],
    });
    expect(byGroup(await by({ aligner: "ALIGN_MAX", reducer: "REDUCE_MAX" }))).toEqual({
      [EU]: [120],
      [US]: [60],
    });
    expect(byGroup(await by({ aligner: "ALIGN_RATE", reducer: "REDUCE_PERCENTILE_50" }))).toEqual({
      [EU]: [1.8],
      [US]: [0.55],
    });
  });

  it("a step without data is null, and a window before any data is all nulls or nothing", async () => {
    const series = await source.listTimeSeries(query(svc, metric), window(-5, 5));
    expect(byGroup(series)[EU]).toEqual([null, null, null, null, null, 2, 2, 2, 2, null]);
    expect(await source.listTimeSeries(query(svc, metric), window(-60, -10))).toEqual([]);
  });

  it("a regex filter is a full match, as in Cloud Monitoring", async () => {
    const scoped = (value: string) =>
      source.listTimeSeries(
        query(svc, metric, { filter: [{ key: "resource.labels.service_name", op: "regex", value }] }),
        window(0, 10, 600),
      );
    expect((await scoped("alph")).length).toBe(0);
    expect(byGroup(await scoped("alph.*"))).toEqual({ [EU]: [1.8], [US]: [1.1] });
  });
});

describe("gauges: instance_count", () => {
  const svc = "gamma";
  const metric = `${RUN}/container/instance_count`;
  const rev = (r: string) => ({ "resource.label.revision_name": r });

  beforeAll(async () => {
    const samples: MetricSample[] = [];
    for (const m of minutes(0, 10)) {
      // Two readings a minute for revision 1 (mean 3, max 4); revision 2 starts at minute 5.
      samples.push({
        series: key(svc, metric, US, rev("gamma-001"), "GAUGE"),
        start: T0 + m * MIN + 10_000,
        value: 2,
      });
      samples.push({
        series: key(svc, metric, US, rev("gamma-001"), "GAUGE"),
        start: T0 + m * MIN + 40_000,
        value: 4,
      });
      if (m >= 5)
        samples.push({
          series: key(svc, metric, US, rev("gamma-002"), "GAUGE"),
          start: T0 + m * MIN,
          value: 1,
        });
    }
    await writeSamples(db.prisma, samples);
  });

  it("ALIGN_MEAN + REDUCE_SUM by revision, and summed over revisions", async () => {
    const q = query(svc, metric, {
      aligner: "ALIGN_MEAN",
      reducer: "REDUCE_SUM",
      groupBy: ["resource.label.revision_name"],
    });
    expect(byGroup(await source.listTimeSeries(q, window(0, 10, 300)))).toEqual({
      [`${US}|gamma-001`]: [3, 3],
      [`${US}|gamma-002`]: [null, 1],
    });
    expect(byGroup(await source.listTimeSeries({ ...q, groupBy: [] }, window(0, 10, 300)))).toEqual({
      [US]: [3, 4],
    });
  });

  it("ALIGN_MAX + REDUCE_MAX", async () => {
    const q = query(svc, metric, { aligner: "ALIGN_MAX", reducer: "REDUCE_MAX" });
    expect(byGroup(await source.listTimeSeries(q, window(0, 10, 300)))).toEqual({ [US]: [4, 4] });
  });
});

describe("distributions: request_latencies", () => {
  const svc = "delta";
  const metric = `${RUN}/request_latencies`;
  const dist = (count: number, median: number, sigma: number) => ({
    count,
    sum: count * median,
    buckets: logNormalBuckets(count, median, sigma),
  });

  beforeAll(async () => {
    const samples: MetricSample[] = [];
    for (const m of minutes(0, 10)) {
      const start = T0 + m * MIN;
      // us-central1 runs two revisions: 900 requests a minute at ~10 ms and 100 at ~1000 ms.
      samples.push({
        series: key(svc, metric, US, { "resource.label.revision_name": "a" }, "DISTRIBUTION"),
        start,
        distribution: dist(900, 10, 0.05),
      });
      samples.push({
        series: key(svc, metric, US, { "resource.label.revision_name": "b" }, "DISTRIBUTION"),
        start,
        distribution: dist(100, 1000, 0.05),
      });
      // europe-west1: 100 a minute at ~100 ms.
      samples.push({
        series: key(svc, metric, EU, {}, "DISTRIBUTION"),
        start,
        distribution: dist(100, 100, 0.05),
      });
    }
    await writeSamples(db.prisma, samples);
  });

  const pct = async (p: 50 | 95 | 99, stepSeconds = 60) => {
    const series = await source.listTimeSeries(
      query(svc, metric, { aligner: "ALIGN_DELTA", reducer: `REDUCE_PERCENTILE_${p}` }),
      window(0, 10, stepSeconds),
    );
    expect(series.map((s) => s.region).sort()).toEqual([EU, US]);
    const values = (region: string) => series.find((s) => s.region === region)!.points.map(([, v]) => v!);
    return { us: values(US), eu: values(EU) };
  };

  it("percentiles merge the histograms of every series in a region (not an average of percentiles)", async () => {
    // Averaging the revisions' medians would give ~505 ms; the merged median is the fast revision's.
    for (const v of (await pct(50)).us) expectBetween(v, 9, 11);
    // 10 % of the region's requests are slow, so its p95 and p99 are the slow revision's.
    for (const v of (await pct(95)).us) expectBetween(v, 900, 1100);
    for (const v of (await pct(99)).us) expectBetween(v, 900, 1200);
    // Regions are never merged with each other.
    for (const v of (await pct(99)).eu) expectBetween(v, 90, 120);
  });

  it("ten 1-minute histograms merge into one 10-minute step", async () => {
    const { us, eu } = await pct(95, 600);
    expect(us).toHaveLength(1);
    expect(us[0]).toBeGreaterThan(900);
    expect(us[0]).toBeLessThan(1100);
    // True p95 is ~109 ms; interpolation inside a 20 %-wide bucket is within the bucket.
    expect(eu[0]).toBeGreaterThan(100);
    expect(eu[0]).toBeLessThan(125);
  });

  it("ALIGN_RATE on a distribution counts observations; ALIGN_MEAN is the mean observation", async () => {
    const rate = await source.listTimeSeries(query(svc, metric), window(0, 10, 600));
    expect(byGroup(rate)).toEqual({ [EU]: [1.666667], [US]: [16.666667] });
    const mean = await source.listTimeSeries(
      query(svc, metric, { aligner: "ALIGN_MEAN", reducer: "REDUCE_MAX" }),
      window(0, 10, 600),
    );
    expect(byGroup(mean)).toEqual({ [EU]: [100], [US]: [1000] });
  });

  it("adding into a stored minute merges bucket arrays that start at different buckets", async () => {
    const series = key("zeta", metric, US, {}, "DISTRIBUTION");
    await writeSamples(db.prisma, [{ series, start: T0, distribution: dist(300, 1, 0.05) }]);
    await writeSamples(db.prisma, [{ series, start: T0 + 30_000, distribution: dist(100, 5000, 0.05) }]);
    const q = async (reducer: MetricQuery["reducer"]) =>
      (
        await source.listTimeSeries(query("zeta", metric, { aligner: "ALIGN_DELTA", reducer }), window(0, 1))
      )[0]!.points[0]![1]!;
    // Three quarters of the observations at ~1 ms, a quarter at ~5000 ms, in two writes to one minute.
    expect(await q("REDUCE_PERCENTILE_50")).toBeGreaterThan(0.9);
    expect(await q("REDUCE_PERCENTILE_50")).toBeLessThan(1.2);
    expect(await q("REDUCE_PERCENTILE_99")).toBeGreaterThan(4500);
    expect(await q("REDUCE_PERCENTILE_99")).toBeLessThan(6600);
    const [row] = await db.prisma.$queryRawUnsafe<{ count: number; sum: number }[]>(
      `SELECT p.count, p.sum FROM "MetricPoint" p JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s.service = 'zeta'`,
    );
    expect(row).toEqual({ count: 400, sum: 300 * 1 + 100 * 5000 });
  });
});

describe("Pub/Sub subscriptions: the region comes from the subscription id", () => {
  const metric = "pubsub.googleapis.com/subscription/push_request_count";
  const sub = (id: string, region: string, cls = "ack") =>
    key("orders-consumer", metric, region, {
      "resource.label.subscription_id": id,
      "metric.label.response_class": cls,
    });

  beforeAll(async () => {
    const samples: MetricSample[] = [];
    for (const m of minutes(0, 10)) {
      const start = T0 + m * MIN;
      samples.push({ series: sub("orders-us-central1-abcd", US), start, value: 60 });
      // The subscription was recreated: a second id in the same region adds up.
      samples.push({ series: sub("orders-us-central1-k2x9", US), start, value: 30 });
      samples.push({ series: sub("orders-us-central1-k2x9", US, "remote_server_5xx"), start, value: 6 });
      samples.push({ series: sub("orders-europe-west1-wxyz", EU), start, value: 120 });
      // Another trigger whose name starts with "orders-": matched by the filter, not by the region pattern.
      samples.push({ series: sub("orders-extra-us-central1-abcd", US), start, value: 999 });
    }
    await writeSamples(db.prisma, samples);
  });

  const subscriptionQuery = (groupBy: string[] = []): MetricQuery => ({
    metricType: metric,
    resourceType: "pubsub_subscription",
    filter: [{ key: "resource.label.subscription_id", op: "regex", value: "orders-[a-z0-9-]+-[^-]*" }],
    aligner: "ALIGN_RATE",
    reducer: "REDUCE_SUM",
    groupBy,
    region: { label: "resource.label.subscription_id", pattern: "^orders-([a-z]+-[a-z]+[0-9])-[^-]*$" },
  });

  it("groups by the region read with the pattern, summing the subscriptions of one region", async () => {
    expect(byGroup(await source.listTimeSeries(subscriptionQuery(), window(0, 10, 300)))).toEqual({
      [EU]: [2, 2],
      [US]: [1.6, 1.6],
    });
  });

  it("and by an extra label", async () => {
    expect(
      byGroup(
        await source.listTimeSeries(subscriptionQuery(["metric.label.response_class"]), window(0, 10, 600)),
      ),
    ).toEqual({
      [`${EU}|ack`]: [2],
      [`${US}|ack`]: [1.5],
      [`${US}|remote_server_5xx`]: [0.1],
    });
  });
});

describe("histogram arithmetic", () => {
  it("quantiles interpolate inside the store's buckets to within a bucket", () => {
    const b = logNormalBuckets(10_000, 250, 0.5);
    const dense = new Map(b.counts.map((n, i) => [b.offset + i, n]));
    expect(quantile(dense, 0.5)).toBeGreaterThan(250 * 0.9);
    expect(quantile(dense, 0.5)).toBeLessThan(250 * 1.1);
    expect(quantile(new Map(), 0.5)).toBeNull();
  });

  it("rebucketing an OTLP histogram keeps its count and roughly its shape", () => {
    const b = rebucket([10, 20, 50], [0, 100, 0, 0]);
    expect(b.counts.reduce((s, n) => s + n, 0)).toBeCloseTo(100, 6);
    const dense = new Map(b.counts.map((n, i) => [b.offset + i, n]));
    expect(quantile(dense, 0.5)).toBeGreaterThan(13);
    expect(quantile(dense, 0.5)).toBeLessThan(17);
  });
});
