import "server-only";
import type { Aligner, MetricQuery, Reducer } from "@/lib/dashboards/types";
import type { RawSeries } from "@/server/integrations/metrics/metrics-source";
import { groupByFields, percentileOf, type PointRow, type SelectedRow, type StepGrid } from "./build-query";
import { addInto, emptyDense, quantile } from "./histogram";

// Cloud Monitoring's aggregation over the points readPoints returned, for one query:
//   1. each point is split over the steps it overlaps (share = overlap / point length), so a
//      roll-up read at a 60 s step spreads evenly over its ten steps instead of landing on one;
//   2. per series and step, the aligner (rate, delta, sum, mean, max) over its shares;
//   3. per (region, group, step), the reducer across those series (sum, mean, max, or a
//      percentile_cont of their values, as PostgreSQL computes it); for percentiles of
//      distributions instead, the series' histograms are merged per (region, group, step) and the
//      percentile is read off the merge (never an average of percentiles).
// The answer has one RawSeries per region and group that has a point in the window, with a value
// (null when the step has no data) at the end of every step.

export type PointsBySeries = ReadonlyMap<number, readonly PointRow[]>;

/** Merged histograms of one series selection, by group: reusable by every percentile of it. */
export type MergedHistograms = Map<string, Group<(number[] | undefined)[]>>;

interface Group<T> {
  region: string;
  g: string[];
  steps: T;
}

/** Whether `query` is answered by merging histograms (a percentile of a distribution's deltas). */
export function mergesHistograms(query: MetricQuery, distribution: boolean): boolean {
  return (
    distribution &&
    percentileOf(query.reducer) !== null &&
    (query.aligner === "ALIGN_DELTA" || query.aligner === "ALIGN_SUM")
  );
}

/** Queries that select the same series the same way merge the same histograms. */
export const histogramKey = (query: MetricQuery): string =>
  JSON.stringify([query.metricType, query.resourceType, query.filter, query.region, query.groupBy]);

const groupKey = (row: SelectedRow) => JSON.stringify([row.region, ...row.g]);

/** First and last step (1-based, clipped to the grid) a point overlaps. */
function stepRange(p: PointRow, grid: StepGrid): [number, number] {
  const step = grid.stepSeconds;
  return [Math.max(1, Math.floor(p.a / step) + 1), Math.min(grid.steps, Math.ceil((p.a + p.res) / step))];
}

/** The part of a point that falls into step k. */
const shareOf = (p: PointRow, k: number, step: number) =>
  (Math.min(p.a + p.res, k * step) - Math.max(p.a, (k - 1) * step)) / p.res;

/** Adds every histogram of `selected` into one histogram per (region, group, step). */
export function mergeHistograms(
  selected: readonly SelectedRow[],
  points: PointsBySeries,
  grid: StepGrid,
): MergedHistograms {
  const groups: MergedHistograms = new Map();
  for (const series of selected) {
    const key = groupKey(series);
    for (const p of points.get(series.id) ?? []) {
      if (!p.buckets?.length) continue;
      const [first, last] = stepRange(p, grid);
      for (let k = first; k <= last; k++) {
        const share = shareOf(p, k, grid.stepSeconds);
        if (!(share > 0)) continue;
        let group = groups.get(key);
        if (!group)
          groups.set(key, (group = { region: series.region, g: series.g, steps: new Array(grid.steps + 1) }));
        addInto((group.steps[k] ??= emptyDense()), { offset: p.o, counts: p.buckets }, share);
      }
    }
  }
  return groups;
}

/** A percentile of merged histograms: one RawSeries per group. */
export function percentileSeries(query: MetricQuery, merged: MergedHistograms, grid: StepGrid): RawSeries[] {
  const q = percentileOf(query.reducer)!;
  return toRawSeries(
    query,
    grid,
    [...merged.values()].map((group) => ({
      ...group,
      steps: group.steps.map((dense) => (dense ? quantile(dense, q) : null)),
    })),
  );
}

