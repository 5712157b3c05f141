import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGION_LABEL, type MetricQuery } from "@/lib/dashboards/types";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// OTLP/HTTP JSON through the real route handler into the embedded store, then read back through
// the embedded MetricsSource, as the dashboards do.

let portal: PortalEnvironment;
let route: typeof import("@/app/api/otlp/v1/metrics/route");
let getDb: typeof import("@/server/db/client").getDb;
let source: import("@/server/integrations/metrics/metrics-source").MetricsSource;

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  route = await import("@/app/api/otlp/v1/metrics/route");
  ({ getDb } = await import("@/server/db/client"));
  const { embeddedMetricsSource } = await import("@/server/integrations/embedded-metrics/embedded-source");
  source = embeddedMetricsSource(getDb);
  await getDb();
});

afterAll(() => portal?.dispose());

const MIN = 60_000;
/** A minute well inside the retention, ten minutes ago. */
const BASE = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
const nano = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

type Attr = ReturnType<typeof str> | ReturnType<typeof int>;

function payload(
  metrics: unknown[],
  resource: Attr[] = [str("service.name", "checkout-api"), str("cloud.region", "us-central1")],
) {
  return {
    resourceMetrics: [
      { resource: { attributes: resource }, scopeMetrics: [{ scope: { name: "test" }, metrics }] },
    ],
  };
}

const sum = (
  name: string,
  points: { at: number; value: number; attrs?: Attr[]; start?: number }[],
  temporality: 1 | 2 = 1,
) => ({
  name,
  sum: {
    aggregationTemporality: temporality,
    isMonotonic: true,
    dataPoints: points.map((p) => ({
      attributes: p.attrs ?? [],
      ...(p.start === undefined ? {} : { startTimeUnixNano: nano(p.start) }),
      timeUnixNano: nano(p.at),
      asInt: String(p.value),
    })),
  },
});

