import "server-only";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { Db } from "@/server/db/client";
import type { MetricsSource, MetricWindow, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { buildQuery, percentileOf, type BuiltQuery } from "./build-query";
import { addInto, emptyDense, quantile } from "./histogram";
import { describeMetric } from "./metric-catalog";

// The portal's own time-series store as a MetricsSource: each listTimeSeries is one SQL statement
// (build-query.ts); this file only turns its rows into one RawSeries per region and group, with
// a point (null when the step has no data) at the end of every step of the window.

type Row = Record<string, unknown> & { region: string; k: number };

export function embeddedMetricsSource(getDb: () => Promise<Db>): MetricsSource {
  return {
    kind: "embedded",
    async listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]> {
      const built = buildQuery(
        query,
        { fromMs: window.from.getTime(), toMs: window.to.getTime(), stepSeconds: window.stepSeconds },
        describeMetric(query.metricType)?.kind === "DISTRIBUTION",
      );
      if (built.steps <= 0) return [];
      const db = await getDb();
      const rows = await db.$queryRawUnsafe<Row[]>(built.sql, ...built.params);
      return toSeries(built, rows, query);
    },
  };
}

function toSeries(built: BuiltQuery, rows: Row[], query: MetricQuery): RawSeries[] {
  const groups = new Map<
    string,
    { region: string; labels: Record<string, string>; values: Map<number, number | null> }
  >();
  const buckets = new Map<string, Map<number, number[]>>();
  for (const row of rows) {
    const labels = Object.fromEntries(built.groupBy.map((field, i) => [field, String(row[`g${i}`] ?? "")]));
    const key = JSON.stringify([row.region, ...built.groupBy.map((_, i) => row[`g${i}`])]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { region: row.region, labels, values: new Map() }));
    const k = Number(row.k);
    if (built.shape === "scalar") {
      const value = row.value === null || row.value === undefined ? null : Number(row.value);
      group.values.set(k, value !== null && Number.isFinite(value) ? value : null);
    } else {
      const perStep = buckets.get(key) ?? new Map<number, number[]>();
      buckets.set(key, perStep);
      let dense = perStep.get(k);
      if (!dense) perStep.set(k, (dense = emptyDense()));
      addInto(
        dense,
        { offset: Number(row.o), counts: (row.buckets as number[] | null) ?? [] },
        Number(row.share),
      );
    }
  }
  if (built.shape === "histogram") {
    const q = percentileOf(query.reducer)!;
    for (const [key, perStep] of buckets)
      for (const [k, counts] of perStep) groups.get(key)!.values.set(k, quantile(counts, q));
  }
  return [...groups.values()].map((group) => ({
    region: group.region,
    labels: group.labels,
    points: Array.from({ length: built.steps }, (_, i): [number, number | null] => [
      built.startMs + (i + 1) * built.stepMs,
      group.values.get(i + 1) ?? null,
    ]),
  }));
}
