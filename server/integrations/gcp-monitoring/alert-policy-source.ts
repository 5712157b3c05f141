import "server-only";
import type { protos } from "@google-cloud/monitoring";
import { grpc } from "google-gax";
import type { CloudAlertPolicy } from "@/lib/alerts/alert-api";
import { createAlertPolicyClient, type CloudMonitoringConfig } from "./client";
import { CLOUD_MONITORING_TIMEOUT_MS, CloudMonitoringError } from "./cloud-monitoring-source";

type AlertPolicy = protos.google.monitoring.v3.IAlertPolicy;
type Condition = protos.google.monitoring.v3.AlertPolicy.ICondition;

// The alert policies Cloud Monitoring holds for a service: ListAlertPolicies filtered on the user
// labels the generated Terraform puts on every policy (lib/alerts/alert-policy-hcl.ts: `service`),
// so policies made by hand with the same label show too. Every page is read.

export interface AlertPolicySource {
  listServicePolicies(service: string): Promise<CloudAlertPolicy[]>;
  close(): Promise<void>;
}

/** The filter for a service's policies, e.g. `user_labels.service = "checkout-api"`. */
export const servicePolicyFilter = (service: string) => `user_labels.service = ${JSON.stringify(service)}`;

/** One condition in words, from whichever kind it is. */
function describeCondition(condition: Condition): string {
  const name = condition.displayName ?? "";
  const kind = condition.conditionThreshold
    ? `threshold ${condition.conditionThreshold.comparison ?? ""} ${condition.conditionThreshold.thresholdValue ?? 0}`
    : condition.conditionAbsent
      ? "metric absent"
      : condition.conditionMatchedLog
        ? "log match"
        : condition.conditionPrometheusQueryLanguage
          ? "PromQL"
          : condition.conditionMonitoringQueryLanguage
            ? "MQL"
            : "condition";
  return name ? `${name} (${kind.trim()})` : kind.trim();
}

const toPolicy = (p: AlertPolicy): CloudAlertPolicy => ({
  origin: "cloud-monitoring",
  name: p.name ?? "",
  displayName: p.displayName ?? p.name ?? "",
  // `enabled` is a BoolValue wrapper; absent means enabled.
  enabled: p.enabled?.value ?? true,
  severity: p.severity && p.severity !== "SEVERITY_UNSPECIFIED" ? String(p.severity) : null,
  conditions: (p.conditions ?? []).map(describeCondition),
  userLabels: { ...(p.userLabels ?? {}) },
});

export function cloudAlertPolicySource(
  config: CloudMonitoringConfig & { timeoutMs?: number },
): AlertPolicySource {
  const client = createAlertPolicyClient(config);
  const timeout = config.timeoutMs ?? CLOUD_MONITORING_TIMEOUT_MS;
  return {
    async listServicePolicies(service) {
      try {
        const [policies] = await client.listAlertPolicies(
          {
            name: `projects/${config.projectId}`,
            filter: servicePolicyFilter(service),
            orderBy: "display_name",
          },
          { autoPaginate: true, timeout, retry: { retryCodes: [grpc.status.UNAVAILABLE] } },
        );
        return policies.map(toPolicy);
      } catch (error) {
        const { code, details } = (error ?? {}) as { code?: unknown; details?: unknown };
        const status = typeof code === "number" ? (grpc.status[code] ?? `CODE_${code}`) : "UNKNOWN";
        const detail =
          typeof details === "string" && details ? details : String((error as Error)?.message ?? error);
        throw new CloudMonitoringError(status, detail, { cause: error });
      }
    },
    close: () => client.close(),
  };
}
