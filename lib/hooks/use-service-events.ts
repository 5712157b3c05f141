"use client";

import { useQuery } from "@tanstack/react-query";
import type { ServiceEvents } from "@/lib/events/api";
import { apiFetch } from "@/lib/query-client";

/** How often the Events tab refreshes delivery health. */
export const EVENTS_REFRESH_MS = 10_000;

export const serviceEventsKey = (name: string) => ["service", name, "events"] as const;

/** A service's event types, triggers and delivery health, refreshed every 10 s. */
export function useServiceEvents(name: string, initialData?: ServiceEvents) {
  return useQuery({
    queryKey: serviceEventsKey(name),
    queryFn: ({ signal }) =>
      apiFetch<ServiceEvents>(`/api/services/${encodeURIComponent(name)}/events`, { signal }),
    initialData,
    refetchInterval: EVENTS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
