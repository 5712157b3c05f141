import { dashboardQuery, fleetHealthQuery } from "../dashboards/dashboard-query";
import { fleetAlertsQuery } from "../alerts/alert-api";
import { parameterRef } from "./parameters";
import { jsonContent } from "./refs";
import { operation, queryParameters, success } from "./operation";
import type { OpenApiDocument } from "./types";

// The operations of a service's dashboard (and its Terraform), its alert policies and thresholds,
// and the fleet's alerts and health.

const fleetAlertsQueryDocs: Record<keyof typeof fleetAlertsQuery.shape, string> = {
  state: "Which state to list: `firing` (default), `no_data` or `ok`.",
  team: "Only services of this team.",
};

/** Documentation of each dashboard query parameter; one missing for a schema key fails the typecheck. */
const dashboardQueryDocs: Record<keyof typeof dashboardQuery.shape, string> = {
  range:
    "Preset window ending now, aligned to its step: `1h` and `6h` (1-minute steps), `24h` (5 minutes), `7d` (1 hour). Default `6h`; not with `from`/`to`.",
  from: "Start of an explicit window (ISO 8601 with time zone); with `to`, before it and at most 8 days before it.",
  to: "End of an explicit window (ISO 8601 with time zone), at most a minute in the future; with `from`. The step is the smallest of 1 minute, 5 minutes, 1 hour giving at most 400 points.",
};

/** Dashboards, alerts and the fleet's health. */
export function dashboardPaths(): OpenApiDocument["paths"] {
  const serviceNameParam = parameterRef("ServiceName");

  return {
    "/api/services/{name}/dashboard": {
      get: operation({
        operationId: "getServiceDashboard",
        summary: "A service's dashboard with data",
        description:
          'The shared dashboard layout with every tile\'s series per region and combined (`region: "all"`), over an aligned window, and the region strip (requests/s, 5xx ratio, p95, degraded when at least 3× the median of the other regions). A tile whose query failed carries `error` and no series; the others still answer.',
        tags: ["dashboards"],
        parameters: [serviceNameParam, ...queryParameters(dashboardQuery, dashboardQueryDocs)],
        ok: success("The dashboard.", "ServiceDashboard"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/dashboard/terraform": {
      get: operation({
        operationId: "getServiceDashboardTerraform",
        summary: "A service's dashboard as Terraform",
        description:
          "The same layout the dashboard endpoint fills, rendered as the `google_monitoring_dashboard` resource (mosaic layout, 12 columns, every chart grouped by region) and the dashboard JSON Terraform sends, so the portal and the Cloud Console never disagree.",
        tags: ["dashboards"],
        parameters: [serviceNameParam],
        ok: success("The Terraform and JSON.", "DashboardTerraform"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/alerts": {
      get: operation({
        operationId: "getServiceAlerts",
        summary: "A service's alert policies and their state per region",
        description:
          "The portal's policies (the platform defaults of DOMAIN.md §2.5-2.6 with the service's own thresholds), each with its state per region and for all regions together as the scheduled evaluation recorded it (`since`, `lastFiredAt`), the last hour of its value per region for the chart, the newest 50 incidents, and in production Cloud Monitoring's own alert policies labelled `service=<name>` (`cloud`, marked `origin: cloud-monitoring`).",
        tags: ["alerts"],
        parameters: [serviceNameParam],
        ok: success("The service's alerts.", "ServiceAlerts"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/alerts/{policy}": {
      put: operation({
        operationId: "setAlertThreshold",
        summary: "Set the service's threshold for one policy",
        description:
          "Members of the owning team and admins (`alert.threshold`); recorded in the service's activity with the previous and the new threshold. The threshold must satisfy the policy's `thresholdRule` (422 naming `body.threshold` and the rule). The service is evaluated again at once.",
        tags: ["alerts"],
        parameters: [serviceNameParam, parameterRef("PolicyId")],
        requestBody: { required: true, content: jsonContent("ThresholdOverride") },
        ok: success("The threshold now in force.", "AlertThreshold"),
        errors: [400, 403, 404, 422],
      }),
      delete: operation({
        operationId: "resetAlertThreshold",
        summary: "Back to the platform default threshold",
        description: "Same rights and audit as setting it.",
        tags: ["alerts"],
        parameters: [serviceNameParam, parameterRef("PolicyId")],
        ok: success("The default threshold, now in force.", "AlertThreshold"),
        errors: [400, 403, 404],
      }),
    },
    "/api/alerts": {
      get: operation({
        operationId: "listFleetAlerts",
        summary: "The fleet's alerts in one state (firing now, by default)",
        description:
          "Every (service, policy, region) of the deployed fleet in the state, with `since`, and the number of policies per service: the navigation's and the service header's firing counts.",
        tags: ["alerts"],
        parameters: queryParameters(fleetAlertsQuery, fleetAlertsQueryDocs),
        ok: success("The alerts.", "FleetAlerts"),
        errors: [400],
      }),
    },
    "/api/fleet/health": {
      get: operation({
        operationId: "getFleetHealth",
        summary: "The region strip of every service",
        description: "Every service that is not retired, by name, with its RegionHealth per region.",
        tags: ["dashboards"],
        parameters: queryParameters(fleetHealthQuery, { range: dashboardQueryDocs.range }),
        ok: success("The fleet's health.", "FleetHealth"),
        errors: [400],
      }),
    },
  };
}
