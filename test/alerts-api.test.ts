import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// The alerts routes through the real handlers on the seeded demo fleet, with metricsSource()
// replaced by an in-memory source: checkout-api answers slowly in us-central1 while `slow` is set.

const fake = vi.hoisted(() => {
  const state = { slow: false };
  return {
    state,
    source: {
      kind: "embedded" as const,
      async listTimeSeries(
        query: { metricType: string; filter: { key: string; value: string }[] },
        window: { from: Date; to: Date; stepSeconds: number },
      ) {
        const service = query.filter.find((f) => f.key === "resource.label.service_name")?.value;
        const value = (region: string) => {
          if (query.metricType.endsWith("/request_latencies"))
            return state.slow && service === "checkout-api" && region === "us-central1" ? 2500 : 150;
          if (query.metricType.endsWith("/request_count")) return query.filter.length > 1 ? 0 : 20;
          // Every cron job succeeds every minute.
          if (query.metricType.endsWith("/completed_execution_count")) return 1;
          return 0;
        };
        const step = window.stepSeconds * 1000;
        return ["us-central1", "us-east4", "europe-west1"].map((region) => {
          const points: [number, number][] = [];
          for (let t = window.from.getTime() + step; t <= window.to.getTime(); t += step)
            points.push([t, value(region)]);
          return { region, labels: {}, points };
        });
      },
    },
  };
});

vi.mock("@/server/integrations/metrics", () => ({ metricsSource: () => fake.source }));

let portal: PortalEnvironment;
let serviceAlerts: typeof import("@/app/api/services/[name]/alerts/route");
let override: typeof import("@/app/api/services/[name]/alerts/[policy]/route");
let fleet: typeof import("@/app/api/alerts/route");
let evaluate: () => Promise<unknown>;

const asGrace = { cookie: "meridian_dev_user=grace%40meridian.dev" };

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  serviceAlerts = await import("@/app/api/services/[name]/alerts/route");
  override = await import("@/app/api/services/[name]/alerts/[policy]/route");
  fleet = await import("@/app/api/alerts/route");
  const db = await (await import("@/server/db/client")).getDb();
  const { evaluateDueAlerts } = await import("@/server/services/alerts/evaluate-due-alerts");
  evaluate = async () => {
    await db.alertSchedule.updateMany({ data: { dueAt: new Date(0) } });
    return evaluateDueAlerts(db, fake.source as never, { worker: "test", intervalSeconds: 60, batch: 100 });
  };
});

afterAll(() => portal?.dispose());

const get = (name: string) => call(serviceAlerts.GET, `/api/services/${name}/alerts`, {}, { name });
const put = (name: string, policy: string, json: unknown, headers: Record<string, string> = {}) =>
  call(
    override.PUT,
    `/api/services/${name}/alerts/${policy}`,
    { method: "PUT", json, headers },
    { name, policy },
  );

describe("GET /api/services/{name}/alerts", () => {
  it("lists the portal's policies with no data before the first evaluation, and no Cloud Monitoring here", async () => {
    const { status, body } = await get("checkout-api");
    expect(status).toBe(200);
    expect(body.policies.map((p: { id: string }) => p.id)).toEqual([
      "http-5xx-ratio",
      "http-error-rate",
      "latency-p99",
      "slo-burn-fast",
      "slo-burn-slow",
    ]);
    const latency = body.policies.find((p: { id: string }) => p.id === "latency-p99");
    expect(latency).toMatchObject({
      origin: "portal",
      threshold: 1000,
      unit: "ms",
      condition: "above 1 s for 5 min",
    });
    expect(latency.states.map((s: { region: string; state: string }) => [s.region, s.state])).toEqual([
      ["all", "no_data"],
      ["us-central1", "no_data"],
      ["us-east4", "no_data"],
      ["europe-west1", "no_data"],
    ]);
    expect(latency.series.find((s: { region: string }) => s.region === "us-central1").points).toHaveLength(
      60,
    );
    expect(body.cloud.status).toBe("not-configured");
    expect(body.evaluatedAt).toBeNull();
  });

  it("shows the region that fires, since when, and the incident; the fleet lists it", async () => {
    fake.state.slow = true;
    await evaluate();
    const { body } = await get("checkout-api");
    expect(body.firing).toBe(1);
    const latency = body.policies.find((p: { id: string }) => p.id === "latency-p99");
    const us = latency.states.find((s: { region: string }) => s.region === "us-central1");
    expect(us).toMatchObject({ state: "firing", value: 2500 });
    expect(Date.parse(us.since)).toBeLessThan(Date.now());
    expect(latency.states.find((s: { region: string }) => s.region === "europe-west1").state).toBe("ok");
    expect(body.incidents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          policyId: "latency-p99",
          region: "us-central1",
          endedAt: null,
          peakValue: 2500,
        }),
      ]),
    );

    const fleetBody = (await call(fleet.GET, "/api/alerts?state=firing")).body;
    expect(fleetBody.services).toEqual({ "checkout-api": 1 });
    expect(
      fleetBody.items.map((i: { service: string; region: string }) => `${i.service} ${i.region}`),
    ).toEqual(["checkout-api us-central1", "checkout-api all"]);
    expect((await call(fleet.GET, "/api/alerts?state=firing&team=growth")).body.items).toEqual([]);

    fake.state.slow = false;
    await evaluate();
    const after = (await get("checkout-api")).body;
    expect(after.firing).toBe(0);
    expect(
      after.incidents.find((i: { region: string }) => i.region === "us-central1").endedAt,
    ).not.toBeNull();
    expect((await call(fleet.GET, "/api/alerts")).body.total).toBe(0);
  });

  it("404 for an unknown service, 400 for a bad name or state", async () => {
    expect((await get("no-such-service")).status).toBe(404);
    expect((await get("Bad_Name")).body.error.issues[0].field).toBe("params.name");
    const bad = await call(fleet.GET, "/api/alerts?state=burning");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([
      { field: "query.state", rule: "must be one of ok, firing, no_data" },
    ]);
  });
});

