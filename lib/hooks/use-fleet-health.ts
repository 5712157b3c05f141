"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DashboardRange } from "@/lib/dashboards/dashboard-response";
import type { FleetHealth } from "@/lib/dashboards/fleet-health";
import { apiFetch } from "@/lib/query-client";
import { DASHBOARD_REFRESH_MS } from "./use-service-dashboard";

/** ["fleet", "health", range] */
export const fleetHealthKey = (range: DashboardRange) => ["fleet", "health", range] as const;

/** Every service's region strip, refreshed every 30 s unless `paused`. */
export function useFleetHealth(range: DashboardRange, options: { paused?: boolean } = {}) {
  return useQuery({
    queryKey: fleetHealthKey(range),
    queryFn: ({ signal }) => apiFetch<FleetHealth>(`/api/fleet/health?range=${range}`, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: options.paused ? false : DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
