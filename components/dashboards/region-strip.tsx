import { Badge, Chip, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { regionColor } from "@/components/charts/region-colors";
import type { RegionHealth } from "@/lib/dashboards/dashboard-response";
import { formatMetric, type MetricFormat } from "@/lib/dashboards/format-metric";

const rate: MetricFormat = { kind: "rate", noun: "req" };
const ratio: MetricFormat = { kind: "percent", fromRatio: true };
const ms: MetricFormat = { kind: "ms" };

export const statusText: Record<RegionHealth["status"], string> = {
  ok: "OK",
  degraded: "Degraded",
  "no-data": "No data",
};
export const statusTone: Record<RegionHealth["status"], BadgeTone> = {
  ok: "ok",
  degraded: "danger",
  "no-data": "neutral",
};
const edge: Record<RegionHealth["status"], string> = {
  ok: "border-l-ok",
  degraded: "border-l-danger",
  "no-data": "border-l-border-strong",
};

/** One cell per region: requests/s, 5xx ratio, p95 and the status, with the reasons when degraded. */
export function RegionStrip({ regions, className }: { regions: RegionHealth[]; className?: string }) {
  return (
    <ul
      aria-label="Region health"
      className={cn("grid gap-3 [grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))]", className)}
    >
      {regions.map((r) => (
        <RegionCell key={r.region} health={r} />
      ))}
    </ul>
  );
}

function RegionCell({ health }: { health: RegionHealth }) {
  const { region, status, reasons } = health;
  return (
    <li
      id={`region-${region}`}
      data-region={region}
      data-status={status}
      className={cn(
        "min-w-0 rounded-lg border border-l-4 border-border bg-surface px-3.5 py-3 shadow-xs",
        edge[status],
        status === "degraded" && "bg-danger/4",
      )}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-1.5">
          <span
            aria-hidden
            className="size-2.5 shrink-0 rounded-full"
            style={{ backgroundColor: regionColor(region) }}
          />
          <Chip>{region}</Chip>
        </span>
        <Badge
          tone={statusTone[status]}
          dot
          title={reasons.length ? reasons.join("\n") : undefined}
          data-status-badge={status}
        >
          {statusText[status]}
        </Badge>
      </div>
      <dl className="mt-2.5 grid grid-cols-3 gap-2">
        <Metric label="Requests" value={formatMetric(health.requestsPerSecond, rate)} />
        <Metric
          label="5xx"
          value={formatMetric(health.errorRatio, ratio)}
          warn={reasons.some((r) => r.startsWith("5xx"))}
        />
        <Metric
          label="p95"
          value={formatMetric(health.p95Ms, ms)}
          warn={reasons.some((r) => r.startsWith("p95"))}
        />
      </dl>
      {reasons.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-xs text-danger">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Metric({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  const none = value === "no data";
  return (
    <div className="min-w-0">
      <dt className="text-[11px] text-muted">{label}</dt>
      <dd
        className={cn(
          "truncate font-mono text-sm tabular-nums",
          warn ? "font-semibold text-danger" : none ? "text-muted" : "text-foreground",
        )}
      >
        {none ? (
          <>
            <span aria-hidden>—</span>
            <span className="sr-only">no data</span>
          </>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

/** The strip's shape while the first response loads. */
export function RegionStripSkeleton({ count = 3 }: { count?: number }) {
  return (
    <div className="grid gap-3 [grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))]">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-lg border border-border bg-surface px-3.5 py-3">
          <Skeleton className="h-5 w-28" />
          <Skeleton className="mt-3 h-8 w-full" />
        </div>
      ))}
    </div>
  );
}
