import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ALL_REGIONS, type DashboardResponse, type TileData } from "@/lib/dashboards/dashboard-response";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { ServiceKind } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import type { MetricWindow, MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { dashboardWindow } from "@/server/services/dashboards/dashboard-window";
import { getServiceDashboard } from "@/server/services/dashboards/get-service-dashboard";
import { log } from "@/server/observability/logger";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

// The dashboard service on the seeded demo fleet, with an in-memory MetricsSource that records its
// calls and answers scripted series (the real sources have their own contract tests).

type Kind = "requests" | "errors" | "total" | "p95" | "other";

/** Which of the layout's queries this is, as far as these tests care. */
function kindOf(query: MetricQuery): Kind {
  if (query.metricType.endsWith("/request_count")) {
    if (query.groupBy.length) return "requests";
    return query.filter.some((f) => f.value === "5xx") ? "errors" : "total";
  }
  if (query.metricType.endsWith("/request_latencies") && query.reducer === "REDUCE_PERCENTILE_95")
    return "p95";
  return "other";
}

class FakeSource implements MetricsSource {
  readonly kind = "embedded" as const;
  readonly calls: { query: MetricQuery; window: MetricWindow }[] = [];
  constructor(private readonly answer: (query: MetricQuery) => RawSeries[] = () => []) {}
  async listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]> {
    this.calls.push({ query, window });
    return this.answer(query);
  }
}

const byKind = (data: Partial<Record<Kind, RawSeries[]>>) => (query: MetricQuery) =>
  data[kindOf(query)] ?? [];

// Five one-minute steps, ending 12:05.
const window = dashboardWindow(
  { from: "2025-03-10T12:00:00Z", to: "2025-03-10T12:05:00Z" },
  new Date("2025-03-10T12:10:00Z"),
);
const steps = [1, 2, 3, 4, 5].map((i) => Date.parse("2025-03-10T12:00:00Z") + i * 60_000);
const series = (
  region: string,
  values: (number | null)[],
  labels: Record<string, string> = {},
): RawSeries => ({
  region,
  labels,
  points: values.map((v, i) => [steps[i]!, v]),
});
const flat = (region: string, value: number, labels: Record<string, string> = {}) =>
  series(region, [value, value, value, value, value], labels);

const CLASS = "metric.label.response_code_class";
const US1 = "us-central1";
const US4 = "us-east4";
const EU = "europe-west1";

const tile = (dashboard: DashboardResponse, id: string): TileData => {
  const found = dashboard.sections.flatMap((s) => s.tiles).find((t) => t.id === id);
  if (!found) throw new Error(`no tile ${id}`);
  return found;
};
const values = (t: TileData, region: string, group: Record<string, string> = {}) =>
  t.series
    .find((s) => s.region === region && JSON.stringify(s.group) === JSON.stringify(group))
    ?.points.map(([, v]) => v);
const region = (dashboard: DashboardResponse, name: string) =>
  dashboard.regions.find((r) => r.region === name);

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ seedDemo: true });
});

afterAll(() => db?.dispose());

const dashboard = (name: string, source: MetricsSource) =>
  getServiceDashboard(db.prisma, source, name, window);

