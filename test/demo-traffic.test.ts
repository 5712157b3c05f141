import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { Actor } from "@/lib/identity";
import type { Db } from "@/server/db/client";
import type { MetricsSource, MetricWindow, RawSeries } from "@/server/integrations/metrics/metrics-source";
import type { DemoService } from "@/server/services/metrics/demo-model";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// The demo traffic generator on a seeded embedded portal: the backfill gives every tile of every
// deployed demo service data in every region, and a forced degradation shows in that region only.

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A Wednesday, 15:00 UTC: busy traffic, and no scheduled degradation of checkout-api near it. */
const NOW = Date.UTC(2026, 2, 4, 15, 0, 20);
const END = Math.floor(NOW / MIN) * MIN;

let portal: PortalEnvironment;
let db: Db;
let source: MetricsSource;
let services: DemoService[];
let traffic: typeof import("@/server/services/metrics/demo-traffic");
let model: typeof import("@/server/services/metrics/demo-model");
let force: typeof import("@/server/services/metrics/force-degradation");
let route: typeof import("@/app/api/demo/degradation/route");
let backfillMs = 0;

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  const client = await import("@/server/db/client");
  db = await client.getDb();
  traffic = await import("@/server/services/metrics/demo-traffic");
  model = await import("@/server/services/metrics/demo-model");
  force = await import("@/server/services/metrics/force-degradation");
  route = await import("@/app/api/demo/degradation/route");
  source = (await import("@/server/integrations/embedded-metrics/embedded-source")).embeddedMetricsSource(
    client.getDb,
  );
  services = await traffic.loadDemoServices(db);
  const started = performance.now();
  await traffic.writeDemoTraffic(db, NOW);
  backfillMs = performance.now() - started;
  console.info(`[demo-traffic.test] backfill of ${services.length} services: ${Math.round(backfillMs)} ms`);
}, 300_000);

afterAll(() => portal?.dispose());

const windowOf = (ms: number, stepSeconds: number, to = END): MetricWindow => ({
  from: new Date(to - ms),
  to: new Date(to),
  stepSeconds,
});
const WINDOWS: [string, MetricWindow][] = [
  ["1h", windowOf(HOUR, 60)],
  ["24h", windowOf(24 * HOUR, 300)],
  ["7d", windowOf(7 * 24 * HOUR, 3600)],
];

function queriesOf(service: DemoService): [string, MetricQuery][] {
  return serviceDashboard({
    name: service.name,
    kind: service.kind,
    triggers: service.triggers,
  }).sections.flatMap((section) =>
    section.tiles.flatMap((tile) =>
      tile.datasets.flatMap((d): [string, MetricQuery][] =>
        "query" in d
          ? [[tile.id, d.query]]
          : [
              [`${tile.id} (numerator)`, d.ratio.numerator],
              [`${tile.id} (denominator)`, d.ratio.denominator],
            ],
      ),
    ),
  );
}

/** Per step, whether any series of the region has a value. */
const covered = (series: RawSeries[], region: string) => {
  const mine = series.filter((s) => s.region === region);
  return mine.length === 0 ? [] : mine[0]!.points.map((_, i) => mine.some((s) => s.points[i]![1] !== null));
};

