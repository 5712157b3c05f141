import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MetricQuery } from "@/lib/dashboards/types";
import { demoServices } from "@/prisma/demo/fleet";
import type { MetricWindow, MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { timeGrid } from "@/server/services/dashboards/build-tile-series";
import { dashboardWindow } from "@/server/services/dashboards/dashboard-window";
import { getFleetHealth } from "@/server/services/dashboards/get-fleet-health";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

// The fleet's region strip on the seeded demo fleet, with an in-memory MetricsSource that answers
// a constant value per region (europe-west1 failing more often) after a short delay, and records
// how many services it was asked about at once.

const serviceOf = (query: MetricQuery) =>
  query.filter.find((f) => f.key === "resource.label.service_name" || f.key === "resource.label.job_name")
    ?.value ?? "?";

class SlowFakeSource implements MetricsSource {
  readonly kind = "embedded" as const;
  readonly calls: MetricQuery[] = [];
  private readonly pending = new Map<string, number>();
  maxServicesInFlight = 0;

  async listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]> {
    this.calls.push(query);
    const service = serviceOf(query);
    this.pending.set(service, (this.pending.get(service) ?? 0) + 1);
    this.maxServicesInFlight = Math.max(this.maxServicesInFlight, this.pending.size);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const left = this.pending.get(service)! - 1;
    if (left) this.pending.set(service, left);
    else this.pending.delete(service);
    const fiveXx = query.filter.some((f) => f.value === "5xx");
    const value = (region: string) => (fiveXx ? (region === "europe-west1" ? 20 : 1) : 100);
    return ["us-central1", "us-east4", "europe-west1"].map((region) => ({
      region,
      labels: {},
      points: timeGrid(window).map((t) => [t, value(region)] as [number, number]),
    }));
  }
}

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ seedDemo: true });
});

afterAll(() => db?.dispose());

describe("getFleetHealth", () => {
  const window = dashboardWindow({ range: "1h" });

  it("answers every service that is not retired, by name, with its catalog regions", async () => {
    const source = new SlowFakeSource();
    const health = await getFleetHealth(db.prisma, source, window);
    const live = demoServices
      .filter((s) => s.lifecycle !== "retired")
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(health.services.map((s) => s.name)).toEqual(live.map((s) => s.name));
    for (const [i, service] of health.services.entries()) {
      const demo = live[i]!;
      expect(service).toMatchObject({ team: demo.team, kind: demo.kind });
      expect(service.regions.map((r) => r.region)).toEqual(demo.regions);
    }
    expect(health.window).toEqual({
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      stepSeconds: 60,
      range: "1h",
    });
  });

  it("queries only the strip's tiles: 4 queries per HTTP service, a cron job's one tile", async () => {
    const source = new SlowFakeSource();
    await getFleetHealth(db.prisma, source, window);
    const live = demoServices.filter((s) => s.lifecycle !== "retired");
    const expected = live.reduce((n, s) => n + (s.kind === "cron" ? 1 : 4), 0);
    expect(source.calls).toHaveLength(expected);
    expect(new Set(source.calls.map((q) => q.metricType))).toEqual(
      new Set([
        "run.googleapis.com/request_count",
        "run.googleapis.com/request_latencies",
        "run.googleapis.com/job/completed_execution_count",
      ]),
    );
  });

  it("asks about at most `concurrency` services at once", async () => {
    const source = new SlowFakeSource();
    await getFleetHealth(db.prisma, source, window);
    expect(source.maxServicesInFlight).toBe(4);
    const two = new SlowFakeSource();
    await getFleetHealth(db.prisma, two, window, { concurrency: 2 });
    expect(two.maxServicesInFlight).toBe(2);
  });

  it("computes the strip as the dashboard does: degraded regions and cron jobs", async () => {
    const health = await getFleetHealth(db.prisma, new SlowFakeSource(), window);
    const checkout = health.services.find((s) => s.name === "checkout-api")!;
    expect(checkout.regions.map((r) => [r.region, r.status])).toEqual([
      ["us-central1", "ok"],
      ["us-east4", "ok"],
      ["europe-west1", "degraded"],
    ]);
    expect(checkout.regions[2]!.reasons).toEqual([
      "5xx ratio 20.0% is 20.0× the median of the other regions (1.0%)",
    ]);
    const inventory = health.services.find((s) => s.name === "inventory-service")!;
    // asia-northeast1 is in the catalog but the source has nothing there.
    expect(inventory.regions.map((r) => r.status)).toEqual(["ok", "degraded", "no-data"]);
    const cron = health.services.find((s) => s.name === "warehouse-sync")!;
    expect(cron.regions).toEqual([
      {
        region: "us-east4",
        requestsPerSecond: null,
        errorRatio: null,
        p95Ms: null,
        status: "ok",
        reasons: [],
      },
    ]);
  });
});
