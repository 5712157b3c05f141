import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { CloudAlertListing } from "@/lib/alerts/alert-api";

/** Cloud Monitoring's own alert policies for the service, marked as such, beside the portal's. */
export function CloudPolicies({ cloud }: { cloud: CloudAlertListing }) {
  return (
    <Card aria-labelledby="cloud-policies-title" data-cloud={cloud.status}>
      <CardHeader
        id="cloud-policies-title"
        title="Cloud Monitoring alert policies"
        description="Policies in the Cloud Monitoring project labelled service=<this service>. Their state lives in Cloud Monitoring."
      />
      <div className="px-4 pb-4 text-sm">
        {cloud.status === "not-configured" ? (
          <p className="text-muted">{cloud.reason}</p>
        ) : cloud.status === "error" ? (
          <p role="alert" className="text-danger">
            Could not list them: {cloud.error}
          </p>
        ) : cloud.policies.length === 0 ? (
          <p className="text-muted">None is labelled with this service.</p>
        ) : (
          <ul className="divide-y divide-border">
            {cloud.policies.map((p) => (
              <li key={p.name} className="flex flex-wrap items-center gap-2 py-2" data-cloud-policy={p.name}>
                <Badge tone="info" title="Defined in Cloud Monitoring, not evaluated by the portal">
                  Cloud Monitoring
                </Badge>
                <span className="font-medium">{p.displayName}</span>
                {p.userLabels.meridian_policy ? (
                  <Badge
                    tone="neutral"
                    title="Deployed from the portal's definition by the service's Terraform"
                  >
                    deployed copy of {p.userLabels.meridian_policy}
                  </Badge>
                ) : null}
                {!p.enabled ? <Badge tone="warn">disabled</Badge> : null}
                {p.severity ? <Badge tone="neutral">{p.severity.toLowerCase()}</Badge> : null}
                <span className="w-full text-xs text-muted">{p.conditions.join(" · ")}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
