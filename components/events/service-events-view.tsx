"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ServiceEvents } from "@/lib/events/api";
import { useServiceEvents } from "@/lib/hooks/use-service-events";
import { DeliveryHealthTable } from "./delivery-health-table";
import { EventTopology } from "./event-topology";
import { LiveTail } from "./live-tail";

const typeLink = (type: string) => (
  <Link
    href={`/event-types/${encodeURIComponent(type)}`}
    className="font-mono text-sm text-accent hover:underline"
  >
    {type}
  </Link>
);

/** The Events tab: topology, published types, triggers with delivery health, and the live tail. */
export function ServiceEventsView({ initial }: { initial: ServiceEvents }) {
  const { data = initial } = useServiceEvents(initial.service, initial);
  const types = [
    ...new Set([...data.publishes.map((p) => p.type), ...data.consumes.map((t) => t.type)]),
  ].sort();
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader
          title="Topology"
          description={`Producers and consumers around ${data.service}, through the broker (${data.bus === "embedded" ? "embedded" : "Pub/Sub"}).`}
        />
        <CardBody>
          <EventTopology events={data} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Publishes"
          description="Event types this service sends to the broker, and who receives them."
        />
        <CardBody>
          {data.publishes.length === 0 ? (
            <p className="text-sm text-muted">This service publishes no events.</p>
          ) : (
            <Table aria-label="Published event types" bare>
              <TableHead>
                <TableRow>
                  <TableHeader>Type</TableHeader>
                  <TableHeader>Description</TableHeader>
                  <TableHeader>Recorder</TableHeader>
                  <TableHeader>Consumers</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.publishes.map((p) => (
                  <TableRow key={p.type}>
                    <TableCell>{typeLink(p.type)}</TableCell>
                    <TableCell className="text-muted">{p.description}</TableCell>
                    <TableCell>
                      {p.recorded ? <Badge tone="ok">recorded</Badge> : <Badge>not recorded</Badge>}
                    </TableCell>
                    <TableCell className="text-sm">
                      {p.consumers.length ? (
                        p.consumers.map((c) => c.service).join(", ")
                      ) : (
                        <span className="text-muted">none</span>
                      )}
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
          description="Triggers: push subscriptions on the regional broker topics (one per region), with their filters and delivery health."
        />
        <CardBody className="space-y-4">
          {data.consumes.length === 0 ? (
            <p className="text-sm text-muted">This service has no triggers.</p>
          ) : (
            <>
              <Table aria-label="Triggers" bare>
                <TableHead>
                  <TableRow>
                    <TableHeader>Trigger</TableHeader>
                    <TableHeader>Event type</TableHeader>
                    <TableHeader>Pub/Sub filter</TableHeader>
                    <TableHeader>Delivered to</TableHeader>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.consumes.map((t) => (
                    <TableRow key={t.name}>
                      <TableCell className="font-mono text-sm">{t.name}</TableCell>
                      <TableCell>{typeLink(t.type)}</TableCell>
                      <TableCell>
                        <code className="block max-w-xl text-xs break-words text-muted">
                          {t.pubsubFilter}
                        </code>
                      </TableCell>
                      <TableCell className="font-mono text-xs">
                        {data.bus === "pubsub"
                          ? "the service's regional URL"
                          : (t.pushEndpoint ?? "the service's inbox")}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {data.healthError ? (
                <Notice tone="danger" title="Delivery health is unavailable">
                  {data.healthError}
                </Notice>
              ) : (
                <DeliveryHealthTable triggers={data.consumes} source={data.healthSource} />
              )}
            </>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Live tail"
          description="Events this service publishes or receives, as they cross the broker. Open one to see its attributes and data."
        />
        {types.length ? (
          <LiveTail service={data.service} types={types} regions={data.regions} />
        ) : (
          <CardBody>
            <p className="text-sm text-muted">Nothing to tail: this service has no event types.</p>
          </CardBody>
        )}
      </Card>
    </div>
  );
}
