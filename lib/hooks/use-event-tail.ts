"use client";

import { useEffect, useRef, useState } from "react";
import type { EventView } from "@/lib/events/api";

/** Events a tail keeps on screen; older ones scroll away. */
export const TAIL_KEEP = 200;

export interface TailFilters {
  types: string[];
  regions: string[];
  /** name=value pairs, exact matches. */
  attributes: Record<string, string>;
}

export type TailStatus = "connecting" | "live" | "reconnecting";

export interface EventTail {
  events: EventView[];
  status: TailStatus;
  paused: boolean;
  /** Events that arrived while paused (shown on resume). */
  held: number;
  /** Events the server skipped because this tab fell behind. */
  dropped: number;
  setPaused(paused: boolean): void;
  clear(): void;
}

export function tailUrl(service: string, filters: TailFilters): string {
  const search = new URLSearchParams();
  if (filters.types.length) search.set("type", filters.types.join(","));
  if (filters.regions.length) search.set("region", filters.regions.join(","));
  const attrs = Object.entries(filters.attributes).map(([k, v]) => `${k}=${v}`);
  if (attrs.length) search.set("attr", attrs.join(","));
  const query = search.toString();
  return `/api/services/${encodeURIComponent(service)}/events/stream${query ? `?${query}` : ""}`;
}

/**
 * A service's live tail over Server-Sent Events. EventSource reconnects by itself and sends
 * Last-Event-ID, so nothing published during a short disconnect is missed (embedded bus). Pause
 * holds new events without dropping them; the newest TAIL_KEEP are kept.
 */
export function useEventTail(service: string, filters: TailFilters): EventTail {
  const [events, setEvents] = useState<EventView[]>([]);
  // The connection state of the URL it belongs to: a new URL is "connecting" until it opens.
  const [connection, setConnection] = useState<{ url: string; status: TailStatus } | null>(null);
  const [paused, setPausedState] = useState(false);
  const [held, setHeld] = useState<EventView[]>([]);
  const [dropped, setDropped] = useState(0);
  const pausedRef = useRef(false);
  const url = tailUrl(service, filters);

  useEffect(() => {
    const source = new EventSource(url);
    source.onopen = () => setConnection({ url, status: "live" });
    source.onerror = () => setConnection({ url, status: "reconnecting" });
    source.addEventListener("event", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as EventView;
      if (pausedRef.current) setHeld((list) => [event, ...list].slice(0, TAIL_KEEP));
      else setEvents((list) => [event, ...list].slice(0, TAIL_KEEP));
    });
    source.addEventListener("dropped", (message) => {
      const { count } = JSON.parse((message as MessageEvent<string>).data) as { count: number };
      setDropped((n) => n + count);
    });
    return () => source.close();
  }, [url]);

  return {
    events,
    status: connection?.url === url ? connection.status : "connecting",
    paused,
    held: held.length,
    dropped,
    setPaused(next) {
      pausedRef.current = next;
      setPausedState(next);
      if (!next) {
        setEvents((list) => [...held, ...list].slice(0, TAIL_KEEP));
        setHeld([]);
      }
    },
    clear() {
      setEvents([]);
      setHeld([]);
      setDropped(0);
    },
  };
}
