import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/server/db/client";
import { listEventTypes } from "@/server/services/events/list-event-types";

export const metadata: Metadata = { title: "Event types" };
export const dynamic = "force-dynamic";

export default async function EventTypesPage() {
  const types = await listEventTypes(await getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Event types</h1>
      <p className="text-sm text-muted">
        Every CloudEvents type the catalog knows, who publishes it and which triggers receive it.
      </p>
      <Table aria-label="Event types">
        <TableHead>
          <TableRow>
            <TableHeader>Type</TableHeader>
            <TableHeader>Description</TableHeader>
            <TableHeader>Producers</TableHeader>
            <TableHeader>Consumers</TableHeader>
            <TableHeader>Recorder</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {types.map((t) => (
            <TableRow key={t.type}>
              <TableCell>
                <Link
                  href={`/event-types/${encodeURIComponent(t.type)}`}
                  className="font-mono text-sm text-accent hover:underline"
                >
                  {t.type}
                </Link>
              </TableCell>
              <TableCell className="text-muted">{t.description}</TableCell>
              <TableCell className="text-sm">
                {t.producers.join(", ") || <span className="text-muted">outside the catalog</span>}
              </TableCell>
              <TableCell className="text-sm">
                {[...new Set(t.consumers.map((c) => c.service))].join(", ") || (
                  <span className="text-muted">none</span>
                )}
              </TableCell>
              <TableCell>
                {t.recorded ? <Badge tone="ok">recorded</Badge> : <Badge>not recorded</Badge>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
