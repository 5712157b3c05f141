import { status } from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  cloudAlertPolicySource,
  type AlertPolicySource,
} from "@/server/integrations/gcp-monitoring/alert-policy-source";
import { CloudMonitoringError } from "@/server/integrations/gcp-monitoring/cloud-monitoring-source";
import { startMonitoringDouble, type AlertPolicy, type MonitoringDouble } from "./support/monitoring-double";

// The real AlertPolicyServiceClient against the local gRPC double on the package's own protos: the
// request it sends (project, label filter), every page read, and what the portal shows of each policy.

process.env.METADATA_SERVER_DETECTION = "none";

let double: MonitoringDouble;
let source: AlertPolicySource;

const policy = (id: string, service: string, extra: AlertPolicy = {}): AlertPolicy => ({
  name: `projects/acme-prod/alertPolicies/${id}`,
  displayName: `Policy ${id}`,
  userLabels: { service, team: "payments" },
  conditions: [
    {
      displayName: "p99 above 800 ms",
      conditionThreshold: { comparison: "COMPARISON_GT", thresholdValue: 800, filter: 'metric.type="x"' },
    },
  ],
  enabled: { value: true },
  severity: "WARNING",
  ...extra,
});

/** What Cloud Monitoring would answer: the policies whose user label `service` the filter names. */
const fleet = [
  policy("1", "checkout-api"),
  policy("2", "ledger"),
  policy("3", "checkout-api", {
    displayName: "Hand-made: checkout absent",
    enabled: { value: false },
    severity: "SEVERITY_UNSPECIFIED",
    conditions: [{ displayName: "no requests", conditionAbsent: { duration: { seconds: "600" } } }],
  }),
  policy("4", "checkout-api", { conditions: [{ conditionMatchedLog: { filter: "panic" } }] }),
];

beforeAll(async () => {
  double = await startMonitoringDouble();
  double.setAlertPolicies((request) => {
    const match = /^user_labels\.service = "([^"]+)"$/.exec(request.filter ?? "");
    return match ? fleet.filter((p) => p.userLabels?.service === match[1]) : [];
  });
  source = cloudAlertPolicySource({
    projectId: "acme-prod",
    apiEndpoint: "127.0.0.1",
    port: double.port,
    insecure: true,
  });
});

afterEach(() => {
  double.alertRequests.length = 0;
  double.pageSize = 100;
});

afterAll(async () => {
  await source.close();
  await double.close();
});

describe("listing a service's Cloud Monitoring alert policies", () => {
  it("asks the project for the policies labelled with the service and shows each one", async () => {
    const listed = await source.listServicePolicies("checkout-api");
    expect(double.alertRequests).toHaveLength(1);
    expect(double.alertRequests[0]).toMatchObject({
      name: "projects/acme-prod",
      filter: 'user_labels.service = "checkout-api"',
    });
    expect(listed.map((p) => p.name)).toEqual([
      "projects/acme-prod/alertPolicies/1",
      "projects/acme-prod/alertPolicies/3",
      "projects/acme-prod/alertPolicies/4",
    ]);
    expect(listed[0]).toEqual({
      origin: "cloud-monitoring",
      name: "projects/acme-prod/alertPolicies/1",
      displayName: "Policy 1",
      enabled: true,
      severity: "WARNING",
      conditions: ["p99 above 800 ms (threshold COMPARISON_GT 800)"],
      userLabels: { service: "checkout-api", team: "payments" },
    });
    expect(listed[1]).toMatchObject({
      enabled: false,
      severity: null,
      conditions: ["no requests (metric absent)"],
    });
    expect(listed[2]?.conditions).toEqual(["log match"]);
  });

  it("reads every page", async () => {
    double.pageSize = 1;
    const listed = await source.listServicePolicies("checkout-api");
    expect(listed).toHaveLength(3);
    expect(double.alertRequests.map((r) => r.pageToken)).toEqual(["", "1", "2"]);
  });

  it("quotes the service name in the filter", async () => {
    expect(await source.listServicePolicies('x" OR user_labels.team = "payments')).toEqual([]);
    expect(double.alertRequests[0]?.filter).toBe(
      'user_labels.service = "x\\" OR user_labels.team = \\"payments"',
    );
  });

  it("names the status of a refused call", async () => {
    double.failNext(status.PERMISSION_DENIED, "Permission monitoring.alertPolicies.list denied");
    const error = await source.listServicePolicies("checkout-api").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudMonitoringError);
    expect((error as Error).message).toBe(
      "Cloud Monitoring: PERMISSION_DENIED: Permission monitoring.alertPolicies.list denied",
    );
  });
});
