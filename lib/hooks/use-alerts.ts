"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FleetAlerts, ServiceAlerts } from "@/lib/alerts/alert-api";
import type { AlertStateName } from "@/lib/alerts/types";
import { apiFetch } from "@/lib/query-client";

/** How often alert views, the header count and the navigation count refresh. */
export const ALERTS_REFRESH_MS = 10_000;

export const serviceAlertsKey = (name: string) => ["service", name, "alerts"] as const;
export const fleetAlertsKey = (state: AlertStateName) => ["alerts", state] as const;

/** A service's alerts (GET /api/services/{name}/alerts), refreshed every 10 s. */
export function useServiceAlerts(name: string) {
  return useQuery({
    queryKey: serviceAlertsKey(name),
    queryFn: ({ signal }) =>
      apiFetch<ServiceAlerts>(`/api/services/${encodeURIComponent(name)}/alerts`, { signal }),
    refetchInterval: ALERTS_REFRESH_MS,
  });
}

/** The fleet's alerts in one state (GET /api/alerts), refreshed every 10 s; shared by every count. */
export function useFleetAlerts(state: AlertStateName = "firing") {
  return useQuery({
    queryKey: fleetAlertsKey(state),
    queryFn: ({ signal }) => apiFetch<FleetAlerts>(`/api/alerts?state=${state}`, { signal }),
    refetchInterval: ALERTS_REFRESH_MS,
  });
}

export interface ThresholdResult {
  service: string;
  policyId: string;
  threshold: number;
  defaultThreshold: number;
  overridden: boolean;
}

/** Sets (a number; anything else is sent as typed and refused by name) or resets (null) a threshold. */
export function useSetThreshold(name: string, policyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (threshold: number | string | null) =>
      apiFetch<ThresholdResult>(
        `/api/services/${encodeURIComponent(name)}/alerts/${encodeURIComponent(policyId)}`,
        threshold === null ? { method: "DELETE" } : { method: "PUT", json: { threshold } },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: serviceAlertsKey(name) }),
  });
}
