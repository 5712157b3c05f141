import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ComingWith } from "@/components/service/coming-with";
import { getDb } from "@/server/db/client";
import { getDashboardTerraform } from "@/server/services/dashboards/get-dashboard-terraform";
import { loadService } from "../_lib/load-service";

export default async function InfrastructureTab({ params }: { params: Promise<{ name: string }> }) {
  const service = await loadService((await params).name);
  const dashboard = await getDashboardTerraform(await getDb(), service.name);
  const facts: [string, React.ReactNode][] = [
    ["Cloud Run name (every region)", service.name],
    ["Regions", service.regions.join(", ")],
    ["Ingress", service.ingress],
    ["Egress", service.egress],
    ["Scaling", `${service.scaling.minInstances}–${service.scaling.maxInstances} instances per region`],
    ["Repository", service.repository],
    ["Path", service.path],
    [
      "Template",
      service.template
        ? `${service.template.id}${service.template.version ? `@${service.template.version}` : ""}`
        : "not generated from a template",
    ],
    ["Created by", service.createdBy],
  ];
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader
          title="Deployment"
          description="As recorded in the catalog for the regional-go-service module."
        />
        <CardBody>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted">{label}</dt>
                <dd className="font-mono text-xs sm:text-sm">{value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Dashboard as Terraform"
          description="The same layout the Health tab draws, as the google_monitoring_dashboard that puts it in the Cloud Console (every chart split by region)."
        />
        <CardBody>
          <pre
            aria-label="Dashboard Terraform"
            className="max-h-96 overflow-auto rounded-md border border-border bg-surface-muted p-3 font-mono text-xs"
          >
            {dashboard.hcl}
          </pre>
        </CardBody>
      </Card>
      <ComingWith feature="The service's full generated Terraform and its diff" issue={3} />
    </div>
  );
}
