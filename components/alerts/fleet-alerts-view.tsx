"use client";

import Link from "next/link";
import { LoadErrorNotice } from "@/components/dashboards/load-error-notice";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatAlertValue } from "@/lib/alerts/describe-policy";
import type { AlertStateName } from "@/lib/alerts/types";
import { formatDateTime } from "@/lib/format";
import { useFleetAlerts } from "@/lib/hooks/use-alerts";
import { AlertStateBadge, ago } from "./alert-state-badge";

const views: { state: AlertStateName; label: string }[] = [
  { state: "firing", label: "Firing now" },
  { state: "no_data", label: "No data" },
];

/** Every service's alerts in one state across the fleet, longest-standing first; refreshes every 10 s. */
export function FleetAlertsView({ state }: { state: AlertStateName }) {
  const query = useFleetAlerts(state);
  const data = query.data;
  return (
    <div className="space-y-3">
      <nav aria-label="Alert state" className="flex gap-1">
        {views.map((v) => (
          <Link
            key={v.state}
            href={v.state === "firing" ? "/alerts" : `/alerts?state=${v.state}`}
            aria-current={v.state === state ? "page" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1 text-sm",
              v.state === state
                ? "bg-surface-muted font-medium text-foreground"
                : "text-muted hover:text-foreground",
            )}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {!data ? (
        query.error ? (
          <LoadErrorNotice
            what="the fleet's alerts"
            stale={false}
            message={query.error.message}
            retrying={query.isFetching}
            onRetry={() => void query.refetch()}
          />
        ) : (
          <Skeleton className="h-40 w-full" />
        )
      ) : data.items.length === 0 ? (
        <EmptyState
          title={state === "firing" ? "Nothing is firing" : "Every policy has data"}
          description={`Across the deployed fleet, as of ${formatDateTime(data.generatedAt)}.`}
        />
      ) : (
        <>
          <p className="text-sm text-muted" data-testid="fleet-alerts-summary">
            {data.total} {data.total === 1 ? "policy" : "policies"} in {Object.keys(data.services).length}{" "}
            {Object.keys(data.services).length === 1 ? "service" : "services"}.
          </p>
          <Table>
            <TableHead>
              <TableRow>
                <TableHeader>Service</TableHeader>
                <TableHeader>Policy</TableHeader>
                <TableHeader>Region</TableHeader>
                <TableHeader>State</TableHeader>
                <TableHeader>Since</TableHeader>
                <TableHeader className="text-right">Value</TableHeader>
                <TableHeader className="text-right">Threshold</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((a) => (
                <TableRow
                  key={`${a.service}|${a.policyId}|${a.region}`}
                  data-service={a.service}
                  data-policy={a.policyId}
                  data-region={a.region}
                >
                  <TableCell>
                    <Link
                      href={`/services/${a.service}/alerts`}
                      className="font-mono text-sm text-accent hover:underline"
                    >
                      {a.service}
                    </Link>
                    <div className="text-xs text-muted">{a.team}</div>
                  </TableCell>
                  <TableCell className="text-sm">
                    {a.title} <Badge tone="neutral">{a.severity.toLowerCase()}</Badge>
                  </TableCell>
                  <TableCell className="font-mono text-xs">
                    {a.region === "all" ? "all regions" : a.region}
                  </TableCell>
                  <TableCell>
                    <AlertStateBadge state={a.state} />
                  </TableCell>
                  <TableCell className="text-xs text-muted" title={formatDateTime(a.since)}>
                    {ago(a.since, Date.parse(data.generatedAt))}
                  </TableCell>
                  <TableCell className="text-right font-mono text-xs tabular-nums">
                    {formatAlertValue(a.value, a.format)}
                  </TableCell>
                  <TableCell className="text-right font-mono text-xs tabular-nums">
                    {formatAlertValue(a.threshold, a.format)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}
