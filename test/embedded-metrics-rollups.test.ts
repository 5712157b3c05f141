import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactMetrics } from "@/server/integrations/embedded-metrics/compact";
import { embeddedMetricsSource } from "@/server/integrations/embedded-metrics/embedded-source";
import { logNormalBuckets } from "@/server/integrations/embedded-metrics/histogram";
import { writeSamples, type MetricSample } from "@/server/integrations/embedded-metrics/write-samples";
import { MIN, RUN, T0, US, byGroup, expectBetween, key, query, window } from "./support/embedded-metrics";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

// Roll-ups and retention of the embedded store: 1-minute points become 10-minute points, queries
// read whichever the step needs, and old points go.

let db: TestDatabase;
const source = embeddedMetricsSource(async () => db.prisma);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.dispose());

describe("roll-ups and retention", () => {
  const svc = "epsilon";
  const count = `${RUN}/request_count`;
  const latency = `${RUN}/request_latencies`;
  const instances = `${RUN}/container/instance_count`;
  const NOW = T0 + 20 * 60 * MIN;
  const HOUR = 60 * MIN;
  const pointsOf = async (resolution: number) =>
    (
      await db.prisma.$queryRawUnsafe<{ n: number; total: number }[]>(
        `SELECT count(*)::int AS n, coalesce(sum(p.sum), 0)::float8 AS total FROM "MetricPoint" p
         JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s.service = $1 AND p.resolution = $2`,
        svc,
        resolution,
      )
    )[0]!;

  beforeAll(async () => {
    const samples: MetricSample[] = [];
    // 30 hours of 1-minute points: 60 requests a minute at ~200 ms, 3 instances.
    for (let t = NOW - 30 * HOUR; t < NOW; t += MIN) {
      samples.push({
        series: key(svc, count, US, { "metric.label.response_code_class": "2xx" }),
        start: t,
        value: 60,
      });
      samples.push({
        series: key(svc, latency, US, {}, "DISTRIBUTION"),
        start: t,
        distribution: { count: 60, sum: 60 * 200, buckets: logNormalBuckets(60, 200, 0.3) },
      });
      samples.push({ series: key(svc, instances, US, {}, "GAUGE"), start: t, value: 3 });
    }
    await writeSamples(db.prisma, samples);
  });

  const rate = (w: ReturnType<typeof window>) => source.listTimeSeries(query(svc, count), w);
  const p95 = (w: ReturnType<typeof window>) =>
    source.listTimeSeries(
      query(svc, latency, { aligner: "ALIGN_DELTA", reducer: "REDUCE_PERCENTILE_95" }),
      w,
    );

  it("before compaction, long steps read the 1-minute points", async () => {
    expect(byGroup(await rate(window(-3 * 60, 0, 3600, NOW)))).toEqual({ [US]: [1, 1, 1] });
  });

  it("compaction rolls 1-minute points up into 10-minute points and drops those older than 24 h", async () => {
    const fineBefore = await pointsOf(60);
    const result = await compactMetrics(db.prisma, NOW);
    expect(result.rollups).toBeGreaterThanOrEqual(3 * 30 * 6);
    const fine = await pointsOf(60);
    const coarse = await pointsOf(600);
    expect(fine.n).toBe(3 * 24 * 60);
    expect(fine.n).toBeLessThan(fineBefore.n);
    expect(coarse.n).toBe(3 * 30 * 6);
    // The roll-ups hold exactly what the 1-minute points held.
    expect(coarse.total).toBeCloseTo(fineBefore.total, 3);
  });

  it("is idempotent", async () => {
    const before = [await pointsOf(60), await pointsOf(600)];
    await compactMetrics(db.prisma, NOW);
    await compactMetrics(db.prisma, NOW);
    expect([await pointsOf(60), await pointsOf(600)]).toEqual(before);
  });

  it("a week at 1-hour steps reads the roll-ups: same rates, same percentiles, nulls before the data", async () => {
    const week = window(-7 * 24 * 60, 0, 3600, NOW);
    const [series] = await rate(week);
    const values = series!.points.map(([, v]) => v);
    expect(values).toHaveLength(7 * 24);
    expect(values.slice(-30).every((v) => v !== null && Math.abs(v - 1) < 1e-9)).toBe(true);
    expect(values.slice(0, -30).every((v) => v === null)).toBe(true);
    const [latencies] = await p95(week);
    for (const [, v] of latencies!.points.slice(-30)) expectBetween(v, 280, 360);
    const mean = await source.listTimeSeries(
      query(svc, instances, { aligner: "ALIGN_MEAN", reducer: "REDUCE_SUM" }),
      week,
    );
    expect(mean[0]!.points.slice(-30).every(([, v]) => v === 3)).toBe(true);
  });

  it("1-minute steps older than 24 h spread each roll-up evenly over its ten steps", async () => {
    const old = window(-28 * 60, -27 * 60, 60, NOW);
    const [series] = await rate(old);
    expect(series!.points).toHaveLength(60);
    expect(series!.points.every(([, v]) => v !== null && Math.abs(v - 1) < 1e-9)).toBe(true);
    const [latencies] = await p95(old);
    for (const [, v] of latencies!.points) expectBetween(v, 280, 360);
  });

  it("a 24-hour window at 5-minute steps mixes roll-ups and 1-minute points without a seam", async () => {
    const [series] = await rate(window(-26 * 60, 0, 300, NOW));
    expect(series!.points.every(([, v]) => v !== null && Math.abs(v - 1) < 1e-9)).toBe(true);
  });

  it("short steps fill a hole in the 1-minute points with the roll-ups written for it", async () => {
    // Another service: 1-minute points for an hour, none for the next (the demo generator wrote
    // roll-ups after the portal was down), then 1-minute points again.
    const series = key("eta", count, US, { "metric.label.response_code_class": "2xx" });
    const samples: MetricSample[] = [];
    for (let t = NOW - 3 * HOUR; t < NOW; t += MIN)
      if (t < NOW - 2 * HOUR || t >= NOW - HOUR) samples.push({ series, start: t, value: 120 });
    for (let t = NOW - 2 * HOUR; t < NOW - HOUR; t += 10 * MIN)
      samples.push({ series, start: t, resolution: 600, value: 1200 });
    await writeSamples(db.prisma, samples);
    const [answer] = await source.listTimeSeries(query("eta", count), window(-3 * 60, 0, 300, NOW));
    expect(answer!.points.map(([, v]) => v)).toEqual(Array(36).fill(2));
  });

  it("long steps read 1-minute points newer than the last roll-up", async () => {
    await writeSamples(db.prisma, [
      {
        series: key(svc, count, US, { "metric.label.response_code_class": "2xx" }),
        start: NOW + 5 * MIN,
        value: 600,
      },
    ]);
    const [series] = await rate(window(-60, 60, 3600, NOW));
    expect(series!.points.map(([, v]) => v)).toEqual([1, 600 / 3600]);
  });

  it("roll-ups older than 8 days are dropped", async () => {
    await compactMetrics(db.prisma, NOW + 9 * 24 * HOUR);
    expect((await pointsOf(60)).n).toBe(0);
    expect((await pointsOf(600)).n).toBe(0);
  });
});
