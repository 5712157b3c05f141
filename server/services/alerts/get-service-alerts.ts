import "server-only";
import type {
  AlertIncidentView,
  CloudAlertListing,
  ServiceAlertPolicy,
  ServiceAlerts,
} from "@/lib/alerts/alert-api";
import { describeCondition } from "@/lib/alerts/describe-policy";
import type { AlertStateName } from "@/lib/alerts/types";
import { ALL_REGIONS } from "@/lib/dashboards/dashboard-response";
import type { Db } from "@/server/db/client";
import type { AlertPolicySource } from "@/server/integrations/gcp-monitoring/alert-policy-source";
import type { MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { evaluatePolicies } from "./evaluate-policies";
import { loadServicePolicies } from "./load-service-policies";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function listCloud(cloud: AlertPolicySource | null, service: string): Promise<CloudAlertListing> {
  if (!cloud)
    return { status: "not-configured", reason: "The embedded mode has no Cloud Monitoring project to list." };
  try {
    return { status: "listed", policies: await cloud.listServicePolicies(service) };
  } catch (error) {
    return { status: "error", error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A service's alerts: each portal policy with its recorded state per region (the scheduled
 * evaluation), the last hour of its values for the chart (read now, through the same cache the
 * evaluator uses), the newest incidents, and Cloud Monitoring's own policies for the service.
 */
export async function getServiceAlerts(
  db: Db,
  source: MetricsSource,
  cloud: AlertPolicySource | null,
  name: string,
  options: { intervalSeconds: number; now?: number },
): Promise<ServiceAlerts> {
  const service = await loadServicePolicies(db, name);
  const now = options.now ?? Date.now();
  const [states, incidents, schedule, evaluations, listing] = await Promise.all([
    db.alertState.findMany({ where: { service: name } }),
    db.alertIncident.findMany({
      where: { service: name },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: 50,
    }),
    db.alertSchedule.findUnique({ where: { service: name } }),
    evaluatePolicies(source, service.policies, service.regions, now),
    listCloud(cloud, name),
  ]);
  const stored = new Map(states.map((s) => [`${s.policyId}|${s.region}`, s]));
  const titles = new Map(service.policies.map((p) => [p.id, p]));

  const policies = evaluations.map(({ policy, values }): ServiceAlertPolicy => {
    const regions = [
      ALL_REGIONS,
      ...service.regions,
      ...[...values.regions.keys()].filter((r) => r !== ALL_REGIONS && !service.regions.includes(r)),
    ];
    return {
      id: policy.id,
      origin: "portal",
      title: policy.title,
      description: policy.description,
      severity: policy.severity,
      unit: policy.unit,
      format: policy.format,
      threshold: policy.threshold,
      defaultThreshold: policy.defaultThreshold,
      overridden: policy.threshold !== policy.defaultThreshold,
      thresholdRule: policy.thresholdRule,
      condition: describeCondition(policy),
      states: regions.map((region) => {
        const s = stored.get(`${policy.id}|${region}`);
        return {
          region,
          // Before the first evaluation there is nothing to say: no data.
          state: (s?.state ?? "no_data") as AlertStateName,
          since: iso(s?.since),
          sinceAtLeast: s?.sinceAtLeast ?? false,
          value: s?.value ?? null,
          lastFiredAt: iso(s?.lastFiredAt),
        };
      }),
      series: [...values.regions].map(([region, points]) => ({
        region,
        points: values.times.map((t, i): [number, number | null] => [t, points[i] ?? null]),
      })),
      ...(values.error && { error: values.error }),
    };
  });

  const incidentViews = incidents.map((i): AlertIncidentView => {
    const policy = titles.get(i.policyId);
    return {
      id: i.id.toString(),
      service: i.service,
      policyId: i.policyId,
      title: policy?.title ?? i.policyId,
      region: i.region,
      startedAt: i.startedAt.toISOString(),
      endedAt: iso(i.endedAt),
      peakValue: i.peakValue,
      threshold: i.threshold,
      unit: policy?.unit ?? "1",
      format: policy?.format ?? "count",
    };
  });

  return {
    service: name,
    source: source.kind,
    intervalSeconds: options.intervalSeconds,
    evaluatedAt: iso(schedule?.evaluatedAt),
    firing: policies.filter((p) => p.states.some((s) => s.state === "firing")).length,
    policies,
    incidents: incidentViews,
    cloud: listing,
    generatedAt: new Date().toISOString(),
  };
}