/** Aligned per series, then reduced across the series of each (region, group, step). */
export function alignedSeries(
  query: MetricQuery,
  selected: readonly SelectedRow[],
  points: PointsBySeries,
  grid: StepGrid,
): RawSeries[] {
  const n = grid.steps + 1;
  const step = grid.stepSeconds;
  // Per step k of the current series: sum and count of its shares, max, and whether it has any.
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  const maxes = new Float64Array(n);
  const hasMax = new Uint8Array(n);
  const seen = new Uint8Array(n);
  /** Per group and step: the series' aligned values that are not null, or undefined without any series. */
  const groups = new Map<string, Group<(number[] | undefined)[]>>();
  for (const series of selected) {
    const list = points.get(series.id);
    if (!list?.length) continue;
    sums.fill(0);
    counts.fill(0);
    hasMax.fill(0);
    seen.fill(0);
    let any = false;
    for (const p of list) {
      const [first, last] = stepRange(p, grid);
      for (let k = first; k <= last; k++) {
        const share = shareOf(p, k, step);
        sums[k] = sums[k]! + p.sum * share;
        counts[k] = counts[k]! + p.count * share;
        if (p.max !== null && p.max !== undefined) {
          maxes[k] = hasMax[k] ? Math.max(maxes[k]!, p.max) : p.max;
          hasMax[k] = 1;
        }
        seen[k] = 1;
        any = true;
      }
    }
    if (!any) continue;
    const key = groupKey(series);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { region: series.region, g: series.g, steps: new Array(n) }));
    const distribution = series.kind === "DISTRIBUTION";
    for (let k = 1; k < n; k++) {
      if (!seen[k]) continue;
      const values = (group.steps[k] ??= []);
      const v = align(query.aligner, {
        total: distribution ? counts[k]! : sums[k]!,
        sum: sums[k]!,
        count: counts[k]!,
        max: hasMax[k] ? maxes[k]! : null,
        step,
      });
      if (v !== null) values.push(v);
    }
  }
  return toRawSeries(
    query,
    grid,
    [...groups.values()].map((group) => ({
      ...group,
      steps: group.steps.map((values) => (values ? reduce(query.reducer, values) : null)),
    })),
  );
}

/** Per-series value of one step. The total of a distribution is its number of observations. */
function align(
  aligner: Aligner,
  s: { total: number; sum: number; count: number; max: number | null; step: number },
): number | null {
  switch (aligner) {
    case "ALIGN_RATE":
      return s.total / s.step;
    case "ALIGN_DELTA":
    case "ALIGN_SUM":
      return s.total;
    case "ALIGN_MEAN":
      return s.count === 0 ? null : s.sum / s.count;
    case "ALIGN_MAX":
      return s.max;
  }
}

/** Across the series of a (region, group, step); null when none has a value. */
function reduce(reducer: Reducer, values: number[]): number | null {
  if (!values.length) return null;
  const percentile = percentileOf(reducer);
  if (percentile !== null) return percentileCont(values, percentile);
  switch (reducer) {
    case "REDUCE_SUM":
      return values.reduce((a, b) => a + b, 0);
    case "REDUCE_MEAN":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "REDUCE_MAX":
      return values.reduce((a, b) => Math.max(a, b));
  }
  throw new Error(`unsupported reducer ${reducer}`);
}

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
export function percentileCont(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  return lower === upper ? low : low + (position - lower) * (sorted[upper]! - low);
}

/** One RawSeries per group, ordered by region and group values; non-finite values become gaps. */
function toRawSeries(
  query: MetricQuery,
  grid: StepGrid,
  groups: Group<(number | null | undefined)[]>[],
): RawSeries[] {
  const fields = groupByFields(query);
  const order = (a: Group<unknown>, b: Group<unknown>) => {
    const x = [a.region, ...a.g];
    const y = [b.region, ...b.g];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  };
  return groups.sort(order).map((group) => ({
    region: group.region,
    labels: Object.fromEntries(fields.map((field, i) => [field, group.g[i] ?? ""])),
    points: Array.from({ length: grid.steps }, (_, i): [number, number | null] => {
      const value = group.steps[i + 1];
      return [
        grid.startMs + (i + 1) * grid.stepMs,
        value !== null && value !== undefined && Number.isFinite(value) ? value : null,
      ];
    }),
  }));
}
