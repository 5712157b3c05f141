import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AppError } from "@/lib/errors";
import type { EventTypeSummary } from "@/lib/events/api";
import { getDb } from "@/server/db/client";
import { getEventType } from "@/server/services/events/list-event-types";

type Props = { params: Promise<{ type: string }> };

export const dynamic = "force-dynamic";

async function load(params: Props["params"]): Promise<EventTypeSummary> {
  const type = decodeURIComponent((await params).type);
  try {
    return await getEventType(await getDb(), type);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).type) };
}

const serviceLink = (name: string) => (
  <Link href={`/services/${name}/events`} className="text-accent hover:underline">
    {name}
  </Link>
);

export default async function EventTypePage({ params }: Props) {
  const t = await load(params);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs text-muted">
          <Link href="/event-types" className="hover:underline">
            Event types
          </Link>
        </p>
        <h1 className="font-mono text-xl font-semibold tracking-tight break-all">{t.type}</h1>
        <p className="mt-1 text-sm text-muted">{t.description}</p>
        <div className="mt-2">
          {t.recorded ? <Badge tone="ok">recorded to the archive</Badge> : <Badge>not recorded</Badge>}
        </div>
      </div>
      <Card>
        <CardHeader title="Producers" description="Services that publish this type to the broker." />
        <CardBody>
          {t.producers.length ? (
            <ul className="flex flex-wrap gap-3 text-sm">
              {t.producers.map((p) => (
                <li key={p}>{serviceLink(p)}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">
              No service in the catalog publishes it (e.g. a webhook trampoline does).
            </p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Consumers"
          description="Triggers that receive it, with the Pub/Sub filter of each."
        />
        <CardBody>
          {t.consumers.length ? (
            <Table aria-label="Consumers" bare>
              <TableHead>
                <TableRow>
                  <TableHeader>Service</TableHeader>
                  <TableHeader>Trigger</TableHeader>
                  <TableHeader>Pub/Sub filter</TableHeader>
                  {t.recorded ? <TableHeader>Replay</TableHeader> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {t.consumers.map((c) => (
                  <TableRow key={c.trigger}>
                    <TableCell>{serviceLink(c.service)}</TableCell>
                    <TableCell className="font-mono text-sm">{c.trigger}</TableCell>
                    <TableCell>
                      <code className="text-xs break-words text-muted">{c.filter}</code>
                    </TableCell>
                    {t.recorded ? (
                      <TableCell>
                        <Link
                          href={`/services/${c.service}/replay?type=${encodeURIComponent(t.type)}`}
                          className="text-sm text-accent hover:underline"
                        >
                          Replay to {c.service}
                        </Link>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <p className="text-sm text-muted">No trigger receives it.</p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Schema"
          description="The BigQuery schema the recorder's table uses, where known."
        />
        <CardBody>
          {t.schema ? (
            <pre className="max-h-96 overflow-auto font-mono text-xs">
              {JSON.stringify(t.schema, null, 2)}
            </pre>
          ) : (
            <p className="text-sm text-muted">No schema is registered for this type.</p>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
