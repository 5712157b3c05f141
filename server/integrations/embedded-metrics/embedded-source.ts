import "server-only";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { Db } from "@/server/db/client";
import type { MetricsSource, MetricWindow, RawSeries } from "@/server/integrations/metrics/metrics-source";
import {
  alignedSeries,
  histogramKey,
  mergeHistograms,
  mergesHistograms,
  percentileSeries,
  type MergedHistograms,
} from "./aggregate";
import {
  checkQuery,
  readPoints,
  selectSeries,
  stepGrid,
  type PointRow,
  type SelectedRow,
  type StepGrid,
} from "./build-query";
import { describeMetric } from "./metric-catalog";

// The portal's own time-series store as a MetricsSource. A dashboard asks all its queries at once
// (one listTimeSeries per dataset, in the same tick): the calls for one window are collected into
// a batch and answered together by two statements (build-query.ts), one selecting the series of
// every query and one reading each of those series' points in the window once, then aggregated per
// query in TypeScript (aggregate.ts). Each caller still gets exactly its own query's answer.

/** Most queries answered by one batch (a fleet page asks a few services' tiles at once). */
const MAX_BATCH = 64;

interface Call {
  query: MetricQuery;
  resolve: (series: RawSeries[]) => void;
  reject: (error: unknown) => void;
}

export function embeddedMetricsSource(getDb: () => Promise<Db>): MetricsSource {
  /** The batch still collecting calls, per window. */
  const open = new Map<string, Call[]>();
  return {
    kind: "embedded",
    listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]> {
      let grid: StepGrid;
      try {
        checkQuery(query);
        grid = stepGrid({
          fromMs: window.from.getTime(),
          toMs: window.to.getTime(),
          stepSeconds: window.stepSeconds,
        });
      } catch (error) {
        return Promise.reject(error);
      }
      if (grid.steps <= 0) return Promise.resolve([]);
      const key = `${grid.startMs}|${grid.toMs}|${grid.stepSeconds}`;
      return new Promise((resolve, reject) => {
        let batch = open.get(key);
        if (!batch || batch.length >= MAX_BATCH) {
          const calls: Call[] = (batch = []);
          open.set(key, calls);
          // After the promise jobs already queued (callers that awaited something resolved first):
          // every call of this tick joins the batch, as in DataLoader.
          void Promise.resolve().then(() =>
            process.nextTick(() => {
              if (open.get(key) === calls) open.delete(key);
              void answer(getDb, calls, grid);
            }),
          );
        }
        batch.push({ query, resolve, reject });
      });
    },
  };
}

/** Answers every call of a batch; a failure rejects only the calls it concerns. */
async function answer(getDb: () => Promise<Db>, calls: Call[], grid: StepGrid): Promise<void> {
  try {
    const db = await getDb();
    const selection = selectSeries(calls.map((c) => c.query));
    let selected: SelectedRow[];
    try {
      selected = await db.$queryRawUnsafe<SelectedRow[]>(selection.sql, ...selection.params);
    } catch (error) {
      if (calls.length === 1) throw error;
      // One query's clause failed the statement (an invalid regex, say): ask each alone, so that
      // only its own chart fails.
      for (const call of calls) await answer(getDb, [call], grid);
      return;
    }
    const perQuery = calls.map((): SelectedRow[] => []);
    for (const row of selected) perQuery[Number(row.q)]!.push(row);
    const points = await readSeriesPoints(db, [...new Set(selected.map((r) => Number(r.id)))], grid);
    const merged = new Map<string, MergedHistograms>();
    calls.forEach((call, i) => {
      try {
        call.resolve(aggregate(call.query, perQuery[i]!, points, grid, merged));
      } catch (error) {
        call.reject(error);
      }
    });
  } catch (error) {
    for (const call of calls) call.reject(error);
  }
}

async function readSeriesPoints(db: Db, ids: number[], grid: StepGrid): Promise<Map<number, PointRow[]>> {
  const points = new Map<number, PointRow[]>();
  if (!ids.length) return points;
  const statement = readPoints(ids, grid);
  const rows = await db.$queryRawUnsafe<PointRow[]>(statement.sql, ...statement.params);
  for (const row of rows) {
    const id = Number(row.id);
    let list = points.get(id);
    if (!list) points.set(id, (list = []));
    list.push(row);
  }
  return points;
}

function aggregate(
  query: MetricQuery,
  selected: SelectedRow[],
  points: Map<number, PointRow[]>,
  grid: StepGrid,
  merged: Map<string, MergedHistograms>,
): RawSeries[] {
  if (!mergesHistograms(query, describeMetric(query.metricType)?.kind === "DISTRIBUTION"))
    return alignedSeries(query, selected, points, grid);
  // p50, p95 and p99 of the same series merge the same histograms: once.
  const key = histogramKey(query);
  let histograms = merged.get(key);
  if (!histograms) merged.set(key, (histograms = mergeHistograms(selected, points, grid)));
  return percentileSeries(query, histograms, grid);
}
