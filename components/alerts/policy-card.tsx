"use client";

import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ServiceAlertPolicy } from "@/lib/alerts/alert-api";
import { formatAlertValue } from "@/lib/alerts/describe-policy";
import { ALL_REGIONS } from "@/lib/dashboards/dashboard-response";
import { formatDateTime } from "@/lib/format";
import { AlertStateBadge, ago } from "./alert-state-badge";
import { PolicyChart } from "./policy-chart";
import { ThresholdEditor } from "./threshold-editor";

/** One portal policy: its condition and threshold, the state in every region, and the last hour. */
export function PolicyCard({
  service,
  policy,
  canEdit,
  now,
}: {
  service: string;
  policy: ServiceAlertPolicy;
  canEdit: boolean;
  now: number;
}) {
  const overall = policy.states.find((s) => s.region === ALL_REGIONS);
  const firingIn = policy.states
    .filter((s) => s.state === "firing" && s.region !== ALL_REGIONS)
    .map((s) => s.region);
  const firing = firingIn.length > 0 || overall?.state === "firing";
  return (
    <Card
      data-policy={policy.id}
      aria-labelledby={`policy-${policy.id}`}
      className={firing ? "border-danger/40" : undefined}
    >
      <header className="flex flex-wrap items-start justify-between gap-2 px-4 pt-3">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={`policy-${policy.id}`} className="text-sm font-semibold text-foreground">
              {policy.title}
            </h3>
            <Badge tone="accent" title="Defined and evaluated by Meridian (lib/alerts/policies.ts)">
              portal
            </Badge>
            <Badge tone="neutral">{policy.severity.toLowerCase()}</Badge>
          </div>
          <p className="text-xs text-muted">
            {policy.description} Fires when the value is{" "}
            <span className="text-foreground">{policy.condition}</span>.
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2 text-xs text-muted" data-testid="policy-summary">
          {firingIn.length ? <span>in {firingIn.join(", ")}</span> : null}
          {firing ? (
            <AlertStateBadge state="firing" />
          ) : overall ? (
            <AlertStateBadge state={overall.state} />
          ) : null}
        </div>
      </header>
      <div className="grid gap-3 px-4 py-3 lg:grid-cols-[minmax(0,5fr)_minmax(0,4fr)]">
        <div className="min-w-0 space-y-2">
          <ThresholdEditor service={service} policy={policy} canEdit={canEdit} />
          {policy.error ? (
            <p className="text-xs text-danger">Values could not be read: {policy.error}</p>
          ) : null}
          <Table bare>
            <TableHead>
              <TableRow>
                <TableHeader>Region</TableHeader>
                <TableHeader>State</TableHeader>
                <TableHeader>Since</TableHeader>
                <TableHeader className="text-right">Value</TableHeader>
                <TableHeader>Last fired</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {policy.states.map((s) => (
                <TableRow key={s.region} data-region={s.region} data-state={s.state}>
                  <TableCell className="font-mono text-xs">
                    {s.region === ALL_REGIONS ? "all regions" : s.region}
                  </TableCell>
                  <TableCell>
                    <AlertStateBadge state={s.state} />
                  </TableCell>
                  <TableCell
                    className="text-xs text-muted"
                    title={s.since ? formatDateTime(s.since) : undefined}
                  >
                    {s.since ? `${s.sinceAtLeast ? "over " : ""}${ago(s.since, now)}` : "not evaluated yet"}
                  </TableCell>
                  <TableCell className="text-right font-mono text-xs tabular-nums">
                    {formatAlertValue(s.value, policy.format)}
                  </TableCell>
                  <TableCell
                    className="text-xs text-muted"
                    title={s.lastFiredAt ? formatDateTime(s.lastFiredAt) : undefined}
                  >
                    {s.lastFiredAt ? ago(s.lastFiredAt, now) : "never"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <div className="min-w-0">
          <PolicyChart policy={policy} />
        </div>
      </div>
    </Card>
  );
}
