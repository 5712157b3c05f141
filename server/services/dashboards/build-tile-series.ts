import "server-only";
import { ALL_REGIONS, type SeriesData } from "@/lib/dashboards/dashboard-response";
import type { Combine } from "@/lib/dashboards/types";
import type { MetricWindow, RawSeries } from "@/server/integrations/metrics/metrics-source";

// The arithmetic of a tile: raw series onto the window's step grid, one SeriesData per
// (region, group), and the ALL_REGIONS series per group by the tile's `combine`.

/** What the source answered for one dataset of a tile. */
export type DatasetResult =
  | { label: string; series: RawSeries[] }
  | { label: string; numerator: RawSeries[]; denominator: RawSeries[] };

type Values = (number | null)[];

interface Cell {
  region: string;
  group: Record<string, string>;
  values: Values;
}

/** The step ends of the window: from + step, …, to. */
export function timeGrid(window: MetricWindow): number[] {
  const step = window.stepSeconds * 1000;
  const grid: number[] = [];
  for (let t = window.from.getTime() + step; t <= window.to.getTime(); t += step) grid.push(t);
  return grid;
}

/** Sum, max or mean of the values present; null only when none is. */
export function combineValues(
  values: readonly (number | null | undefined)[],
  how: Exclude<Combine, "ratio">,
) {
  const present = values.filter((v): v is number => v !== null && v !== undefined);
  if (!present.length) return null;
  if (how === "max") return Math.max(...present);
  const sum = present.reduce((a, b) => a + b, 0);
  return how === "mean" ? sum / present.length : sum;
}

/**
 * numerator / denominator for one step: null when the denominator is missing or 0. A missing
 * numerator is 0 (Cloud Monitoring has no 5xx series at all when nothing failed).
 */
export function ratioValue(numerator: number | null | undefined, denominator: number | null | undefined) {
  if (denominator === null || denominator === undefined || denominator === 0) return null;
  return (numerator ?? 0) / denominator;
}

const groupKey = (group: Record<string, string>) =>
  JSON.stringify(Object.entries(group).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const cellKey = (region: string, group: Record<string, string>) => `${region}\u0000${groupKey(group)}`;

/** Puts each point on the step it ends (points outside the window are dropped; non-finite values are gaps). */
function onGrid(points: RawSeries["points"], window: MetricWindow, length: number): Values {
  const values: Values = Array.from({ length }, () => null);
  const from = window.from.getTime();
  const step = window.stepSeconds * 1000;
  for (const [t, v] of points) {
    const index = Math.ceil((t - from) / step) - 1;
    if (index >= 0 && index < length && v !== null && Number.isFinite(v)) values[index] = v;
  }
  return values;
}

/** One cell per (region, group); two raw series of the same cell are merged by `merge`. */
function cells(series: RawSeries[], window: MetricWindow, length: number, merge: Exclude<Combine, "ratio">) {
  const out = new Map<string, Cell>();
  for (const raw of series) {
    const key = cellKey(raw.region, raw.labels);
    const values = onGrid(raw.points, window, length);
    const seen = out.get(key);
    if (seen) seen.values = seen.values.map((v, i) => combineValues([v, values[i]], merge));
    else out.set(key, { region: raw.region, group: { ...raw.labels }, values });
  }
  return out;
}

/** Groups cells by their group, across regions. */
function byGroup(all: Iterable<Cell>): Map<string, Cell[]> {
  const out = new Map<string, Cell[]>();
  for (const cell of all) {
    const key = groupKey(cell.group);
    out.set(key, [...(out.get(key) ?? []), cell]);
  }
  return out;
}

function plainSeries(series: RawSeries[], combine: Combine, window: MetricWindow, length: number) {
  // A plain query on a "ratio" tile has nothing to divide: its regions are averaged.
  const how = combine === "ratio" ? "mean" : combine;
  const regional = [...cells(series, window, length, how).values()];
  const all = [...byGroup(regional).values()].map((group) => ({
    region: ALL_REGIONS,
    group: group[0]!.group,
    values: Array.from({ length }, (_, i) =>
      combineValues(
        group.map((c) => c.values[i]),
        how,
      ),
    ),
  }));
  return { regional, all };
}

function ratioSeries(numerator: RawSeries[], denominator: RawSeries[], window: MetricWindow, length: number) {
  const nums = cells(numerator, window, length, "sum");
  const dens = cells(denominator, window, length, "sum");
  const pairs = [...new Set([...nums.keys(), ...dens.keys()])].map((key) => {
    const cell = (nums.get(key) ?? dens.get(key))!;
    return { region: cell.region, group: cell.group, num: nums.get(key)?.values, den: dens.get(key)?.values };
  });
  const regional: Cell[] = pairs.map((p) => ({
    region: p.region,
    group: p.group,
    values: Array.from({ length }, (_, i) => ratioValue(p.num?.[i], p.den?.[i])),
  }));
  // All regions: the sum of the numerators over the sum of the denominators, over the regions
  // whose denominator is present at that step.
  const groups = new Map<string, typeof pairs>();
  for (const p of pairs) groups.set(groupKey(p.group), [...(groups.get(groupKey(p.group)) ?? []), p]);
  const all: Cell[] = [...groups.values()].map((group) => ({
    region: ALL_REGIONS,
    group: group[0]!.group,
    values: Array.from({ length }, (_, i) => {
      const counted = group.filter((p) => p.den?.[i] !== null && p.den?.[i] !== undefined);
      if (!counted.length) return null;
      return ratioValue(
        counted.reduce((s, p) => s + (p.num?.[i] ?? 0), 0),
        counted.reduce((s, p) => s + p.den![i]!, 0),
      );
    }),
  }));
  return { regional, all };
}

/**
 * Every SeriesData of a tile: per dataset, the ALL_REGIONS series first, then each region (in
 * `regionOrder`, unknown regions after it by name), groups by their labels.
 */
export function buildTileSeries(
  datasets: DatasetResult[],
  combine: Combine,
  window: MetricWindow,
  regionOrder: readonly string[],
): SeriesData[] {
  const grid = timeGrid(window);
  const rank = (region: string) => {
    const i = regionOrder.indexOf(region);
    return i === -1 ? regionOrder.length : i;
  };
  const order = (a: Cell, b: Cell) =>
    rank(a.region) - rank(b.region) ||
    (a.region < b.region ? -1 : a.region > b.region ? 1 : 0) ||
    (groupKey(a.group) < groupKey(b.group) ? -1 : groupKey(a.group) > groupKey(b.group) ? 1 : 0);
  return datasets.flatMap((dataset) => {
    const { regional, all } =
      "series" in dataset
        ? plainSeries(dataset.series, combine, window, grid.length)
        : ratioSeries(dataset.numerator, dataset.denominator, window, grid.length);
    return [...all.sort(order), ...regional.sort(order)].map((cell): SeriesData => ({
      region: cell.region,
      dataset: dataset.label,
      group: cell.group,
      points: grid.map((t, i) => [t, cell.values[i] ?? null]),
    }));
  });
}
