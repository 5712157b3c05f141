"use client";

import { LoadErrorNotice } from "@/components/dashboards/load-error-notice";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import { useServiceAlerts } from "@/lib/hooks/use-alerts";
import { CloudPolicies } from "./cloud-policies";
import { IncidentList } from "./incident-list";
import { PolicyCard } from "./policy-card";

/**
 * The Alerts tab: every portal policy with its state per region (since when, last fired) and the
 * last hour against its threshold, the incidents, and Cloud Monitoring's own policies. Refreshes
 * every 10 s.
 */
export function AlertsView({ service, canEdit }: { service: string; canEdit: boolean }) {
  const query = useServiceAlerts(service);
  const data = query.data;
  if (!data) {
    if (query.error)
      return (
        <LoadErrorNotice
          what="the alerts"
          stale={false}
          message={query.error.message}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      );
    return (
      <div className="space-y-3" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-48 w-full" />
        ))}
      </div>
    );
  }
  const now = Date.parse(data.generatedAt);
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted" data-testid="alerts-summary">
        <span className="font-medium text-foreground">
          {data.firing === 0
            ? "Nothing firing"
            : `${data.firing} ${data.firing === 1 ? "policy" : "policies"} firing`}
        </span>
        {" · "}
        {data.policies.length} portal policies, evaluated every {data.intervalSeconds} s
        {data.evaluatedAt ? `, last at ${formatDateTime(data.evaluatedAt)}` : ", not evaluated yet"}
        {data.source === "embedded" ? " on the embedded store's demo traffic" : " on Cloud Monitoring"}.
      </p>
      {data.policies.map((policy) => (
        <PolicyCard key={policy.id} service={service} policy={policy} canEdit={canEdit} now={now} />
      ))}
      <IncidentList incidents={data.incidents} now={now} />
      <CloudPolicies cloud={data.cloud} />
    </div>
  );
}