const histogram = (
  name: string,
  unit: string,
  points: { at: number; bounds: number[]; counts: number[]; sum: number; attrs?: Attr[] }[],
) => ({
  name,
  unit,
  histogram: {
    aggregationTemporality: 1,
    dataPoints: points.map((p) => ({
      attributes: p.attrs ?? [],
      timeUnixNano: nano(p.at),
      count: String(p.counts.reduce((a, b) => a + b, 0)),
      sum: p.sum,
      bucketCounts: p.counts.map(String),
      explicitBounds: p.bounds,
    })),
  },
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  call(route.POST, "/api/otlp/v1/metrics", { method: "POST", json: body, headers });

function runQuery(service: string, metric: string, rest: Partial<MetricQuery> = {}): MetricQuery {
  return {
    metricType: `run.googleapis.com/${metric}`,
    resourceType: "cloud_run_revision",
    filter: [{ key: "resource.label.service_name", op: "=", value: service }],
    aligner: "ALIGN_DELTA",
    reducer: "REDUCE_SUM",
    groupBy: [],
    region: { label: REGION_LABEL },
    ...rest,
  };
}

/** Values of each group over the minutes [BASE + from, BASE + to). */
async function read(query: MetricQuery, from: number, to: number) {
  const series = await source.listTimeSeries(query, {
    from: new Date(BASE + from * MIN),
    to: new Date(BASE + to * MIN),
    stepSeconds: 60,
  });
  return Object.fromEntries(
    series.map((s) => [[s.region, ...Object.values(s.labels)].join("|"), s.points.map(([, v]) => v)]),
  );
}

async function stored() {
  const db = await getDb();
  return {
    series: await db.metricSeries.count(),
    points: await db.metricPoint.count(),
    states: await db.metricCumulativeState.count(),
  };
}

describe("POST /api/otlp/v1/metrics: valid payloads", () => {
  it("stores Cloud Run metric types as sent, ignoring (and reporting) names it does not know", async () => {
    const end = BASE + MIN; // the end of minute 0
    const { status, body } = await post(
      payload([
        sum("run.googleapis.com/request_count", [
          { at: end, value: 120, attrs: [str("response_code_class", "2xx")] },
          { at: end, value: 3, attrs: [int("response_code", 503)] },
        ]),
        {
          name: "run.googleapis.com/container/instance_count",
          gauge: {
            dataPoints: [
              {
                timeUnixNano: nano(end),
                asDouble: 4,
                attributes: [str("revision_name", "checkout-api-00042-abc")],
              },
            ],
          },
        },
        histogram("run.googleapis.com/request_latencies", "ms", [
          { at: end, bounds: [10, 20, 50, 100], counts: [0, 50, 50, 0, 0], sum: 2500 },
        ]),
        { name: "go_goroutines", gauge: { dataPoints: [{ timeUnixNano: nano(end), asInt: "12" }] } },
      ]),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      partialSuccess: { rejectedDataPoints: 1, errorMessage: expect.stringContaining("go_goroutines") },
    });

    expect(
      await read(
        runQuery("checkout-api", "request_count", { groupBy: ["metric.label.response_code_class"] }),
        0,
        1,
      ),
    ).toEqual({
      "us-central1|2xx": [120],
      "us-central1|5xx": [3],
    });
    const instances = runQuery("checkout-api", "container/instance_count", {
      aligner: "ALIGN_MEAN",
      groupBy: ["resource.label.revision_name"],
    });
    expect(await read(instances, 0, 1)).toEqual({ "us-central1|checkout-api-00042-abc": [4] });
    const [p50] = (
      await read(runQuery("checkout-api", "request_latencies", { reducer: "REDUCE_PERCENTILE_50" }), 0, 1)
    )["us-central1"]!;
    expect(p50).toBeGreaterThan(18);
    expect(p50).toBeLessThan(24);
  });

  it("maps http.server.request.duration (s) onto request_count by code class and request_latencies (ms)", async () => {
    const end = BASE + 3 * MIN; // the end of minute 2
    const bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5];
    const resource = [str("service.name", "payment-authorizer"), str("cloud.region", "us-east4")];
    const { status, body } = await post(
      payload(
        [
          histogram("http.server.request.duration", "s", [
            {
              at: end,
              bounds,
              counts: [0, 0, 90, 0, 0, 0, 0, 0],
              sum: 1.5,
              attrs: [int("http.response.status_code", 200), str("http.request.method", "GET")],
            },
            {
              at: end,
              bounds,
              counts: [0, 0, 0, 0, 0, 0, 10, 0],
              sum: 4,
              attrs: [int("http.response.status_code", 503)],
            },
          ]),
        ],
        resource,
      ),
    );
    expect(status).toBe(200);
    expect(body).toEqual({});
    expect(
      await read(
        runQuery("payment-authorizer", "request_count", { groupBy: ["metric.label.response_code_class"] }),
        2,
        3,
      ),
    ).toEqual({
      "us-east4|2xx": [90],
      "us-east4|5xx": [10],
    });
    const p50 = (
      await read(
        runQuery("payment-authorizer", "request_latencies", { reducer: "REDUCE_PERCENTILE_50" }),
        2,
        3,
      )
    )["us-east4"]![0]!;
    const p99 = (
      await read(
        runQuery("payment-authorizer", "request_latencies", { reducer: "REDUCE_PERCENTILE_99" }),
        2,
        3,
      )
    )["us-east4"]![0]!;
    expect(p50).toBeGreaterThan(10);
    expect(p50).toBeLessThan(25);
    expect(p99).toBeGreaterThan(250);
    expect(p99).toBeLessThan(500);
  });

  it("turns cumulative sums into deltas per stream, across requests and restarts", async () => {
    const resource = [
      str("service.name", "inventory-service"),
      str("cloud.region", "europe-west1"),
      str("service.instance.id", "i-1"),
    ];
    const start = BASE + 3 * MIN - 30_000;
    const point = (minute: number, value: number, startAt = start) =>
      payload(
        [
          sum(
            "run.googleapis.com/request_count",
            [
              {
                at: BASE + minute * MIN + 1000,
                value,
                start: startAt,
                attrs: [str("response_code_class", "2xx")],
              },
            ],
            2,
          ),
        ],
        resource,
      );
    expect((await post(point(3, 100))).status).toBe(200);
    expect((await post(point(4, 160))).status).toBe(200);
    expect((await post(point(4, 160))).status).toBe(200); // a retry changes nothing
    expect((await post(point(5, 10, BASE + 5 * MIN))).status).toBe(200); // the process restarted
    expect(await read(runQuery("inventory-service", "request_count"), 3, 7)).toEqual({
      "europe-west1": [100, 60, 10, null],
    });
  });

  it("accepts a gzip-compressed body", async () => {
    const body = JSON.stringify(
      payload([
        sum("run.googleapis.com/request_count", [
          { at: BASE + 7 * MIN, value: 5, attrs: [str("response_code_class", "4xx")] },
        ]),
      ]),
    );
    const { status } = await call(route.POST, "/api/otlp/v1/metrics", {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(body) as unknown as string,
    });
    expect(status).toBe(200);
    expect(await read(runQuery("checkout-api", "request_count"), 6, 7)).toEqual({ "us-central1": [5] });
  });
});

