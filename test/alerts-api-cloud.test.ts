import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { startMonitoringDouble, type AlertPolicy, type MonitoringDouble } from "./support/monitoring-double";

// GET /api/services/{name}/alerts with metrics from Cloud Monitoring: the real clients against the
// local gRPC double. The portal's policies (no data: the double has no series) are listed beside the
// Cloud Monitoring policies labelled with the service, each marked with its origin.

process.env.METADATA_SERVER_DETECTION = "none";

const labelled: AlertPolicy[] = [
  {
    name: "projects/acme-prod/alertPolicies/11",
    displayName: "p99 request latency: checkout-api",
    userLabels: { service: "checkout-api", meridian_policy: "latency-p99" },
    conditions: [{ displayName: "per region", conditionThreshold: { thresholdValue: 1000 } }],
    enabled: { value: true },
    severity: "WARNING",
  },
  {
    name: "projects/acme-prod/alertPolicies/12",
    displayName: "Checkout uptime (made by hand)",
    userLabels: { service: "checkout-api" },
    conditions: [{ displayName: "uptime check failed", conditionThreshold: { thresholdValue: 2 } }],
  },
];

let double: MonitoringDouble;
let portal: PortalEnvironment;
let route: typeof import("@/app/api/services/[name]/alerts/route");

beforeAll(async () => {
  double = await startMonitoringDouble();
  double.setAlertPolicies((request) =>
    request.filter === 'user_labels.service = "checkout-api"' ? labelled : [],
  );
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_METRICS: "cloud-monitoring",
    GCP_PROJECT_ID: "acme-prod",
    CLOUD_MONITORING_ENDPOINT: `127.0.0.1:${double.port}`,
  });
  route = await import("@/app/api/services/[name]/alerts/route");
});

afterAll(async () => {
  await portal?.dispose();
  await double?.close();
});

describe("alerts with Cloud Monitoring", () => {
  it("lists the service's Cloud Monitoring policies beside the portal's, each marked", async () => {
    const { status, body } = await call(
      route.GET,
      "/api/services/checkout-api/alerts",
      {},
      { name: "checkout-api" },
    );
    expect(status).toBe(200);
    expect(body.source).toBe("cloud-monitoring");
    expect(body.policies.every((p: { origin: string }) => p.origin === "portal")).toBe(true);
    // The double has no time series: the portal's values are missing, never "ok".
    expect(
      body.policies[0].series.every((s: { points: [number, number | null][] }) =>
        s.points.every(([, v]) => v === null),
      ),
    ).toBe(true);
    expect(body.cloud.status).toBe("listed");
    expect(
      body.cloud.policies.map((p: { origin: string; displayName: string }) => [p.origin, p.displayName]),
    ).toEqual([
      ["cloud-monitoring", "p99 request latency: checkout-api"],
      ["cloud-monitoring", "Checkout uptime (made by hand)"],
    ]);
    expect(body.cloud.policies[0].userLabels.meridian_policy).toBe("latency-p99");
    // The metrics reads went to the double too, with the policies' filters.
    expect(
      double.requests.some((r) => r.filter?.includes('metric.type="run.googleapis.com/request_latencies"')),
    ).toBe(true);
  });

  it("says why when the listing is refused, and still answers the portal's policies", async () => {
    double.setAlertPolicies(() => {
      throw Object.assign(new Error("Permission monitoring.alertPolicies.list denied"), { code: 7 });
    });
    const { status, body } = await call(
      route.GET,
      "/api/services/checkout-api/alerts",
      {},
      { name: "checkout-api" },
    );
    expect(status).toBe(200);
    expect(body.policies.length).toBeGreaterThan(0);
    expect(body.cloud).toEqual({
      status: "error",
      error: "Cloud Monitoring: PERMISSION_DENIED: Permission monitoring.alertPolicies.list denied",
    });
  });
});