describe("getServiceDashboard", () => {
  it.each(["checkout-api", "receipt-mailer", "warehouse-sync"])(
    "%s: one source call per query of the layout, none per region",
    async (name) => {
      const row = await db.prisma.service.findUniqueOrThrow({ where: { name }, include: { triggers: true } });
      const layout = serviceDashboard({
        name,
        kind: row.kind.replaceAll("_", "-") as ServiceKind,
        triggers: row.triggers.map((t) => t.name),
      });
      const queries = layout.sections
        .flatMap((s) => s.tiles)
        .flatMap((t) => t.datasets)
        .flatMap((d) => ("query" in d ? [d.query] : [d.ratio.numerator, d.ratio.denominator]));
      const source = new FakeSource();
      const result = await dashboard(name, source);
      expect(source.calls).toHaveLength(queries.length);
      expect(source.calls.map((c) => c.query)).toEqual(expect.arrayContaining(queries));
      for (const call of source.calls) expect(call.window).toBe(window);
      expect(result.sections.map((s) => s.id)).toEqual(layout.sections.map((s) => s.id));
      expect(result).toMatchObject({
        service: name,
        displayName: layout.displayName,
        source: "embedded",
        window: {
          from: "2025-03-10T12:00:00.000Z",
          to: "2025-03-10T12:05:00.000Z",
          stepSeconds: 60,
          range: null,
        },
      });
      expect(result.regions.map((r) => r.region)).toEqual(row.regions);
      for (const t of result.sections.flatMap((s) => s.tiles)) expect(t.error).toBeUndefined();
    },
  );

  it("builds the trigger sections from the catalog's triggers", async () => {
    const result = await dashboard("receipt-mailer", new FakeSource());
    expect(result.sections[0]).toMatchObject({ id: "trigger-receipt-mailer-payments-authorized" });
  });

  it("combines regions into ALL_REGIONS by sum, ratio of sums and max, nulls included", async () => {
    const result = await dashboard(
      "checkout-api",
      new FakeSource(
        byKind({
          requests: [
            series(US1, [10, 10, null, 10, 10], { [CLASS]: "2xx" }),
            series(US1, [1, null, null, 0, 2], { [CLASS]: "5xx" }),
            series(US4, [20, null, null, 20, 20], { [CLASS]: "2xx" }),
            series(EU, [5, 5, null, null, 5], { [CLASS]: "2xx" }),
          ],
          errors: [series(US1, [1, 2, null, 0, 3])],
          total: [series(US1, [10, 10, 0, null, 10]), series(US4, [20, 20, 20, 20, null])],
          p95: [series(US1, [100, null, 300, null, 50]), series(US4, [200, null, 100, null, null])],
        }),
      ),
    );
    const requests = tile(result, "request-count");
    expect(values(requests, ALL_REGIONS, { [CLASS]: "2xx" })).toEqual([35, 15, null, 30, 35]);
    expect(values(requests, ALL_REGIONS, { [CLASS]: "5xx" })).toEqual([1, null, null, 0, 2]);
    expect(values(requests, EU, { [CLASS]: "2xx" })).toEqual([5, 5, null, null, 5]);
    expect(requests.series.map((s) => [s.region, s.group[CLASS]])).toEqual([
      [ALL_REGIONS, "2xx"],
      [ALL_REGIONS, "5xx"],
      [US1, "2xx"],
      [US1, "5xx"],
      [US4, "2xx"],
      [EU, "2xx"],
    ]);
    expect(requests.series[0]).toMatchObject({ dataset: "requests/s", group: { [CLASS]: "2xx" } });
    expect(requests.series[0]!.points.map(([t]) => t)).toEqual(steps);

    const ratio = tile(result, "error-ratio");
    expect(values(ratio, US1)).toEqual([0.1, 0.2, null, null, 0.3]);
    // No 5xx series at all in us-east4: its ratio is 0 where it has requests.
    expect(values(ratio, US4)).toEqual([0, 0, 0, 0, null]);
    expect(values(ratio, ALL_REGIONS)).toEqual([1 / 30, 2 / 30, 0, 0, 0.3]);

    expect(values(tile(result, "latency-p95"), ALL_REGIONS)).toEqual([200, null, 300, null, 50]);
    expect(tile(result, "latency-p95").series.filter((s) => s.region === EU)).toEqual([]);
  });

  it("gives a failing tile its error while the others carry data", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    try {
      const result = await dashboard(
        "checkout-api",
        new FakeSource((query) => {
          if (query.metricType.endsWith("container/cpu/utilizations")) throw new Error("quota exceeded");
          return [flat(US1, 1), flat(US4, 2)];
        }),
      );
      const cpu = tile(result, "cpu");
      expect(cpu).toMatchObject({ error: "quota exceeded", series: [], datasets: [{ label: "p99" }] });
      const others = result.sections.flatMap((s) => s.tiles).filter((t) => t.id !== "cpu");
      for (const t of others) {
        expect(t.error, t.id).toBeUndefined();
        expect(t.series.length, t.id).toBeGreaterThan(0);
      }
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
    }
  });

  it("answers not_found for an unknown service", async () => {
    const source = new FakeSource();
    const error = await dashboard("no-such-service", source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", message: 'Service "no-such-service" does not exist' });
    expect(source.calls).toEqual([]);
  });

  it("lists every catalog region, with no-data where the source has nothing", async () => {
    const result = await dashboard(
      "checkout-api",
      new FakeSource(
        byKind({
          requests: [flat(US1, 10, { [CLASS]: "2xx" }), flat(US4, 30, { [CLASS]: "2xx" })],
          total: [flat(US1, 10), flat(US4, 30)],
          p95: [flat(US1, 120), flat(US4, 80)],
        }),
      ),
    );
    expect(result.regions).toEqual([
      { region: US1, requestsPerSecond: 10, errorRatio: 0, p95Ms: 120, status: "ok", reasons: [] },
      { region: US4, requestsPerSecond: 30, errorRatio: 0, p95Ms: 80, status: "ok", reasons: [] },
      { region: EU, requestsPerSecond: null, errorRatio: null, p95Ms: null, status: "no-data", reasons: [] },
    ]);
  });

  it("detects a degraded region end to end", async () => {
    const result = await dashboard(
      "checkout-api",
      new FakeSource(
        byKind({
          requests: [US1, US4, EU].flatMap((r) => [
            flat(r, r === EU ? 88 : 98, { [CLASS]: "2xx" }),
            flat(r, r === EU ? 12 : 2, { [CLASS]: "5xx" }),
          ]),
          errors: [flat(US1, 2), flat(US4, 2), flat(EU, 12)],
          total: [flat(US1, 100), flat(US4, 100), flat(EU, 100)],
          p95: [flat(US1, 100), flat(US4, 110), flat(EU, 105)],
        }),
      ),
    );
    expect(result.regions.map((r) => r.status)).toEqual(["ok", "ok", "degraded"]);
    expect(region(result, EU)).toEqual({
      region: EU,
      requestsPerSecond: 100,
      errorRatio: 0.12,
      p95Ms: 105,
      status: "degraded",
      reasons: ["5xx ratio 12.0% is 6.0× the median of the other regions (2.0%)"],
    });
  });

  it("gives a cron job's regions ok or no-data by whether any data exists", async () => {
    const sparse = new FakeSource(() => [
      series("us-east4", [null, null, 1, null, null], { "metric.label.result": "succeeded" }),
    ]);
    expect((await dashboard("warehouse-sync", sparse)).regions).toEqual([
      {
        region: "us-east4",
        requestsPerSecond: null,
        errorRatio: null,
        p95Ms: null,
        status: "ok",
        reasons: [],
      },
    ]);
    const none = await dashboard("warehouse-sync", new FakeSource());
    expect(none.regions.map((r) => r.status)).toEqual(["no-data"]);
    expect(tile(none, "executions")).toMatchObject({ series: [], combine: "sum" });
  });
});
