import "server-only";
import type { TileData } from "@/lib/dashboards/dashboard-response";
import type { Dataset, Tile } from "@/lib/dashboards/types";
import type { MetricWindow, MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { log } from "@/server/observability/logger";
import { buildTileSeries, type DatasetResult } from "./build-tile-series";

// Fills tiles with data: every query of every tile is sent at once, one call per query (the
// source answers all regions in one call). A tile whose query fails carries the error and no
// series; the others are unaffected.

async function fetchDataset(
  source: MetricsSource,
  dataset: Dataset,
  window: MetricWindow,
): Promise<DatasetResult> {
  if ("query" in dataset)
    return { label: dataset.label, series: await source.listTimeSeries(dataset.query, window) };
  const [numerator, denominator] = await Promise.all([
    source.listTimeSeries(dataset.ratio.numerator, window),
    source.listTimeSeries(dataset.ratio.denominator, window),
  ]);
  return { label: dataset.label, numerator, denominator };
}

function tileData(
  tile: Tile,
  result: PromiseSettledResult<DatasetResult[]>,
  window: MetricWindow,
  regions: readonly string[],
): TileData {
  const { datasets, ...rest } = tile;
  const labels = datasets.map((d) => ({ label: d.label }));
  if (result.status === "fulfilled")
    return {
      ...rest,
      datasets: labels,
      series: buildTileSeries(result.value, tile.combine, window, regions),
    };
  const reason: unknown = result.reason;
  return {
    ...rest,
    datasets: labels,
    series: [],
    error: reason instanceof Error ? reason.message : String(reason),
  };
}

/**
 * Every tile with its data, in the order given. `regions` orders the series (the service's
 * regions first). `context` names the service in the log line of a failed tile.
 */
export async function loadTiles(
  source: MetricsSource,
  tiles: readonly Tile[],
  window: MetricWindow,
  regions: readonly string[],
  context: string,
): Promise<TileData[]> {
  const results = await Promise.allSettled(
    tiles.map((tile) => Promise.all(tile.datasets.map((d) => fetchDataset(source, d, window)))),
  );
  return tiles.map((tile, i) => {
    const result = results[i]!;
    if (result.status === "rejected")
      log.warn(`metrics for tile ${tile.id} of ${context} failed`, result.reason);
    return tileData(tile, result, window, regions);
  });
}
