import "server-only";
import { REGION_LABEL, type MetricQuery, type Reducer } from "@/lib/dashboards/types";

// The embedded store's SQL. Any number of MetricQuery over one window take two statements:
//   selectSeries  which series each query selects (metric type, resource type and filter clauses),
//                 with the region and the extra group-by values each one has for that query;
//   readPoints    every point those series have in the window, read once however many queries
//                 share a series: 1-minute points and 10-minute roll-ups, never both for a minute,
//                 each with its start as seconds after the window's first step.
// Splitting points over steps, per-series alignment, cross-series reduction and histogram
// percentiles are then TypeScript (aggregate.ts): a dashboard reads its service's points once
// instead of once per chart, and merges its histograms without unnesting them in SQL.

export interface QueryWindow {
  fromMs: number;
  toMs: number;
  stepSeconds: number;
}

/** The window as whole steps ending at `toMs`: step k (1…steps) is (startMs + (k-1)·step, startMs + k·step]. */
export interface StepGrid {
  steps: number;
  /** Epoch ms of the window's first step start. */
  startMs: number;
  toMs: number;
  stepSeconds: number;
  stepMs: number;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A row of selectSeries: query `q` (its index in the batch) selects series `id`. */
export interface SelectedRow {
  q: number;
  id: number;
  kind: string;
  region: string;
  /** The extra group-by values, in the order of groupByFields(query); "" for a missing label. */
  g: string[];
}

/** A row of readPoints. `a`: seconds from the grid's start to the point's start; `res`: its length in seconds. */
export interface PointRow {
  id: number;
  res: number;
  a: number;
  sum: number;
  count: number;
  max: number | null;
  o: number;
  buckets: number[] | null;
}

const LABEL_KEY = /^(metric|resource)\.labels?\.[A-Za-z0-9_.-]+$/;

/** `metric.labels.x` (filter syntax) and `metric.label.x` (group-by syntax) name the same label. */
export function normalizeKey(key: string): string {
  if (!LABEL_KEY.test(key))
    throw new Error(`unsupported metric query field "${key}": expected metric.label.* or resource.label.*`);
  return key.replace(/^(metric|resource)\.labels\./, "$1.label.");
}

export const percentileOf = (reducer: Reducer): number | null => {
  const m = /^REDUCE_PERCENTILE_(\d+)$/.exec(reducer);
  return m ? Number(m[1]) / 100 : null;
};

/** The group-by fields besides the region, in the order of SelectedRow.g. */
export const groupByFields = (query: MetricQuery): string[] =>
  query.groupBy.filter((g) => normalizeKey(g) !== REGION_LABEL);

/** Throws what selectSeries would throw for this query (an unsupported field), before it joins a batch. */
export function checkQuery(query: MetricQuery): void {
  for (const key of [...query.filter.map((c) => c.key), query.region.label, ...query.groupBy])
    normalizeKey(key);
}

export function stepGrid(window: QueryWindow): StepGrid {
  const stepSeconds = window.stepSeconds;
  if (!(stepSeconds > 0)) throw new Error("the window's step must be positive");
  const stepMs = stepSeconds * 1000;
  const steps = Math.floor((window.toMs - window.fromMs) / stepMs);
  return { steps, startMs: window.toMs - steps * stepMs, toMs: window.toMs, stepSeconds, stepMs };
}

/** One statement: every (query, series) pair of the batch whose region is known. */
export function selectSeries(queries: readonly MetricQuery[]): Statement {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}::text`;
  };
  const branches = queries.map((query, q) => {
    const field = (key: string) => {
      const k = normalizeKey(key);
      return k === REGION_LABEL ? "region" : `labels ->> ${param(k)}`;
    };
    const where = query.filter.map((c) => {
      const source = field(c.key);
      if (c.op === "=") return `${source} = ${param(c.value)}`;
      if (c.op === "!=") return `${source} IS DISTINCT FROM ${param(c.value)}`;
      return `coalesce(${source}, '') ~ ('^(?:' || ${param(c.value)} || ')$')`;
    });
    const regionSource = field(query.region.label);
    const region = query.region.pattern
      ? `substring(${regionSource} FROM ${param(query.region.pattern)})`
      : regionSource;
    const groups = groupByFields(query).map((g) => `coalesce(${field(g)}, '')`);
    return `SELECT ${q} AS q, id, kind::text AS kind, ${region} AS region, ARRAY[${groups.join(", ")}]::text[] AS g
  FROM "MetricSeries"
  WHERE "metricType" = ${param(query.metricType)} AND "resourceType" = ${param(query.resourceType)}${where
    .map((w) => ` AND ${w}`)
    .join("")}`;
  });
  const sql = `SELECT q, id, kind, region, g FROM (
  ${branches.join("\n  UNION ALL\n  ")}
) s WHERE region IS NOT NULL`;
  return { sql, params };
}

/**
 * One statement: the points of series `ids` that answer a query over `grid`. Steps shorter than a
 * roll-up read the 1-minute points, and a roll-up only for 10 minutes without any (older than
 * their retention, or never written at that resolution); longer steps read the roll-ups up to the
 * newest one, and the 1-minute points after it (the minutes compaction has not rolled up yet).
 * Either way no minute is counted twice.
 */
export function readPoints(ids: readonly number[], grid: StepGrid): Statement {
  const params: unknown[] = [`{${ids.join(",")}}`, grid.startMs / 1000, grid.toMs / 1000];
  const rollups = `SELECT 600 AS res, r.ts, r.sum, r.count, r.max, r."bucketOffset", r.buckets FROM "MetricPoint" r
    WHERE r."seriesId" = b.id AND r.resolution = 600
      AND r.ts > to_timestamp($2::float8 - 600) AND r.ts < to_timestamp($3::float8)`;
  const minutes = `SELECT 60, ts, sum, count, max, "bucketOffset", buckets FROM "MetricPoint"
    WHERE "seriesId" = b.id AND resolution = 60
      AND ts > to_timestamp($2::float8 - 60) AND ts < to_timestamp($3::float8)`;
  const series =
    grid.stepSeconds < 600
      ? `SELECT u.id FROM unnest($1::text::int[]) AS u(id)`
      : `SELECT u.id, coalesce((SELECT max(ts) FROM "MetricPoint" m WHERE m."seriesId" = u.id AND m.resolution = 600)
                         + interval '600 seconds', '-infinity'::timestamptz) AS boundary
  FROM unnest($1::text::int[]) AS u(id)`;
  const points =
    grid.stepSeconds < 600
      ? `${rollups}
      AND NOT EXISTS (SELECT 1 FROM "MetricPoint" m WHERE m."seriesId" = b.id AND m.resolution = 60
                        AND m.ts >= r.ts AND m.ts < r.ts + interval '600 seconds')
    UNION ALL
    ${minutes}`
      : `${rollups} AND r.ts < b.boundary
    UNION ALL
    ${minutes} AND ts >= b.boundary`;
  const sql = `
WITH b AS MATERIALIZED (
  ${series}
)
SELECT b.id, pt.res, extract(epoch FROM pt.ts)::float8 - $2::float8 AS a, pt.sum, pt.count, pt.max,
       pt."bucketOffset" AS o, CASE WHEN cardinality(pt.buckets) > 0 THEN pt.buckets END AS buckets
FROM b CROSS JOIN LATERAL (
    ${points}
) pt`;
  return { sql, params };
}
