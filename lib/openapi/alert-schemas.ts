import { z } from "zod";
import type {
  AlertIncidentView,
  AlertRegionState,
  CloudAlertPolicy,
  FleetAlert,
  FleetAlerts,
  ServiceAlertPolicy,
  ServiceAlerts,
} from "../alerts/alert-api";
import { alertStates, alertValueFormats } from "../alerts/types";
import { apiSchemas, doc, type Same } from "./response-schemas";

// Response mirrors of the alerts API (lib/alerts/alert-api.ts).

const isoDateTime = z.iso.datetime();
const units = z.enum(["1/s", "1", "%", "ms", "s", "By"]);
const severity = z.enum(["CRITICAL", "ERROR", "WARNING"]);
const format = doc(
  z.enum(alertValueFormats),
  "How the value reads: ratio (a share, 0-1), count, factor (a burn rate), ms, seconds.",
);
const state = doc(z.enum(alertStates), "ok, firing, or no_data (nothing to judge: never ok).");

export const alertRegionStateSchema = z.object({
  region: doc(z.string(), 'A region such as us-central1, or "all" for every region together.'),
  state,
  since: doc(isoDateTime.nullable(), "When the current state began; null before the first evaluation."),
  sinceAtLeast: doc(z.boolean(), "The state held over all the history read: it began at `since` or earlier."),
  value: doc(z.number().nullable(), "The newest value evaluated, in the policy's unit."),
  lastFiredAt: doc(isoDateTime.nullable(), "When the latest incident in this region began."),
});
apiSchemas.add(alertRegionStateSchema, {
  id: "AlertRegionState",
  description: "A policy's state in one region.",
});

const seriesSchema = z.object({
  region: z.string(),
  points: doc(
    z.array(z.tuple([z.number(), z.number().nullable()])),
    "[epoch ms of the step's end, value or null], the last hour.",
  ),
});

export const serviceAlertPolicySchema = z.object({
  id: doc(z.string(), "Stable within the service, e.g. latency-p99 or unacked-orders."),
  origin: z.literal("portal"),
  title: z.string(),
  description: z.string(),
  severity,
  unit: units,
  format,
  threshold: doc(z.number(), "The threshold in force: the service's own, or the default."),
  defaultThreshold: z.number(),
  overridden: z.boolean(),
  thresholdRule: doc(
    z.object({ min: z.number(), max: z.number(), integer: z.boolean(), exclusiveMin: z.boolean() }),
    "The bounds a threshold of this policy must stay within.",
  ),
  condition: doc(z.string(), 'The condition in words, e.g. "above 20.0 % for 2 min".'),
  states: doc(z.array(alertRegionStateSchema), '"all" first, then the service\'s regions.'),
  series: doc(z.array(seriesSchema), "The policy's value per region over the last hour, for the chart."),
  error: doc(z.string().optional(), "Why the values could not be read just now; the stored states stay."),
});
apiSchemas.add(serviceAlertPolicySchema, {
  id: "ServiceAlertPolicy",
  description: "One of the portal's alert policies of a service, with its state per region.",
});

export const alertIncidentSchema = z.object({
  id: z.string(),
  service: z.string(),
  policyId: z.string(),
  title: z.string(),
  region: z.string(),
  startedAt: isoDateTime,
  endedAt: doc(isoDateTime.nullable(), "Null while it still fires."),
  peakValue: doc(z.number(), "The worst value while it fired."),
  threshold: z.number(),
  unit: units,
  format,
});
apiSchemas.add(alertIncidentSchema, {
  id: "AlertIncident",
  description: "One firing of a policy in one region: start, end, peak.",
});

export const cloudAlertPolicySchema = z.object({
  origin: z.literal("cloud-monitoring"),
  name: doc(z.string(), "projects/P/alertPolicies/ID"),
  displayName: z.string(),
  enabled: z.boolean(),
  severity: z.string().nullable(),
  conditions: z.array(z.string()),
  userLabels: z.record(z.string(), z.string()),
});
apiSchemas.add(cloudAlertPolicySchema, {
  id: "CloudAlertPolicy",
  description: "A Cloud Monitoring alert policy labelled with the service (user_labels.service).",
});

export const serviceAlertsSchema = z.object({
  service: z.string(),
  source: z.enum(["embedded", "cloud-monitoring"]),
  intervalSeconds: doc(z.number().int(), "How often the portal evaluates (MERIDIAN_ALERT_INTERVAL_SECONDS)."),
  evaluatedAt: doc(isoDateTime.nullable(), "When the scheduled evaluation last recorded this service."),
  firing: doc(z.number().int(), "Policies firing in at least one region."),
  policies: z.array(serviceAlertPolicySchema),
  incidents: doc(z.array(alertIncidentSchema), "The newest 50, newest first."),
  cloud: doc(
    z.discriminatedUnion("status", [
      z.object({ status: z.literal("listed"), policies: z.array(cloudAlertPolicySchema) }),
      z.object({ status: z.literal("not-configured"), reason: z.string() }),
      z.object({ status: z.literal("error"), error: z.string() }),
    ]),
    "Cloud Monitoring's own policies for the service (production), or why there are none.",
  ),
  generatedAt: isoDateTime,
});
apiSchemas.add(serviceAlertsSchema, {
  id: "ServiceAlerts",
  description:
    "A service's alert policies with live state per region, recent incidents, and Cloud Monitoring's policies.",
});

export const fleetAlertSchema = z.object({
  service: z.string(),
  team: z.string(),
  policyId: z.string(),
  title: z.string(),
  severity,
  region: z.string(),
  state,
  since: isoDateTime,
  value: z.number().nullable(),
  threshold: z.number(),
  unit: units,
  format,
});
apiSchemas.add(fleetAlertSchema, {
  id: "FleetAlert",
  description: "One (service, policy, region) in a state.",
});

export const fleetAlertsSchema = z.object({
  state,
  items: doc(z.array(fleetAlertSchema), 'Regions before "all", longest-standing first.'),
  services: doc(z.record(z.string(), z.number().int()), "Policies in the state per service."),
  total: doc(z.number().int(), "Policies in the state across the fleet."),
  generatedAt: isoDateTime,
});
apiSchemas.add(fleetAlertsSchema, { id: "FleetAlerts", description: "The fleet's alerts in one state." });

export const alertOverrideResultSchema = z.object({
  service: z.string(),
  policyId: z.string(),
  threshold: doc(z.number(), "The threshold now in force."),
  defaultThreshold: z.number(),
  overridden: z.boolean(),
});
apiSchemas.add(alertOverrideResultSchema, {
  id: "AlertThreshold",
  description: "A policy's threshold for one service after the change.",
});

const _driftChecks: {
  regionState: Same<z.infer<typeof alertRegionStateSchema>, AlertRegionState>;
  policy: Same<z.infer<typeof serviceAlertPolicySchema>, ServiceAlertPolicy>;
  incident: Same<z.infer<typeof alertIncidentSchema>, AlertIncidentView>;
  cloud: Same<z.infer<typeof cloudAlertPolicySchema>, CloudAlertPolicy>;
  service: Same<z.infer<typeof serviceAlertsSchema>, ServiceAlerts>;
  fleetAlert: Same<z.infer<typeof fleetAlertSchema>, FleetAlert>;
  fleet: Same<z.infer<typeof fleetAlertsSchema>, FleetAlerts>;
} = {
  regionState: true,
  policy: true,
  incident: true,
  cloud: true,
  service: true,
  fleetAlert: true,
  fleet: true,
};
void _driftChecks;