describe("the backfill", () => {
  it("covers the deployed demo services (merged or live), each in all its regions", () => {
    expect(services.map((s) => s.name)).toEqual(
      expect.arrayContaining(["checkout-api", "refund-processor", "warehouse-sync", "carrier-webhooks"]),
    );
    expect(services.map((s) => s.name)).not.toContain("ab-assignment"); // retired
    expect(services.map((s) => s.name)).not.toContain("repo-indexer"); // only proposed
    expect(services.find((s) => s.name === "refund-processor")!.triggers).toHaveLength(1);
  });

  it("is a few hundred rows a minute, and takes seconds", async () => {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "MetricPoint" WHERE resolution = 60 AND ts = to_timestamp($1::float8)`,
      (END - MIN) / 1000,
    );
    expect(row!.n).toBeGreaterThan(100);
    expect(row!.n).toBeLessThan(600);
    expect(backfillMs).toBeLessThan(120_000);
  });

  it.each([
    "checkout-api",
    "payment-authorizer",
    "refund-processor",
    "receipt-mailer",
    "inventory-service",
    "shipment-tracker",
    "warehouse-sync",
    "carrier-webhooks",
    "recommendations-api",
    "campaign-mailer",
    "cohort-builder",
    "release-notes-bot",
    "cost-reporter",
  ])(
    "%s: every tile query has data in every region and step, at 1 h, 24 h and 7 d",
    async (name) => {
      const service = services.find((s) => s.name === name)!;
      const gaps: string[] = [];
      for (const [tile, query] of queriesOf(service))
        for (const [range, window] of WINDOWS) {
          const series = await source.listTimeSeries(query, window);
          for (const region of service.regions) {
            const steps = covered(series, region);
            if (steps.length === 0 || steps.some((ok) => !ok))
              gaps.push(`${tile} ${range} ${region}: ${steps.filter((ok) => !ok).length || "no series"}`);
          }
        }
      expect(gaps).toEqual([]);
    },
    120_000,
  );

  it("the next run writes only the minute since, and a run within the minute writes nothing", async () => {
    const run = await traffic.writeDemoTraffic(db, NOW + MIN);
    expect(run).toMatchObject({ from: new Date(END), until: new Date(END + MIN) });
    expect(run!.points).toBeGreaterThan(100);
    expect(run!.points).toBeLessThan(600);
    expect(await traffic.writeDemoTraffic(db, NOW + MIN + 10_000)).toBeNull();
  });
});

describe("degradation", () => {
  const checkout = "checkout-api";
  const dev: Actor = {
    email: "dev@meridian.local",
    name: "Local Developer",
    isAdmin: false,
    teams: ["checkout"],
  };

  const tileOf = (service: string, id: string) =>
    serviceDashboard({ name: service, kind: "http", triggers: [] })
      .sections.flatMap((s) => s.tiles)
      .find((t) => t.id === id)!.datasets[0]!;

  /** 5xx / all requests per region over the window (summed). */
  async function errorRatios(window: MetricWindow, service = checkout): Promise<Record<string, number>> {
    const dataset = tileOf(service, "error-ratio");
    if (!("ratio" in dataset)) throw new Error("error-ratio is a ratio");
    const total = async (q: MetricQuery) =>
      Object.fromEntries(
        (await source.listTimeSeries(q, window)).map((s) => [
          s.region,
          s.points.reduce((a, [, v]) => a + (v ?? 0), 0),
        ]),
      );
    const [num, den] = [await total(dataset.ratio.numerator), await total(dataset.ratio.denominator)];
    return Object.fromEntries(Object.keys(den).map((r) => [r, (num[r] ?? 0) / den[r]!]));
  }

  it("the seeded schedule is explainable: 20-minute windows in one region, none for checkout-api around NOW", () => {
    const service = services.find((s) => s.name === checkout)!;
    const week = model.scheduledDegradations(service, NOW - 7 * 24 * HOUR, NOW);
    expect(week.length).toBeGreaterThan(3);
    for (const d of week) {
      expect(d.until - d.from).toBe(20 * MIN);
      expect(service.regions).toContain(d.region);
    }
    expect(model.scheduledDegradations(service, NOW - HOUR, NOW + HOUR)).toEqual([]);
  });

  it("a scheduled degradation stands out in its region", async () => {
    const candidates = services
      .filter((s) => s.kind !== "cron" && s.regions.length > 1)
      .flatMap((s) =>
        model
          .scheduledDegradations(s, END - 5 * HOUR, END - HOUR)
          .filter((d) => d.from >= END - 5 * HOUR && d.until <= END - HOUR),
      );
    expect(candidates.length).toBeGreaterThan(0);
    const d = candidates[0]!;
    const ratios = await errorRatios(
      { from: new Date(d.from), to: new Date(d.until), stepSeconds: 60 },
      d.service,
    );
    expect(Object.keys(ratios).sort()).toEqual(services.find((s) => s.name === d.service)!.regions.sort());
    for (const [region, ratio] of Object.entries(ratios))
      if (region === d.region) expect(ratio).toBeGreaterThan(0.05);
      else expect(ratio).toBeLessThan(0.03);
  });

  it("forced in one region: its 5xx ratio and p95 rise well above the other regions'", async () => {
    const forced = await force.forceDegradation(
      db,
      dev,
      { service: checkout, region: "europe-west1", minutes: 20 },
      NOW + 2 * MIN,
    );
    expect(forced).toMatchObject({
      service: checkout,
      region: "europe-west1",
      cause: "forced",
      // As if it had started 10 minutes before it was forced, so it shows at once.
      from: new Date(END - 8 * MIN).toISOString(),
    });
    const already = await errorRatios({
      from: new Date(END - 8 * MIN),
      to: new Date(END + 2 * MIN),
      stepSeconds: 60,
    });
    expect(already["europe-west1"]).toBeGreaterThan(10 * already["us-central1"]!);
    await traffic.writeDemoTraffic(db, NOW + 12 * MIN);
    const window = { from: new Date(END + 2 * MIN), to: new Date(END + 12 * MIN), stepSeconds: 60 };
    const ratios = await errorRatios(window);
    expect(ratios["europe-west1"]).toBeGreaterThan(0.05);
    for (const region of ["us-central1", "us-east4"])
      expect(ratios["europe-west1"]).toBeGreaterThan(10 * ratios[region]!);

    const dataset = tileOf(checkout, "latency-p95");
    const series = "query" in dataset ? await source.listTimeSeries(dataset.query, window) : [];
    const mean = (region: string) => {
      const values = series.find((s) => s.region === region)!.points.map(([, v]) => v!);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean("europe-west1")).toBeGreaterThan(2.5 * mean("us-central1"));
    // Before the forced window the region was like the others.
    const before = await errorRatios({
      from: new Date(END - 30 * MIN),
      to: new Date(END - 10 * MIN),
      stepSeconds: 60,
    });
    expect(before["europe-west1"]).toBeLessThan(0.03);
  });

  it("is stored with its expiry and read back by every writer", async () => {
    const active = await force.loadForcedDegradations(db, NOW, NOW + HOUR);
    expect(active).toEqual([
      {
        service: checkout,
        region: "europe-west1",
        from: END - 8 * MIN,
        until: END + 22 * MIN,
        cause: "forced",
      },
    ]);
    expect(await force.loadForcedDegradations(db, NOW + 23 * MIN, NOW + HOUR)).toEqual([]);
  });
});

describe("POST /api/demo/degradation", () => {
  const post = (json: unknown, headers: Record<string, string> = {}) =>
    call(route.POST, "/api/demo/degradation", { method: "POST", json, headers });

  it("a member of the owning team makes a region degrade now; audited", async () => {
    const before = await db.auditEntry.count({
      where: { action: "demo.degradation", targetId: "receipt-mailer" },
    });
    const { status, body } = await post({ service: "receipt-mailer", region: "us-east4", minutes: 5 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ service: "receipt-mailer", region: "us-east4", cause: "forced" });
    // 10 minutes back (so it shows at once) and 5 minutes ahead.
    expect(Date.parse(body.until) - Date.parse(body.from)).toBe(15 * MIN);
    const entries = await db.auditEntry.findMany({
      where: { action: "demo.degradation", targetId: "receipt-mailer" },
    });
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      actor: "dev@meridian.local",
      targetType: "service",
      details: { region: "us-east4", minutes: 5 },
    });
  });

  it("another team's member may not (403); an admin may", async () => {
    const asGrace = { cookie: "meridian_dev_user=grace%40meridian.dev" };
    const asAda = { cookie: "meridian_dev_user=ada%40meridian.dev" };
    expect((await post({ service: "receipt-mailer", region: "us-east4" }, asGrace)).status).toBe(403);
    expect((await post({ service: "receipt-mailer", region: "us-east4" }, asAda)).status).toBe(200);
  });

  it("a region the service does not run in is 422 naming body.region; an unknown service 404; a bad body 422", async () => {
    const region = await post({ service: "receipt-mailer", region: "asia-northeast1" });
    expect(region.status).toBe(422);
    expect(region.body.error.issues).toEqual([expect.objectContaining({ field: "body.region" })]);
    expect((await post({ service: "no-such-service", region: "us-east4" })).status).toBe(404);
    const minutes = await post({ service: "receipt-mailer", region: "us-east4", minutes: 0 });
    expect(minutes.status).toBe(422);
    expect(minutes.body.error.issues[0].field).toBe("body.minutes");
  });
});
