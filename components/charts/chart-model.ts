import { ALL_REGIONS, type TileData } from "@/lib/dashboards/dashboard-response";
import { ALL_REGIONS_COLOR, regionColor } from "./region-colors";

// What a tile draws, independent of pixels: the visible series aligned on one time axis, stacked
// when the tile says so, and the value range. Nulls stay null: a gap, never a zero.

export interface ChartSeries {
  /** Unique within the tile: region, dataset and group values. */
  key: string;
  region: string;
  /** "us-east4", "us-east4 · 5xx", "All regions". */
  label: string;
  color: string;
  isAll: boolean;
  /** SVG dash pattern telling apart several lines of one region. */
  dash?: string;
  /** Fill opacity of a stacked layer (several groups of one region get lighter shades). */
  fillOpacity: number;
  /** One value per model time; null where the series has no point. */
  values: (number | null)[];
  /** Stacked charts: the layer's bottom and top per time (null where the layer has no value). */
  base?: (number | null)[];
  top?: (number | null)[];
}

export interface ChartModel {
  times: number[];
  series: ChartSeries[];
  stacked: boolean;
  /** Smallest and largest drawn value (tops of stacks included); ±Infinity when nothing is drawn. */
  min: number;
  max: number;
  /** Regions with data on this tile (ALL_REGIONS excluded), sorted. */
  regions: string[];
}

const dashes = [undefined, "6 3", "2 3", "8 3 2 3"];
const shades = [0.55, 0.35, 0.22, 0.14];

function groupText(group: Record<string, string>): string {
  return Object.values(group).join(" · ");
}

/** Builds the drawable model of a tile; `hidden` holds region names and possibly ALL_REGIONS. */
export function buildChartModel(tile: TileData, hidden: ReadonlySet<string>): ChartModel {
  const stacked = tile.chart !== "line";
  const multiDataset = tile.datasets.length > 1;
  const times = [...new Set(tile.series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const indexOf = new Map(times.map((t, i) => [t, i]));
  const align = (points: [number, number | null][]) => {
    const values: (number | null)[] = times.map(() => null);
    for (const [t, v] of points) values[indexOf.get(t) ?? 0] = v;
    return values;
  };

  const regions = [...new Set(tile.series.map((s) => s.region))].filter((r) => r !== ALL_REGIONS).sort();
  const regional = tile.series
    .filter((s) => s.region !== ALL_REGIONS && !hidden.has(s.region))
    .map((s) => ({ s, sub: [multiDataset ? s.dataset : "", groupText(s.group)].filter(Boolean).join(" · ") }))
    .sort((a, b) => a.s.region.localeCompare(b.s.region) || a.sub.localeCompare(b.sub));

  const nthOfRegion = new Map<string, number>();
  const series: ChartSeries[] = regional.map(({ s, sub }) => {
    const n = nthOfRegion.get(s.region) ?? 0;
    nthOfRegion.set(s.region, n + 1);
    return {
      key: `${s.region}|${s.dataset}|${sub}`,
      region: s.region,
      label: sub ? `${s.region} · ${sub}` : s.region,
      color: regionColor(s.region),
      isAll: false,
      dash: stacked ? undefined : dashes[n % dashes.length],
      fillOpacity: shades[n % shades.length] ?? 0.3,
      values: align(s.points),
    };
  });

  if (stacked) {
    const running: (number | null)[] = times.map(() => null);
    for (const layer of series) {
      layer.base = running.map((r, i) => (layer.values[i] == null ? null : (r ?? 0)));
      layer.top = layer.values.map((v, i) => (v == null ? null : (running[i] ?? 0) + v));
      layer.top.forEach((t, i) => {
        if (t != null) running[i] = t;
      });
    }
  }

  if (!hidden.has(ALL_REGIONS)) series.push(...allSeries(tile, stacked, align));

  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const v of s.top ?? s.values) {
      if (v == null || !Number.isFinite(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return { times, series, stacked, min, max, regions };
}

/** The combined series: one thick neutral line per dataset and group, or one total on a stack. */
function allSeries(
  tile: TileData,
  stacked: boolean,
  align: (points: [number, number | null][]) => (number | null)[],
): ChartSeries[] {
  const all = tile.series.filter((s) => s.region === ALL_REGIONS);
  if (all.length === 0) return [];
  const base = { region: ALL_REGIONS, color: ALL_REGIONS_COLOR, isAll: true, fillOpacity: 0 };
  if (stacked) {
    const columns = all.map((s) => align(s.points));
    const values = (columns[0] ?? []).map((_, i) => {
      const present = columns.map((c) => c[i]).filter((v): v is number => v != null);
      return present.length ? present.reduce((a, b) => a + b, 0) : null;
    });
    return [{ ...base, key: `${ALL_REGIONS}|total`, label: "All regions", values }];
  }
  return all.map((s, n) => {
    const sub = [tile.datasets.length > 1 ? s.dataset : "", groupText(s.group)].filter(Boolean).join(" · ");
    return {
      ...base,
      key: `${ALL_REGIONS}|${s.dataset}|${sub}`,
      label: sub ? `All regions · ${sub}` : "All regions",
      dash: dashes[n % dashes.length],
      values: align(s.points),
    };
  });
}

/** The latest, smallest and largest non-null value of a series, for summaries. */
export function summarise(values: readonly (number | null)[]) {
  let latest: number | null = null;
  let min: number | null = null;
  let max: number | null = null;
  for (const v of values) {
    if (v == null) continue;
    latest = v;
    min = min === null ? v : Math.min(min, v);
    max = max === null ? v : Math.max(max, v);
  }
  return { latest, min, max };
}
