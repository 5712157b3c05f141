import "server-only";
import type { MetricWindow, MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";

// Every viewer of a dashboard asks the same queries for the same step-aligned window: one upstream
// call answers them all. Identical concurrent calls share one in-flight promise, and a success is kept
// for ttlMs (the dashboard's refresh interval), so N viewers cost one Cloud Monitoring call per tile
// per refresh. Failures are never kept: the next call asks again.

export interface CoalescingOptions {
  /** How long a result is served from memory; defaults to 30 s, the dashboard refresh interval. */
  ttlMs?: number;
  /** Most results kept; the least recently used goes first. Defaults to 500. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export const DEFAULT_METRICS_TTL_MS = 30_000;
const DEFAULT_MAX_ENTRIES = 500;

/** JSON with object keys sorted, so two equal queries built in a different key order share a key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function cacheKey(query: unknown, window: MetricWindow): string {
  return `${stableJson(query)}|${window.from.getTime()}|${window.to.getTime()}|${window.stepSeconds}`;
}

/** Each caller gets its own copy: a caller sorting or filling points in place must not touch the cache. */
function copy(series: RawSeries[]): RawSeries[] {
  return series.map((s) => ({
    region: s.region,
    labels: { ...s.labels },
    points: s.points.map(([t, v]) => [t, v]),
  }));
}

export function coalescingSource(inner: MetricsSource, options: CoalescingOptions = {}): MetricsSource {
  const ttlMs = options.ttlMs ?? DEFAULT_METRICS_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  const cache = new Map<string, { expiresAt: number; series: RawSeries[] }>();
  const inFlight = new Map<string, Promise<RawSeries[]>>();

  function remember(key: string, series: RawSeries[]) {
    if (ttlMs <= 0) return;
    cache.delete(key);
    cache.set(key, { expiresAt: now() + ttlMs, series });
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next();
      if (oldest.done) break;
      cache.delete(oldest.value);
    }
  }

  return {
    kind: inner.kind,
    forget() {
      cache.clear();
    },
    async listTimeSeries(query, window) {
      const key = cacheKey(query, window);
      const hit = cache.get(key);
      if (hit && hit.expiresAt > now()) {
        cache.delete(key);
        cache.set(key, hit);
        return copy(hit.series);
      }
      if (hit) cache.delete(key);

      let pending = inFlight.get(key);
      if (!pending) {
        pending = inner.listTimeSeries(query, window).then(
          (series) => {
            inFlight.delete(key);
            remember(key, series);
            return series;
          },
          (error: unknown) => {
            inFlight.delete(key);
            throw error;
          },
        );
        inFlight.set(key, pending);
      }
      return copy(await pending);
    },
  };
}
