import "server-only";
import type { RegionHealth, SeriesData, TileData } from "@/lib/dashboards/dashboard-response";
import { combineValues } from "./build-tile-series";
import { detectDegradedRegions, type DegradedOptions } from "./detect-degraded-regions";

// The region strip, from the filled tiles: requests/s, 5xx ratio and p95 latency per region, and
// the degraded rule across regions. The fleet view computes the same from the three tiles alone.

/** The tiles the region strip reads (see lib/dashboards/service-layout.ts). */
export const HEALTH_TILE_IDS = ["request-count", "error-ratio", "latency-p95"] as const;

/** Steps at the end of the window that count as "now". */
const LOOKBACK_STEPS = 10;
/** How many of the latest values the 5xx ratio and p95 are averaged over. */
const RECENT_POINTS = 5;

/** The mean of the last `count` non-null values among the last `lookback` steps; null for none. */
function recentMean(values: readonly (number | null)[], lookback: number, count: number): number | null {
  const recent = values
    .slice(-lookback)
    .filter((v): v is number => v !== null)
    .slice(-count);
  return recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
}

/** The region's series of a tile's first dataset, folded over groups per step (null: no series). */
function regionValues(
  tile: TileData | undefined,
  region: string,
  how: "sum" | "max",
): (number | null)[] | null {
  const dataset = tile?.datasets[0]?.label;
  const series: SeriesData[] = (tile?.series ?? []).filter(
    (s) => s.region === region && s.dataset === dataset,
  );
  const first = series[0];
  if (!first) return null;
  return first.points.map((_, i) =>
    combineValues(
      series.map((s) => s.points[i]?.[1]),
      how,
    ),
  );
}

const recent = (values: (number | null)[] | null, count: number) =>
  values ? recentMean(values, LOOKBACK_STEPS, count) : null;

const hasData = (tiles: readonly TileData[], region: string) =>
  tiles.some((t) => t.series.some((s) => s.region === region && s.points.some(([, v]) => v !== null)));

/**
 * One RegionHealth per region of the service, in its order. With the HTTP tiles: requests/s is the
 * mean of the last 10 steps (summed over response classes), the 5xx ratio and p95 the mean of the
 * latest 5 values among them; a region with none of the three has no data. Without them (cron
 * jobs): "ok" when any tile has a value for the region in the window, else "no-data".
 */
export function computeRegionHealth(
  regions: readonly string[],
  tiles: readonly TileData[],
  options: DegradedOptions = {},
): RegionHealth[] {
  const byId = new Map(tiles.map((t) => [t.id, t]));
  const [requests, errors, p95] = HEALTH_TILE_IDS.map((id) => byId.get(id));
  if (!requests && !errors && !p95)
    return regions.map((region) => ({
      region,
      requestsPerSecond: null,
      errorRatio: null,
      p95Ms: null,
      status: hasData(tiles, region) ? "ok" : "no-data",
      reasons: [],
    }));
  const signals = regions.map((region) => ({
    region,
    requestsPerSecond: recent(regionValues(requests, region, "sum"), LOOKBACK_STEPS),
    errorRatio: recent(regionValues(errors, region, "max"), RECENT_POINTS),
    p95Ms: recent(regionValues(p95, region, "max"), RECENT_POINTS),
  }));
  const verdicts = detectDegradedRegions(signals, options);
  return signals.map((s, i) => {
    const reasons = verdicts[i]?.reasons ?? [];
    const noData = s.requestsPerSecond === null && s.errorRatio === null && s.p95Ms === null;
    return { ...s, status: noData ? "no-data" : reasons.length ? "degraded" : "ok", reasons };
  });
}
