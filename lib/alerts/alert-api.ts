import { z } from "zod";
import type { Unit } from "@/lib/dashboards/types";
import { teamName } from "@/lib/catalog";
import {
  alertStates,
  type AlertSeverity,
  type AlertStateName,
  type AlertValueFormat,
  type ThresholdRule,
} from "./types";

// The alerts API (GET /api/services/{name}/alerts, GET /api/alerts, PUT/DELETE
// /api/services/{name}/alerts/{policy}): request schemas and response shapes, shared by the
// handlers, the UI and the OpenAPI mirrors (lib/openapi/alert-schemas.ts).

export const policyIdParam = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,79}$/,
    "must be a policy id such as latency-p99 (lowercase letters, digits, dashes)",
  );

export const thresholdOverride = z.strictObject({
  threshold: z.number({ message: "must be a number" }),
});
export type ThresholdOverride = z.infer<typeof thresholdOverride>;

export const fleetAlertsQuery = z.strictObject({
  state: z.enum(alertStates, { message: `must be one of ${alertStates.join(", ")}` }).default("firing"),
  team: teamName.optional(),
});
export type FleetAlertsQuery = z.infer<typeof fleetAlertsQuery>;

/** The state of a policy in one region, or in all regions together (`region: "all"`). */
export interface AlertRegionState {
  region: string;
  state: AlertStateName;
  /** When the current state began; null before the first evaluation. */
  since: string | null;
  /** True when the state held over all the history read: it began at `since` or earlier. */
  sinceAtLeast: boolean;
  /** The newest value evaluated, in the policy's unit. */
  value: number | null;
  /** When the latest incident in this region began. */
  lastFiredAt: string | null;
}

export interface AlertSeriesView {
  region: string;
  /** [epoch ms of the step's end, the policy's value], the last hour. */
  points: [number, number | null][];
}

export interface ServiceAlertPolicy {
  id: string;
  origin: "portal";
  title: string;
  description: string;
  severity: AlertSeverity;
  unit: Unit;
  format: AlertValueFormat;
  threshold: number;
  defaultThreshold: number;
  overridden: boolean;
  thresholdRule: ThresholdRule;
  /** The condition in words, e.g. "above 0.2 for 120 s". */
  condition: string;
  /** ALL_REGIONS first, then the service's regions. */
  states: AlertRegionState[];
  series: AlertSeriesView[];
  /** Why the values could not be read just now (the stored states stay). */
  error?: string;
}

export interface AlertIncidentView {
  id: string;
  service: string;
  policyId: string;
  title: string;
  region: string;
  startedAt: string;
  /** Null while it still fires. */
  endedAt: string | null;
  peakValue: number;
  threshold: number;
  unit: Unit;
  format: AlertValueFormat;
}

/** An alert policy Cloud Monitoring holds for the service (labelled with it), listed beside the portal's. */
export interface CloudAlertPolicy {
  origin: "cloud-monitoring";
  /** projects/P/alertPolicies/ID */
  name: string;
  displayName: string;
  enabled: boolean;
  severity: string | null;
  conditions: string[];
  userLabels: Record<string, string>;
}

export type CloudAlertListing =
  | { status: "listed"; policies: CloudAlertPolicy[] }
  | { status: "not-configured"; reason: string }
  | { status: "error"; error: string };

export interface ServiceAlerts {
  service: string;
  source: "embedded" | "cloud-monitoring";
  intervalSeconds: number;
  /** When the scheduled evaluation last recorded this service. */
  evaluatedAt: string | null;
  firing: number;
  policies: ServiceAlertPolicy[];
  /** The newest 50 incidents, newest first. */
  incidents: AlertIncidentView[];
  cloud: CloudAlertListing;
  generatedAt: string;
}

export interface FleetAlert {
  service: string;
  team: string;
  policyId: string;
  title: string;
  severity: AlertSeverity;
  region: string;
  state: AlertStateName;
  since: string;
  value: number | null;
  threshold: number;
  unit: Unit;
  format: AlertValueFormat;
}

export interface FleetAlerts {
  state: AlertStateName;
  /** One per (service, policy, region), regions before "all", longest-standing first. */
  items: FleetAlert[];
  /** Policies in the state, per service (a policy counts once, whatever its regions). */
  services: Record<string, number>;
  /** Policies in the state across the fleet. */
  total: number;
  generatedAt: string;
}
