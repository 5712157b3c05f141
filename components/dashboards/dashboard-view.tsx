"use client";

import { usePathname, useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { CursorProvider } from "@/components/charts/cursor-context";
import { IncidentMarkersProvider, type IncidentMarker } from "@/components/charts/incident-markers";
import { RegionLegend } from "@/components/charts/region-legend";
import { formatInstant } from "@/components/charts/chart-scale";
import { cn } from "@/components/ui/cn";
import type { DashboardRange, DashboardResponse } from "@/lib/dashboards/dashboard-response";
import { useServiceReplays } from "@/lib/hooks/use-replay";
import { useServiceAlerts } from "@/lib/hooks/use-alerts";
import { useServiceDashboard, type DashboardWindowParams } from "@/lib/hooks/use-service-dashboard";
import { DashboardSection, DashboardSectionsSkeleton } from "./dashboard-section";
import { LoadErrorNotice } from "./load-error-notice";
import { dashboardSearch, type DashboardUrlState } from "./dashboard-url";
import { RangePicker } from "./range-picker";
import { RefreshStatus } from "./refresh-status";
import { RegionStrip, RegionStripSkeleton } from "./region-strip";

export interface DashboardViewProps {
  /** The service's name, as in the URL. */
  service: string;
  /** The parsed URL: range (or from/to) and hidden regions. */
  initial: DashboardUrlState;
}

const sourceNames: Record<DashboardResponse["source"], string> = {
  embedded: "embedded metrics store (demo traffic)",
  "cloud-monitoring": "Cloud Monitoring",
};

/**
 * The Health tab: the region strip, the legend and every section of the shared dashboard layout,
 * refreshed every 30 s. Range and hidden regions live in the URL (range via router.replace; the
 * legend rewrites the URL in place, without a server round trip).
 */
export function DashboardView({ service, initial }: DashboardViewProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  const [state, setState] = useState<DashboardUrlState>(initial);
  const [paused, setPaused] = useState(false);

  const windowParams: DashboardWindowParams =
    state.from && state.to ? { from: state.from, to: state.to } : { range: state.range };
  const query = useServiceDashboard(service, windowParams, { paused });
  const data = query.data;
  const hidden = useMemo(() => new Set(state.hide), [state.hide]);
  // The service's alert incidents, marked on every chart.
  // The service's alert incidents and the replays sent to it, marked on every chart.
  const incidents = useServiceAlerts(service).data?.incidents;
  const replays = useServiceReplays(service).data;
  const markers = useMemo<IncidentMarker[]>(
    () => [
      ...(incidents ?? []).map((i) => ({
        id: i.id,
        from: Date.parse(i.startedAt),
        to: i.endedAt ? Date.parse(i.endedAt) : null,
        region: i.region,
        label: `${i.title} fired in ${i.region === "all" ? "all regions" : i.region}`,
      })),
      ...(replays ?? [])
        .filter((r) => r.startedAt)
        .map((r) => ({
          id: r.id,
          kind: "replay" as const,
          from: Date.parse(r.startedAt!),
          to: r.finishedAt ? Date.parse(r.finishedAt) : null,
          region: "all",
          label: `Replay by ${r.requestedBy}: ${r.sent} of ${r.total} events (${r.status})`,
        })),
    ],
    [incidents, replays],
  );

  function changeRange(range: DashboardRange) {
    const next: DashboardUrlState = { range, hide: state.hide };
    setState(next);
    startTransition(() => router.replace(`${pathname}${dashboardSearch(next)}`, { scroll: false }));
  }

  function toggleRegion(region: string) {
    const hide = hidden.has(region) ? state.hide.filter((r) => r !== region) : [...state.hide, region];
    const next = { ...state, hide };
    setState(next);
    // In place: Next.js syncs useSearchParams with history.replaceState, and nothing refetches.
    window.history.replaceState(null, "", `${pathname}${dashboardSearch(next)}`);
  }

  const fixedWindow = Boolean(state.from && state.to);
  const retry = () => void query.refetch();

  return (
    <div className="space-y-5" data-testid="dashboard-view">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <RangePicker value={fixedWindow ? null : state.range} onChange={changeRange} />
          {fixedWindow && data && (
            <span className="text-xs text-muted">
              {formatInstant(Date.parse(data.window.from))} – {formatInstant(Date.parse(data.window.to))}
            </span>
          )}
        </div>
        <RefreshStatus
          updatedAt={query.dataUpdatedAt}
          fetching={query.isFetching}
          paused={paused}
          onPausedChange={setPaused}
          canRefresh={!fixedWindow}
        />
      </div>

      {query.isError && (
        <LoadErrorNotice
          what="the dashboard"
          stale={Boolean(data)}
          message={query.error.message}
          retrying={query.isFetching}
          onRetry={retry}
        >
          {data && <p>Showing the data from {formatInstant(query.dataUpdatedAt)}.</p>}
        </LoadErrorNotice>
      )}

      {!data ? (
        query.isError ? null : (
          <div className="space-y-6" aria-busy="true">
            <span className="sr-only">Loading the dashboard</span>
            <RegionStripSkeleton />
            <DashboardSectionsSkeleton />
          </div>
        )
      ) : (
        <IncidentMarkersProvider value={markers}>
          <CursorProvider>
            <div
              className={cn("space-y-6 transition-opacity", query.isPlaceholderData && "opacity-60")}
              aria-busy={query.isPlaceholderData}
              data-range={data.window.range ?? "custom"}
            >
              <RegionStrip regions={data.regions} />
              <RegionLegend
                regions={data.regions.map((r) => r.region)}
                hidden={hidden}
                onToggle={toggleRegion}
                className="sticky top-14 z-20 -mx-1 bg-background/85 px-1 py-1.5 backdrop-blur"
              />
              {data.sections.map((section) => (
                <DashboardSection
                  key={section.id}
                  section={section}
                  window={data.window}
                  hidden={hidden}
                  onRetry={retry}
                  retrying={query.isFetching}
                />
              ))}
              <footer className="border-t border-border pt-3 text-xs text-muted">
                Data: {sourceNames[data.source]} · {formatInstant(Date.parse(data.window.from))} to{" "}
                {formatInstant(Date.parse(data.window.to))}, one point every{" "}
                {stepText(data.window.stepSeconds)} · {data.displayName}
              </footer>
            </div>
          </CursorProvider>
        </IncidentMarkersProvider>
      )}
    </div>
  );
}

function stepText(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? "hour" : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? "minute" : `${seconds / 60} minutes`;
  return `${seconds} s`;
}