describe("POST /api/otlp/v1/metrics: bad payloads are 400, naming the problem, and store nothing", () => {
  const good = sum("run.googleapis.com/request_count", [
    { at: BASE + MIN, value: 1, attrs: [str("response_code_class", "2xx")] },
  ]);
  const cases: [string, unknown, string, RegExp][] = [
    [
      "missing service.name",
      payload([good], [str("cloud.region", "us-central1")]),
      "body.resourceMetrics.0.resource.attributes",
      /service\.name/,
    ],
    [
      "no resource at all",
      { resourceMetrics: [{ scopeMetrics: [{ metrics: [good] }] }] },
      "body.resourceMetrics.0.resource.attributes",
      /service\.name/,
    ],
    [
      "an unknown service",
      payload([good], [str("service.name", "no-such-service"), str("cloud.region", "us-central1")]),
      "body.resourceMetrics.0.resource.attributes",
      /no-such-service/,
    ],
    [
      "missing cloud.region",
      payload([good], [str("service.name", "checkout-api")]),
      "body.resourceMetrics.0.resource.attributes",
      /cloud\.region/,
    ],
    [
      "a malformed cloud.region",
      payload([good], [str("service.name", "checkout-api"), str("cloud.region", "Mars")]),
      "body.resourceMetrics.0.resource.attributes",
      /cloud\.region/,
    ],
    [
      "a timeUnixNano that is not nanoseconds",
      payload([
        good,
        {
          name: "run.googleapis.com/container/instance_count",
          gauge: { dataPoints: [{ timeUnixNano: "yesterday", asInt: "1" }] },
        },
      ]),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.1.gauge.dataPoints.0.timeUnixNano",
      /nanoseconds/,
    ],
    [
      "a timeUnixNano older than the retention",
      payload([
        sum("run.googleapis.com/request_count", [
          { at: BASE - 9 * 24 * 60 * MIN, value: 1, attrs: [str("response_code_class", "2xx")] },
        ]),
      ]),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.0.sum.dataPoints.0.timeUnixNano",
      /8 days/,
    ],
    [
      "bucket counts that do not match the bounds",
      payload([
        good,
        histogram("run.googleapis.com/request_latencies", "ms", [
          { at: BASE + MIN, bounds: [10, 20], counts: [1, 2], sum: 30 },
        ]),
      ]),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.1.histogram.dataPoints.0.bucketCounts",
      /explicitBounds\.length \+ 1 = 3/,
    ],
    [
      "a count that is not the sum of the buckets",
      payload(
        [
          {
            ...histogram("run.googleapis.com/request_latencies", "ms", [
              { at: BASE + MIN, bounds: [10], counts: [1, 2], sum: 30 },
            ]),
          },
        ].map((m) => {
          m.histogram.dataPoints[0]!.count = "7";
          return m;
        }),
      ),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.0.histogram.dataPoints.0.count",
      /sum of bucketCounts \(3\)/,
    ],
    [
      "a Cloud Run counter sent as a gauge",
      payload([
        {
          name: "run.googleapis.com/request_count",
          gauge: { dataPoints: [{ timeUnixNano: nano(BASE + MIN), asInt: "1" }] },
        },
      ]),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.0",
      /must be a sum/,
    ],
    [
      "a request count without its response class",
      payload([sum("run.googleapis.com/request_count", [{ at: BASE + MIN, value: 1 }])]),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.0.sum.dataPoints.0.attributes",
      /response_code_class/,
    ],
    [
      "a latency in an unknown unit",
      payload([
        histogram("run.googleapis.com/request_latencies", "min", [
          { at: BASE + MIN, bounds: [1], counts: [1, 0], sum: 1 },
        ]),
      ]),
      "body.resourceMetrics.0.scopeMetrics.0.metrics.0.unit",
      /ms, s or us/,
    ],
  ];

  it.each(cases)("%s", async (_label, body, field, rule) => {
    const before = await stored();
    const { status, body: answer } = await post(body);
    expect(status).toBe(400);
    expect(answer.error.code).toBe("bad_request");
    expect(answer.error.issues).toEqual(
      expect.arrayContaining([{ field, rule: expect.stringMatching(rule) }]),
    );
    expect(answer.error.message).toContain(field);
    expect(await stored()).toEqual(before);
  });

  it("a body that is not JSON, or protobuf, is 400 naming body", async () => {
    const before = await stored();
    for (const init of [
      { headers: { "content-type": "application/json" }, body: "{resourceMetrics:" },
      { headers: { "content-type": "application/x-protobuf" }, body: "\u0000\u0001" },
    ]) {
      const { status, body } = await call(route.POST, "/api/otlp/v1/metrics", { method: "POST", ...init });
      expect(status).toBe(400);
      expect(body.error.issues[0].field).toBe("body");
    }
    expect(await stored()).toEqual(before);
  });
});
