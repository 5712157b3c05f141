import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceEvents } from "@/lib/events/api";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { startMonitoringDouble, timeSeries, type MonitoringDouble } from "./support/monitoring-double";

// With Pub/Sub as the bus, deliveries happen in Pub/Sub: the Events tab's delivery health comes
// from Cloud Monitoring's subscription metrics (the same queries as the Health tab's trigger
// sections), read here from the local gRPC double of Cloud Monitoring.

process.env.METADATA_SERVER_DETECTION = "none";

let portal: PortalEnvironment;
let monitoring: MonitoringDouble;
let route: typeof import("@/app/api/services/[name]/events/route");

const TRIGGER = "refund-processor-refund-requested";
const PUBSUB = "pubsub.googleapis.com/subscription";

beforeAll(async () => {
  monitoring = await startMonitoringDouble();
  monitoring.setSeries((request) => {
    const now = Math.floor(Date.now() / 300_000) * 300_000;
    const series = (
      metric: string,
      region: string,
      value: number,
      labels: Record<string, string> = {},
      unit = "",
    ) =>
      timeSeries({
        metricType: `${PUBSUB}/${metric}`,
        metricLabels: labels,
        resourceType: "pubsub_subscription",
        resourceLabels: { subscription_id: `${TRIGGER}-${region}-ab12` },
        points: [[now, value]],
        unit,
      });
    const f = request.filter ?? "";
    if (f.includes("push_request_count"))
      return [
        series("push_request_count", "us-central1", 0.5, { response_class: "ack" }),
        series("push_request_count", "us-central1", 0.1, { response_class: "remote_server_5xx" }),
        series("push_request_count", "us-east4", 0.25, { response_class: "ack" }),
      ];
    if (f.includes("push_request_latencies"))
      return [series("push_request_latencies", "us-central1", 45_000, {}, "us")];
    if (f.includes("oldest_unacked_message_age"))
      return [series("oldest_unacked_message_age", "us-east4", 320)];
    if (f.includes("num_unacked_messages_by_region"))
      return [series("num_unacked_messages_by_region", "us-east4", 1234)];
    return [];
  });
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_EVENT_BUS: "pubsub",
    MERIDIAN_METRICS: "cloud-monitoring",
    GCP_PROJECT_ID: "acme-prod",
    CLOUD_MONITORING_ENDPOINT: `127.0.0.1:${monitoring.port}`,
    MERIDIAN_DASHBOARD_CACHE_SECONDS: "0",
  });
  route = await import("@/app/api/services/[name]/events/route");
});
afterAll(async () => {
  await portal?.dispose();
  await monitoring?.close();
});

describe("delivery health on Pub/Sub", () => {
  it("comes from the subscription metrics, per region, and says so", async () => {
    const res = await call<ServiceEvents>(
      route.GET,
      "/api/services/refund-processor/events",
      {},
      { name: "refund-processor" },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ bus: "pubsub", healthSource: "cloud-monitoring" });
    const health = Object.fromEntries(res.body.consumes[0]!.health.map((h) => [h.region, h]));
    // One 5-minute step: 0.6 pushes/s in us-central1 (acks and 5xx answers alike), 0.25/s in us-east4.
    expect(health["us-central1"]).toMatchObject({
      pushedLastHour: 180,
      latencyP99Ms: 45,
      backlog: 0,
      oldestUnackedSeconds: null,
    });
    expect(health["us-east4"]).toMatchObject({
      pushedLastHour: 75,
      backlog: 1234,
      oldestUnackedSeconds: 320,
    });
    // What Cloud Monitoring cannot tell is unknown, not zero.
    expect(health["us-east4"]).toMatchObject({ latencyP50Ms: null, deadLettered: null, lastFailure: null });
    // One query per metric for all regions, each scoped to the trigger's subscriptions.
    const filters = monitoring.requests.map((r) => r.filter ?? "");
    expect(filters).toHaveLength(4);
    for (const f of filters)
      expect(f).toContain(`resource.label.subscription_id=monitoring.regex.full_match("${TRIGGER}-`);
  });
});

describe("when Cloud Monitoring fails", () => {
  it("the events answer stands and says why health is missing", async () => {
    const { status } = await import("@grpc/grpc-js");
    for (let i = 0; i < 8; i++)
      monitoring.failNext(status.PERMISSION_DENIED, "monitoring.timeSeries.list denied");
    const { metricsSource } = await import("@/server/integrations/metrics");
    metricsSource().forget?.();
    const res = await call<ServiceEvents>(
      route.GET,
      "/api/services/refund-processor/events",
      {},
      { name: "refund-processor" },
    );
    expect(res.status).toBe(200);
    expect(res.body.healthError).toMatch(/denied/);
    expect(res.body.consumes[0]).toMatchObject({ name: TRIGGER, health: [] });
  });
});
