import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// The dashboard routes through the real handlers, with metricsSource() replaced by an in-memory
// source that answers one flat series per region and records its calls.

const fake = vi.hoisted(() => {
  const calls: unknown[] = [];
  return {
    calls,
    source: {
      kind: "embedded" as const,
      async listTimeSeries(query: unknown, window: { from: Date; to: Date; stepSeconds: number }) {
        calls.push(query);
        const points: [number, number][] = [];
        for (
          let t = window.from.getTime() + window.stepSeconds * 1000;
          t <= window.to.getTime();
          t += window.stepSeconds * 1000
        )
          points.push([t, 1]);
        return ["us-central1", "us-east4"].map((region) => ({ region, labels: {}, points }));
      },
    },
  };
});

vi.mock("@/server/integrations/metrics", () => ({ metricsSource: () => fake.source }));

let portal: PortalEnvironment;
let dashboardRoute: typeof import("@/app/api/services/[name]/dashboard/route");
let fleetRoute: typeof import("@/app/api/fleet/health/route");
let terraformRoute: typeof import("@/app/api/services/[name]/dashboard/terraform/route");

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  dashboardRoute = await import("@/app/api/services/[name]/dashboard/route");
  fleetRoute = await import("@/app/api/fleet/health/route");
  terraformRoute = await import("@/app/api/services/[name]/dashboard/terraform/route");
  await (await import("@/server/db/client")).getDb();
});

afterAll(() => portal?.dispose());

const getDashboard = (name: string, query = "") =>
  call(dashboardRoute.GET, `/api/services/${name}/dashboard${query}`, {}, { name });
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3600_000;

describe("GET /api/services/{name}/dashboard", () => {
  it("answers the dashboard over the default 6h window", async () => {
    fake.calls.length = 0;
    const { status, body } = await getDashboard("checkout-api");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      service: "checkout-api",
      source: "embedded",
      window: { range: "6h", stepSeconds: 60 },
    });
    expect(Date.parse(body.window.to) - Date.parse(body.window.from)).toBe(6 * HOUR);
    expect(body.regions.map((r: { status: string }) => r.status)).toEqual(["ok", "ok", "no-data"]);
    expect(fake.calls).toHaveLength(10);
  });

  it("takes an explicit from/to", async () => {
    const to = Date.now() - HOUR;
    const { status, body } = await getDashboard("checkout-api", `?from=${iso(to - 2 * HOUR)}&to=${iso(to)}`);
    expect(status).toBe(200);
    expect(body.window).toMatchObject({ range: null, stepSeconds: 60 });
  });

  it.each([
    ["?range=2h", "query.range", "must be one of 1h, 6h, 24h, 7d"],
    [
      "?from=yesterday&to=2025-03-10T11:00:00Z",
      "query.from",
      "must be an ISO 8601 date-time with a time zone, such as 2025-01-31T12:00:00Z",
    ],
    ["?from=2025-03-10T12:00:00Z&to=2025-03-10T11:00:00Z", "query.from", "must be before to"],
    ["?from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z", "query.from", "must be at most 8 days before to"],
    [
      `?from=${iso(Date.now())}&to=${iso(Date.now() + HOUR)}`,
      "query.to",
      "must not be in the future (by more than a minute)",
    ],
    ["?from=2025-03-10T11:00:00Z", "query.to", "is required when from is given"],
    [
      "?range=1h&from=2025-03-10T11:00:00Z&to=2025-03-10T12:00:00Z",
      "query.range",
      "cannot be combined with from and to",
    ],
    ["?step=60", "query.step", "is not a known parameter"],
  ])("400 for %s, naming %s", async (query, field, rule) => {
    fake.calls.length = 0;
    const { status, body } = await getDashboard("checkout-api", query);
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.issues).toEqual([{ field, rule }]);
    expect(fake.calls).toEqual([]);
  });

  it("400 for a malformed name, 404 for an unknown one", async () => {
    expect((await getDashboard("Not_A_Name")).body.error.issues[0].field).toBe("params.name");
    const { status, body } = await getDashboard("no-such-service");
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });
});

describe("GET /api/fleet/health", () => {
  it("answers every service that is not retired", async () => {
    const { status, body } = await call(fleetRoute.GET, "/api/fleet/health?range=1h");
    expect(status).toBe(200);
    expect(body.window).toMatchObject({ range: "1h", stepSeconds: 60 });
    const names = body.services.map((s: { name: string }) => s.name);
    expect(names).toContain("checkout-api");
    expect(names).not.toContain("ab-assignment");
  });

  it.each([
    ["?range=30d", "query.range"],
    ["?from=2025-03-10T11:00:00Z", "query.from"],
  ])("400 for %s, naming %s", async (query, field) => {
    const { status, body } = await call(fleetRoute.GET, `/api/fleet/health${query}`);
    expect(status).toBe(400);
    expect(body.error.issues[0].field).toBe(field);
  });
});

describe("GET /api/services/{name}/dashboard/terraform", () => {
  const getTerraform = (name: string) =>
    call(terraformRoute.GET, `/api/services/${name}/dashboard/terraform`, {}, { name });

  it("is the same layout as the console dashboard's Terraform, split by region", async () => {
    const { status, body } = await getTerraform("shipment-tracker");
    expect(status).toBe(200);
    expect(body.resourceName).toBe("shipment_tracker");
    expect(body.hcl).toContain('resource "google_monitoring_dashboard" "shipment_tracker"');
    expect(body.json.displayName).toBe("Cloud Event Receiver: shipment-tracker");
    const titles = body.json.mosaicLayout.tiles.map((t: { widget: { title?: string } }) => t.widget.title);
    expect(titles).toContain("Events shipment-tracker-inventory-reserved");
    expect(JSON.stringify(body.json)).toContain('"groupByFields":["resource.label.location"');
  });

  it("answers 404 for an unknown service", async () => {
    expect((await getTerraform("no-such-service")).status).toBe(404);
  });
});