describe("PUT/DELETE /api/services/{name}/alerts/{policy}", () => {
  it("a team member sets a threshold (audited), which the evaluation follows; DELETE restores the default", async () => {
    const set = await put("checkout-api", "latency-p99", { threshold: 100 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      service: "checkout-api",
      policyId: "latency-p99",
      threshold: 100,
      defaultThreshold: 1000,
      overridden: true,
    });
    await evaluate();
    const latency = (await get("checkout-api")).body.policies.find(
      (p: { id: string }) => p.id === "latency-p99",
    );
    expect(latency).toMatchObject({ threshold: 100, overridden: true });
    expect(latency.states.find((s: { region: string }) => s.region === "us-central1").state).toBe("firing");

    const db = await (await import("@/server/db/client")).getDb();
    const audit = await db.auditEntry.findFirst({
      where: { action: "alert.threshold", targetId: "checkout-api" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({
      actor: "dev@meridian.local",
      details: { policy: "latency-p99", from: null, to: 100, default: 1000 },
    });

    const reset = await call(
      override.DELETE,
      "/api/services/checkout-api/alerts/latency-p99",
      { method: "DELETE" },
      { name: "checkout-api", policy: "latency-p99" },
    );
    expect(reset.body).toMatchObject({ threshold: 1000, overridden: false });
    await evaluate();
    const back = (await get("checkout-api")).body.policies.find(
      (p: { id: string }) => p.id === "latency-p99",
    );
    expect(back.states.find((s: { region: string }) => s.region === "us-central1").state).toBe("ok");
  });

  it("refuses bad thresholds naming the field and the rule, and changes nothing", async () => {
    const cases: [string, unknown, string][] = [
      ["http-5xx-ratio", { threshold: 1.5 }, "must be at most 1"],
      ["http-5xx-ratio", { threshold: 0 }, "must be greater than 0"],
      ["latency-p99", { threshold: "fast" }, "must be a number"],
    ];
    for (const [policy, json, rule] of cases) {
      const { status, body } = await put("checkout-api", policy, json);
      expect(status).toBe(422);
      expect(body.error.issues).toEqual([{ field: "body.threshold", rule }]);
    }
    const extra = await put("checkout-api", "latency-p99", { threshold: 500, region: "us-central1" });
    expect(extra.body.error.issues).toEqual([{ field: "body.region", rule: "is not a known parameter" }]);
    expect((await put("checkout-api", "no-such-policy", { threshold: 1 })).status).toBe(404);
    expect((await put("checkout-api", "Bad Policy", { threshold: 1 })).body.error.issues[0].field).toBe(
      "params.policy",
    );
    const policies = (await get("checkout-api")).body.policies;
    expect(policies.every((p: { overridden: boolean }) => !p.overridden)).toBe(true);
  });

  it("someone outside the owning team is refused", async () => {
    const { status, body } = await put("checkout-api", "latency-p99", { threshold: 2000 }, asGrace);
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/may not alert.threshold for team "checkout"/);
    expect(
      (await get("checkout-api")).body.policies.find((p: { id: string }) => p.id === "latency-p99").threshold,
    ).toBe(1000);
  });
});
