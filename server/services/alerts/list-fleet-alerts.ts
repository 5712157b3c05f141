import "server-only";
import type { FleetAlert, FleetAlerts, FleetAlertsQuery } from "@/lib/alerts/alert-api";
import { servicePolicies } from "@/lib/alerts/policies";
import type { AlertPolicy, AlertStateName } from "@/lib/alerts/types";
import { ALL_REGIONS } from "@/lib/dashboards/dashboard-response";
import type { Db } from "@/server/db/client";
import { fromDbKind } from "@/server/db/enums";

/**
 * Every recorded (service, policy, region) in one state across the deployed fleet, e.g. what fires
 * now; optionally one team's. Policies that no longer exist are left out.
 */
export async function listFleetAlerts(db: Db, query: FleetAlertsQuery): Promise<FleetAlerts> {
  const [states, services] = await Promise.all([
    db.alertState.findMany({
      where: { state: query.state },
      orderBy: [{ since: "asc" }, { service: "asc" }],
    }),
    db.service.findMany({
      where: { lifecycle: { in: ["merged", "live"] }, ...(query.team && { team: { name: query.team } }) },
      select: {
        name: true,
        kind: true,
        team: { select: { name: true } },
        triggers: { select: { name: true } },
        alertOverrides: { select: { policyId: true, threshold: true } },
      },
    }),
  ]);
  const byService = new Map(
    services.map((s) => [
      s.name,
      {
        team: s.team.name,
        policies: new Map(
          servicePolicies(
            { name: s.name, kind: fromDbKind(s.kind), triggers: s.triggers.map((t) => t.name) },
            Object.fromEntries(s.alertOverrides.map((o) => [o.policyId, o.threshold])),
          ).map((p): [string, AlertPolicy] => [p.id, p]),
        ),
      },
    ]),
  );
  const items: FleetAlert[] = [];
  for (const s of states) {
    const service = byService.get(s.service);
    const policy = service?.policies.get(s.policyId);
    if (!service || !policy) continue;
    items.push({
      service: s.service,
      team: service.team,
      policyId: s.policyId,
      title: policy.title,
      severity: policy.severity,
      region: s.region,
      state: s.state as AlertStateName,
      since: s.since.toISOString(),
      value: s.value,
      threshold: s.threshold,
      unit: policy.unit,
      format: policy.format,
    });
  }
  // Regions first, the all-regions row after them, each group longest-standing first.
  items.sort((a, b) => Number(a.region === ALL_REGIONS) - Number(b.region === ALL_REGIONS));
  const perService: Record<string, Set<string>> = {};
  for (const i of items) (perService[i.service] ??= new Set()).add(i.policyId);
  const counts = Object.fromEntries(Object.entries(perService).map(([k, v]) => [k, v.size]));
  return {
    state: query.state,
    items,
    services: counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    generatedAt: new Date().toISOString(),
  };
}
