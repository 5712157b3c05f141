import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ComingWith } from "@/components/service/coming-with";
import { loadService } from "../_lib/load-service";

export default async function InfrastructureTab({ params }: { params: Promise<{ name: string }> }) {
  const service = await loadService((await params).name);
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
      <ComingWith feature="The generated Terraform and its diff" issue={3} />
    </div>
  );
}
