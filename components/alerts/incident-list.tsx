import { Card, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AlertIncidentView } from "@/lib/alerts/alert-api";
import { formatAlertValue } from "@/lib/alerts/describe-policy";
import { formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

const minutes = (from: string, to: string | null, now: number) =>
  Math.max(1, Math.round(((to ? Date.parse(to) : now) - Date.parse(from)) / 60_000));

/** The newest incidents: when each firing began and ended, where, and how bad it got. */
export function IncidentList({ incidents, now }: { incidents: AlertIncidentView[]; now: number }) {
  return (
    <Card aria-labelledby="incidents-title">
      <CardHeader
        id="incidents-title"
        title="Recent incidents"
        description="Each time a portal policy started firing in a region, until it recovered."
      />
      {incidents.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-muted">No incident recorded yet.</p>
      ) : (
        <Table bare>
          <TableHead>
            <TableRow>
              <TableHeader>Policy</TableHeader>
              <TableHeader>Region</TableHeader>
              <TableHeader>Started</TableHeader>
              <TableHeader>Ended</TableHeader>
              <TableHeader className="text-right">Peak</TableHeader>
              <TableHeader className="text-right">Threshold</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {incidents.map((i) => (
              <TableRow key={i.id} data-incident={i.policyId} data-region={i.region}>
                <TableCell className="text-sm">{i.title}</TableCell>
                <TableCell className="font-mono text-xs">
                  {i.region === "all" ? "all regions" : i.region}
                </TableCell>
                <TableCell className="text-xs">{formatDateTime(i.startedAt)}</TableCell>
                <TableCell className="text-xs">
                  {i.endedAt ? (
                    `${formatDateTime(i.endedAt)} (${minutes(i.startedAt, i.endedAt, now)} min)`
                  ) : (
                    <Badge tone="danger" dot>
                      firing for {minutes(i.startedAt, null, now)} min
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="text-right font-mono text-xs tabular-nums">
                  {formatAlertValue(i.peakValue, i.format)}
                </TableCell>
                <TableCell className="text-right font-mono text-xs tabular-nums">
                  {formatAlertValue(i.threshold, i.format)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
