import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { statusText } from "@/components/dashboards/region-strip";
import type { RegionHealth } from "@/lib/dashboards/dashboard-response";
import type { ServiceHealth } from "@/lib/dashboards/fleet-health";
import { formatMetric } from "@/lib/dashboards/format-metric";

const cellTone: Record<RegionHealth["status"], string> = {
  ok: "border-ok/25 bg-ok/8 text-ok hover:bg-ok/14",
  degraded: "border-danger/35 bg-danger/10 text-danger hover:bg-danger/16",
  "no-data": "border-border bg-surface-muted text-muted hover:bg-border/60",
};

/** The fleet's regions as columns: most used first, then by name. */
export function fleetRegions(services: ServiceHealth[]): string[] {
  const count = new Map<string, number>();
  for (const s of services) for (const r of s.regions) count.set(r.region, (count.get(r.region) ?? 0) + 1);
  return [...count.keys()].sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || a.localeCompare(b));
}

function describe(service: string, health: RegionHealth): string {
  const numbers = [
    `5xx ${formatMetric(health.errorRatio, { kind: "percent", fromRatio: true })}`,
    `p95 ${formatMetric(health.p95Ms, { kind: "ms" })}`,
    `${formatMetric(health.requestsPerSecond, { kind: "rate", noun: "req" })}`,
  ];
  return [
    `${service} in ${health.region}: ${statusText[health.status]}`,
    numbers.join(", "),
    ...health.reasons,
  ].join("\n");
}

/** Services as rows, regions as columns; each cell links to the service's Health tab. */
export function FleetGrid({
  services,
  teams,
  hrefFor,
}: {
  services: ServiceHealth[];
  teams: Record<string, string>;
  hrefFor: (service: string, region: string) => string;
}) {
  const regions = fleetRegions(services);
  return (
    <Table aria-label="Fleet health by service and region" className="table-fixed">
      <TableHead className="bg-surface-muted!">
        <tr>
          <TableHeader className="sticky left-0 z-10 w-56 bg-surface-muted">Service</TableHeader>
          {regions.map((r) => (
            <TableHeader key={r} className="w-40 font-mono">
              {r}
            </TableHeader>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {services.map((service) => {
          const byRegion = new Map(service.regions.map((r) => [r.region, r]));
          const degraded = service.regions.filter((r) => r.status === "degraded").length;
          return (
            <TableRow key={service.name} data-service={service.name}>
              <th scope="row" className="sticky left-0 z-10 bg-surface px-3 py-1.5 text-left font-normal">
                <Link href={hrefFor(service.name, "")} className="font-medium text-accent hover:underline">
                  {service.name}
                </Link>
                <span className="block truncate text-xs text-muted">
                  {teams[service.team] ?? service.team}
                  {degraded > 0 && (
                    <Badge tone="danger" className="ml-1.5 h-4 px-1.5 text-[10px]">
                      {degraded} degraded
                    </Badge>
                  )}
                </span>
              </th>
              {regions.map((region) => {
                const health = byRegion.get(region);
                if (!health)
                  return (
                    <TableCell key={region} className="text-center text-xs text-muted/60">
                      <span aria-hidden>·</span>
                      <span className="sr-only">not deployed</span>
                    </TableCell>
                  );
                return (
                  <TableCell
                    key={region}
                    className="p-1!"
                    data-service={service.name}
                    data-region={region}
                    data-status={health.status}
                  >
                    <Link
                      href={hrefFor(service.name, region)}
                      title={describe(service.name, health)}
                      className={cn(
                        "flex min-w-0 flex-col rounded-md border px-2 py-1 transition-colors",
                        cellTone[health.status],
                      )}
                    >
                      <span className="flex items-center gap-1.5 text-xs font-medium">
                        <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-current" />
                        {statusText[health.status]}
                        <span className="sr-only">
                          , {describe(service.name, health).split("\n").slice(1).join(". ")}
                        </span>
                      </span>
                      <span
                        aria-hidden
                        className="truncate font-mono text-[11px] text-foreground/75 tabular-nums"
                      >
                        {health.status === "no-data"
                          ? "—"
                          : `${formatMetric(health.errorRatio, { kind: "percent", fromRatio: true })} · ${formatMetric(health.p95Ms, { kind: "ms" })}`}
                      </span>
                    </Link>
                  </TableCell>
                );
              })}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
