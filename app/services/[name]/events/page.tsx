import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ComingWith } from "@/components/service/coming-with";
import { pubsubFilter } from "@/lib/trigger-filter";
import { loadService } from "../_lib/load-service";

export default async function EventsTab({ params }: { params: Promise<{ name: string }> }) {
  const service = await loadService((await params).name);
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader title="Publishes" description="Event types this service sends to the broker." />
        <CardBody>
          {service.publishes.length === 0 ? (
            <p className="text-sm text-muted">This service publishes no events.</p>
          ) : (
            <Table aria-label="Published event types">
              <TableHead>
                <TableRow>
                  <TableHeader>Type</TableHeader>
                  <TableHeader>Description</TableHeader>
                  <TableHeader>Recorder</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {service.publishes.map((p) => (
                  <TableRow key={p.type}>
                    <TableCell className="font-mono text-sm">{p.type}</TableCell>
                    <TableCell className="text-muted">{p.description}</TableCell>
                    <TableCell>
                      {p.recorded ? <Badge tone="ok">recorded</Badge> : <Badge>not recorded</Badge>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Consumes"
          description="Triggers: push subscriptions on the regional broker topics, one per region."
        />
        <CardBody>
          {service.triggers.length === 0 ? (
            <p className="text-sm text-muted">This service has no triggers.</p>
          ) : (
            <Table aria-label="Triggers">
              <TableHead>
                <TableRow>
                  <TableHeader>Trigger</TableHeader>
                  <TableHeader>Event type</TableHeader>
                  <TableHeader>Pub/Sub filter</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {service.triggers.map((t) => (
                  <TableRow key={t.name}>
                    <TableCell className="font-mono text-sm">{t.name}</TableCell>
                    <TableCell className="font-mono text-sm">{t.type}</TableCell>
                    <TableCell>
                      <code className="block max-w-xl text-xs break-words text-muted">
                        {pubsubFilter(t.type, t.filter)}
                      </code>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardBody>
      </Card>
      <ComingWith feature="Delivery health and the live tail" issue={7} />
    </div>
  );
}
