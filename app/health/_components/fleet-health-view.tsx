"use client";

import { LoadErrorNotice } from "@/components/dashboards/load-error-notice";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DEFAULT_DASHBOARD_RANGE, dashboardSearch } from "@/components/dashboards/dashboard-url";
import { RangePicker } from "@/components/dashboards/range-picker";
import { RefreshStatus } from "@/components/dashboards/refresh-status";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { DashboardRange } from "@/lib/dashboards/dashboard-response";
import { useFleetHealth } from "@/lib/hooks/use-fleet-health";
import { FleetGrid } from "./fleet-grid";

/** The fleet grid with its range picker, auto-refresh and "only problems" filter, all in the URL. */
export function FleetHealthView({
  initialRange,
  initialOnlyProblems,
  teams,
}: {
  initialRange: DashboardRange;
  initialOnlyProblems: boolean;
  /** Team name → display name. */
  teams: Record<string, string>;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [range, setRange] = useState(initialRange);
  const [onlyProblems, setOnlyProblems] = useState(initialOnlyProblems);
  const [paused, setPaused] = useState(false);
  const query = useFleetHealth(range, { paused });
  const data = query.data;

  function update(next: { range: DashboardRange; onlyProblems: boolean }) {
    setRange(next.range);
    setOnlyProblems(next.onlyProblems);
    const search = new URLSearchParams();
    if (next.range !== DEFAULT_DASHBOARD_RANGE) search.set("range", next.range);
    if (next.onlyProblems) search.set("only", "problems");
    const qs = search.toString();
    startTransition(() => router.replace(qs ? `/health?${qs}` : "/health", { scroll: false }));
  }

  const services = data?.services ?? [];
  const cells = services.flatMap((s) => s.regions);
  const count = (status: string) => cells.filter((c) => c.status === status).length;
  const shown = onlyProblems
    ? services.filter((s) => s.regions.some((r) => r.status === "degraded"))
    : services;
  const hrefFor = (service: string, region: string) =>
    `/services/${service}${dashboardSearch({ range, hide: [] })}${region ? `#region-${region}` : ""}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <RangePicker value={range} onChange={(r) => update({ range: r, onlyProblems })} />
          <Button
            size="sm"
            variant={onlyProblems ? "primary" : "secondary"}
            aria-pressed={onlyProblems}
            onClick={() => update({ range, onlyProblems: !onlyProblems })}
          >
            Only degraded services
          </Button>
        </div>
        <RefreshStatus
          updatedAt={query.dataUpdatedAt}
          fetching={query.isFetching}
          paused={paused}
          onPausedChange={setPaused}
        />
      </div>

      {query.isError && (
        <LoadErrorNotice
          what="fleet health"
          stale={Boolean(data)}
          message={query.error.message}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      )}

      {!data ? (
        query.isError ? null : (
          <div className="space-y-2" aria-busy="true">
            <span className="sr-only">Loading fleet health</span>
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-11 w-full" />
            ))}
          </div>
        )
      ) : (
        <div className={cn("space-y-3 transition-opacity", query.isPlaceholderData && "opacity-60")}>
          <p className="text-sm text-muted" aria-live="polite">
            {services.length} services · {cells.length} service regions:{" "}
            <span className={count("degraded") ? "font-medium text-danger" : ""}>
              {count("degraded")} degraded
            </span>
            , {count("ok")} OK, {count("no-data")} without data
          </p>
          {shown.length === 0 ? (
            <EmptyState
              title={services.length ? "No region is degraded" : "No services yet"}
              description={services.length ? "Every service looks like its other regions." : undefined}
            />
          ) : (
            <FleetGrid services={shown} teams={teams} hrefFor={hrefFor} />
          )}
        </div>
      )}
    </div>
  );
}
