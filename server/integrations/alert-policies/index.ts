import "server-only";
import { metricsBackend } from "@/lib/env-schema";
import { env } from "@/server/env";
import {
  cloudAlertPolicySource,
  type AlertPolicySource,
} from "@/server/integrations/gcp-monitoring/alert-policy-source";

const globalForAlerts = globalThis as unknown as { meridianAlertPolicies?: AlertPolicySource | null };

/**
 * Cloud Monitoring's alert policies when the metrics come from Cloud Monitoring (production), or null
 * in the embedded mode, where there is no Cloud Monitoring project to list.
 */
export function cloudAlertPolicies(): AlertPolicySource | null {
  if (globalForAlerts.meridianAlertPolicies !== undefined) return globalForAlerts.meridianAlertPolicies;
  const e = env();
  if (metricsBackend(process.env) !== "cloud-monitoring")
    return (globalForAlerts.meridianAlertPolicies = null);
  const [host, port] = e.CLOUD_MONITORING_ENDPOINT?.split(":") ?? [];
  globalForAlerts.meridianAlertPolicies = cloudAlertPolicySource({
    projectId: e.GCP_PROJECT_ID!,
    ...(host && port ? { apiEndpoint: host, port: Number(port), insecure: true } : {}),
  });
  return globalForAlerts.meridianAlertPolicies;
}
