"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DashboardRange, DashboardResponse } from "@/lib/dashboards/dashboard-response";
import { apiFetch } from "@/lib/query-client";

/** A dashboard window as the API takes it: a preset, or an explicit from/to (ISO 8601). */
export type DashboardWindowParams =
  | { range: DashboardRange; from?: undefined; to?: undefined }
  | { range?: undefined; from: string; to: string };

/** How often an open dashboard refreshes itself. */
export const DASHBOARD_REFRESH_MS = 30_000;

/** ["service", name, "dashboard", range] or ["service", name, "dashboard", from, to]. */
export function serviceDashboardKey(name: string, window: DashboardWindowParams) {
  return window.range
    ? (["service", name, "dashboard", window.range] as const)
    : (["service", name, "dashboard", window.from, window.to] as const);
}

function dashboardPath(name: string, window: DashboardWindowParams): string {
  const search = new URLSearchParams(
    window.range ? { range: window.range } : { from: window.from, to: window.to },
  );
  return `/api/services/${encodeURIComponent(name)}/dashboard?${search}`;
}

/**
 * A service's dashboard, refreshed every 30 s unless `paused` (an explicit from/to window is fixed
 * and never refreshes). While a new window loads, the previous data stays (isPlaceholderData).
 */
export function useServiceDashboard(
  name: string,
  window: DashboardWindowParams,
  options: { paused?: boolean } = {},
) {
  return useQuery({
    queryKey: serviceDashboardKey(name, window),
    queryFn: ({ signal }) => apiFetch<DashboardResponse>(dashboardPath(name, window), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: options.paused || !window.range ? false : DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
