import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { Db } from "@/server/db/client";
import { percentileCont } from "@/server/integrations/embedded-metrics/aggregate";
import { embeddedMetricsSource } from "@/server/integrations/embedded-metrics/embedded-source";
import { logNormalBuckets } from "@/server/integrations/embedded-metrics/histogram";
import { writeSamples, type MetricSample } from "@/server/integrations/embedded-metrics/write-samples";
import { EU, MIN, RUN, T0, US, key, minutes, query, window } from "./support/embedded-metrics";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

// A dashboard asks all its queries at once: the embedded store answers the calls of one tick and
// one window with two statements (the series of every query, then their points once), and each
// caller still gets exactly what it would have got alone.

let db: TestDatabase;
let statements = 0;
/** The Prisma client with its raw queries counted (the only thing the source uses). */
const counted = {
  $queryRawUnsafe: (sql: string, ...params: unknown[]) => {
    statements++;
    return db.prisma.$queryRawUnsafe(sql, ...params);
  },
} as unknown as Db;
const source = embeddedMetricsSource(async () => counted);

const svc = "theta";
const count = `${RUN}/request_count`;
const latency = `${RUN}/request_latencies`;
const instances = `${RUN}/container/instance_count`;
const SUB = "pubsub.googleapis.com/subscription/push_request_count";

beforeAll(async () => {
  db = await createTestDatabase();
  const samples: MetricSample[] = [];
  for (const m of minutes(0, 30)) {
    const start = T0 + m * MIN;
    for (const [region, scale] of [
      [US, 1],
      [EU, 2],
    ] as const) {
      for (const [cls, n] of [
        ["2xx", 60],
        ["5xx", m % 7],
      ] as const)
        samples.push({
          series: key(svc, count, region, { "metric.label.response_code_class": cls }),
          start,
          value: n * scale,
        });
      for (const revision of ["a", "b"])
        samples.push({
          series: key(svc, latency, region, { "resource.label.revision_name": revision }, "DISTRIBUTION"),
          start,
          distribution: {
            count: 100 * scale,
            sum: 100 * scale * 50,
            buckets: logNormalBuckets(100 * scale, revision === "a" ? 20 * scale : 400, 0.4),
          },
        });
      samples.push({
        series: key(svc, instances, region, { "resource.label.revision_name": "a" }, "GAUGE"),
        start,
        value: 2 + (m % 3) * scale,
      });
      samples.push({
        series: key(svc, SUB, region, { "resource.label.subscription_id": `orders-${region}-ab12` }),
        start,
        value: 30 * scale,
      });
    }
  }
  await writeSamples(db.prisma, samples);
});
afterAll(() => db?.dispose());

const percentile = (p: 50 | 95 | 99): MetricQuery =>
  query(svc, latency, { aligner: "ALIGN_DELTA", reducer: `REDUCE_PERCENTILE_${p}` });

/** The queries of a dashboard, and a few more shapes. */
const dashboard: MetricQuery[] = [
  query(svc, count, { groupBy: ["metric.label.response_code_class"] }),
  query(svc, count, {
    filter: [...query(svc, count).filter, { key: "metric.label.response_code_class", op: "=", value: "5xx" }],
  }),
  query(svc, count),
  percentile(50),
  percentile(95),
  percentile(99),
  query(svc, latency, { aligner: "ALIGN_MEAN", reducer: "REDUCE_MAX" }),
  query(svc, latency, { reducer: "REDUCE_PERCENTILE_50", groupBy: ["resource.label.revision_name"] }),
  query(svc, instances, { aligner: "ALIGN_MEAN", groupBy: ["resource.label.revision_name"] }),
  query(svc, instances, { aligner: "ALIGN_MAX", reducer: "REDUCE_MEAN" }),
  {
    metricType: SUB,
    resourceType: "pubsub_subscription",
    filter: [{ key: "resource.label.subscription_id", op: "regex", value: "orders-.*" }],
    aligner: "ALIGN_RATE",
    reducer: "REDUCE_SUM",
    groupBy: [],
    region: { label: "resource.label.subscription_id", pattern: "^orders-([a-z]+-[a-z]+[0-9]+)-[^-]*$" },
  },
];

describe("queries asked together", () => {
  it("cost two statements for the whole dashboard and answer exactly as asked one at a time", async () => {
    for (const w of [window(0, 30), window(0, 30, 300), window(-3, 28, 120)]) {
      statements = 0;
      const together = await Promise.all(dashboard.map((q) => source.listTimeSeries(q, w)));
      expect(statements).toBe(2);
      const alone = [];
      for (const q of dashboard) alone.push(await source.listTimeSeries(q, w));
      expect(statements).toBe(2 + 2 * dashboard.length);
      expect(together).toEqual(alone);
      expect(together.every((series) => series.length > 0)).toBe(true);
    }
  });

  it("one batch per window", async () => {
    statements = 0;
    const [short, long] = await Promise.all([
      source.listTimeSeries(query(svc, count), window(0, 10)),
      source.listTimeSeries(query(svc, count), window(0, 30, 600)),
    ]);
    expect(statements).toBe(4);
    expect(short!.map((s) => s.points.length)).toEqual([10, 10]);
    expect(long!.map((s) => s.points.length)).toEqual([3, 3]);
  });

  it("a query the database refuses fails alone; an unsupported field fails before any statement", async () => {
    const badRegex = query(svc, count, {
      filter: [{ key: "resource.label.service_name", op: "regex", value: "(" }],
    });
    const badField = query(svc, count, { groupBy: ["metric.type"] });
    const [good, refused, unsupported] = await Promise.allSettled([
      source.listTimeSeries(query(svc, count), window(0, 10)),
      source.listTimeSeries(badRegex, window(0, 10)),
      source.listTimeSeries(badField, window(0, 10)),
    ]);
    expect(good).toMatchObject({ status: "fulfilled" });
    expect((good as PromiseFulfilledResult<unknown[]>).value).toHaveLength(2);
    expect(refused).toMatchObject({ status: "rejected" });
    expect(unsupported).toMatchObject({
      status: "rejected",
      reason: { message: expect.stringMatching(/unsupported metric query field "metric.type"/) },
    });
  });

  it("a window shorter than a step has no steps and no statement", async () => {
    statements = 0;
    expect(await source.listTimeSeries(query(svc, count), window(0, 0.5))).toEqual([]);
    expect(statements).toBe(0);
  });
});

describe("cross-series percentiles", () => {
  it("percentileCont is PostgreSQL's percentile_cont", async () => {
    const cases = [[5], [3, 1], [1, 2, 3, 4], [10, -2.5, 7, 7, 0.125, 99, 3]];
    for (const values of cases)
      for (const fraction of [0, 0.5, 0.95, 0.99, 1]) {
        const [row] = await db.prisma.$queryRawUnsafe<{ v: number }[]>(
          `SELECT percentile_cont(${fraction}) WITHIN GROUP (ORDER BY v)::float8 AS v
           FROM unnest($1::text::float8[]) AS v`,
          `{${values.join(",")}}`,
        );
        expect(percentileCont(values, fraction)).toBe(row!.v);
      }
  });
});
