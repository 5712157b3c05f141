import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ErrorIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { ALL_REGIONS, type DashboardResponse, type TileData } from "@/lib/dashboards/dashboard-response";
import { formatMetric, metricFormat } from "@/lib/dashboards/format-metric";

/** Grid classes for a tile's mosaic width (12 columns): full, two-thirds, half, third, quarter. */
const spans: [number, string][] = [
  [12, "col-span-12"],
  [8, "col-span-12 lg:col-span-8"],
  [6, "col-span-12 md:col-span-6"],
  [4, "col-span-12 md:col-span-6 lg:col-span-4"],
  [3, "col-span-12 sm:col-span-6 lg:col-span-3"],
];

export function tileSpan(width: number): string {
  return (spans.find(([w]) => width >= w) ?? spans[spans.length - 1]!)[1];
}

/** Chart height in pixels for a tile's mosaic height (the layout's default 4 → 180 px). */
export const tileChartHeight = (height: number) => Math.max(140, Math.min(320, height * 45));

/** The combined series' latest value (a stack's total) within the last 10 steps; null for none. */
export function latestCombined(tile: TileData): number | null {
  const all = tile.series.filter((s) => s.region === ALL_REGIONS && s.dataset === tile.datasets[0]?.label);
  if (all.length === 0 || (tile.chart === "line" && all.length > 1)) return null;
  const length = all[0]?.points.length ?? 0;
  for (let i = length - 1; i >= Math.max(0, length - 10); i--) {
    const values = all.map((s) => s.points[i]?.[1]).filter((v): v is number => v != null);
    if (values.length) return values.reduce((a, b) => a + b, 0);
  }
  return null;
}

export interface DashboardTileProps {
  tile: TileData;
  window: DashboardResponse["window"];
  hidden: ReadonlySet<string>;
  onRetry: () => void;
  retrying: boolean;
}

/** A tile's card: the chart, or the tile's own error with a Retry button (other tiles still draw). */
export function DashboardTile({ tile, window, hidden, onRetry, retrying }: DashboardTileProps) {
  const height = tileChartHeight(tile.height);
  const latest = tile.error ? null : latestCombined(tile);
  return (
    <Card
      className={cn("flex flex-col", tileSpan(tile.width))}
      data-tile={tile.id}
      aria-labelledby={`tile-${tile.id}`}
    >
      <header className="flex items-baseline justify-between gap-2 px-4 pt-3">
        <h3 id={`tile-${tile.id}`} className="truncate text-sm font-medium text-foreground">
          {tile.title}
        </h3>
        {latest !== null && (
          <span className="shrink-0 text-xs text-muted" title="All regions, latest value">
            now{" "}
            <span className="font-mono text-foreground tabular-nums">
              {formatMetric(latest, metricFormat(tile))}
            </span>
          </span>
        )}
      </header>
      <div className="px-2 pt-1 pb-2">
        {tile.error ? (
          <div
            role="alert"
            className="flex flex-col items-center justify-center gap-2 px-4 text-center"
            style={{ minHeight: height }}
          >
            <ErrorIcon className="size-5 text-danger" />
            <p className="text-sm font-medium text-foreground">This chart could not be loaded</p>
            <p className="max-w-sm text-xs break-words text-muted">{tile.error}</p>
            <Button size="sm" onClick={onRetry} disabled={retrying} aria-label={`Retry ${tile.title}`}>
              {retrying ? "Retrying…" : "Retry"}
            </Button>
          </div>
        ) : (
          <TimeSeriesChart tile={tile} window={window} hidden={hidden} height={height} />
        )}
      </div>
    </Card>
  );
}

/** A tile-shaped placeholder while the dashboard loads. */
export function DashboardTileSkeleton({ width = 6, height = 4 }: { width?: number; height?: number }) {
  return (
    <Card className={cn("px-4 py-3", tileSpan(width))} aria-hidden>
      <Skeleton className="h-4 w-40" />
      <Skeleton className="mt-3 w-full" style={{ height: tileChartHeight(height) - 12 }} />
    </Card>
  );
}
