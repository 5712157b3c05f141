import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ComingWith } from "@/components/service/coming-with";
import { loadService } from "../_lib/load-service";

export default async function ReplayTab({ params }: { params: Promise<{ name: string }> }) {
  const service = await loadService((await params).name);
  const consumed = [...new Set(service.triggers.map((t) => t.type))];
  return (
    <div className="space-y-4">
      <ComingWith feature="Replay of recorded events" issue={8} />
      <Card>
        <CardHeader
          title="Event types this service consumes"
          description="Replay will offer these as its sources, when the recorder keeps them."
        />
        <CardBody>
          {consumed.length === 0 ? (
            <p className="text-sm text-muted">
              This service has no triggers, so there is nothing to replay to it.
            </p>
          ) : (
            <ul className="space-y-1 text-sm">
              {consumed.map((type) => (
                <li key={type} className="font-mono">
                  {type}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
