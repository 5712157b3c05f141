import "server-only";
import { REGION_LABEL, type Aligner, type MetricQuery, type Reducer } from "@/lib/dashboards/types";

// One MetricQuery over one window as ONE SQL statement on the embedded store:
//   s  the series the metric type, resource type and filter clauses select, with their region and
//      extra group-by values;
//   b  those with a region (and, for long steps, where their roll-ups end);
//   p  their points in the window: 1-minute points and 10-minute roll-ups, never both for a minute;
//   q  each point split over the steps it overlaps (share = overlap / point length), so a roll-up
//      read at a 60 s step spreads evenly over its ten steps instead of landing on one;
//   then per-series alignment and cross-series reduction per (region, group, step), or for
//   percentiles of distributions each point's buckets, which the caller merges per (region, group,
//   step) and turns into percentiles (never an average of percentiles).

export interface BuiltQuery {
  sql: string;
  params: unknown[];
  /** Extra group-by fields in the order of the g0, g1, … result columns. */
  groupBy: string[];
  /** "histogram" rows are (region, g…, k, share, o, buckets): one per point and step; "scalar" rows are (region, g…, k, value). */
  shape: "scalar" | "histogram";
  steps: number;
  /** Epoch ms of the window's first step start; step k (1…steps) ends at startMs + k × stepMs. */
  startMs: number;
  stepMs: number;
}

export interface QueryWindow {
  fromMs: number;
  toMs: number;
  stepSeconds: number;
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

export function buildQuery(query: MetricQuery, window: QueryWindow, distribution: boolean): BuiltQuery {
  const step = window.stepSeconds;
  if (!(step > 0)) throw new Error("the window's step must be positive");
  const steps = Math.floor((window.toMs - window.fromMs) / (step * 1000));
  const startMs = window.toMs - steps * step * 1000;
  const params: unknown[] = [
    query.metricType,
    query.resourceType,
    startMs / 1000,
    window.toMs / 1000,
    step,
    steps,
  ];
  const param = (value: unknown, cast = "text") => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
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
  const regionExpr = query.region.pattern
    ? `substring(${regionSource} FROM ${param(query.region.pattern)})`
    : regionSource;
  const groupBy = query.groupBy.filter((g) => normalizeKey(g) !== REGION_LABEL);
  const groupCols = groupBy.map((g, i) => `coalesce(${field(g)}, '') AS g${i}`);
  const g = groupBy.map((_, i) => `, g${i}`).join("");

  // Which points of a series answer: steps shorter than a roll-up read the 1-minute points, and a
  // roll-up only for 10 minutes without any (older than their retention, or never written at that
  // resolution); longer steps read the roll-ups up to the newest one, and the 1-minute points after
  // it (the minutes compaction has not rolled up yet). Either way no minute is counted twice.
  const rollups = `SELECT 600 AS res, r.ts, r.sum, r.count, r.max, r."bucketOffset", r.buckets FROM "MetricPoint" r
    WHERE r."seriesId" = b.id AND r.resolution = 600
      AND r.ts > to_timestamp($3::float8 - 600) AND r.ts < to_timestamp($4::float8)`;
  const minutes = `SELECT 60, ts, sum, count, max, "bucketOffset", buckets FROM "MetricPoint"
    WHERE "seriesId" = b.id AND resolution = 60
      AND ts > to_timestamp($3::float8 - 60) AND ts < to_timestamp($4::float8)`;
  const series =
    step < 600
      ? `b AS MATERIALIZED (SELECT * FROM s WHERE region IS NOT NULL)`
      : `b AS MATERIALIZED (
  SELECT s.*, coalesce((SELECT max(ts) FROM "MetricPoint" m WHERE m."seriesId" = s.id AND m.resolution = 600)
                       + interval '600 seconds', '-infinity'::timestamptz) AS boundary
  FROM s WHERE region IS NOT NULL
)`;
  const points =
    step < 600
      ? `${rollups}
      AND NOT EXISTS (SELECT 1 FROM "MetricPoint" m WHERE m."seriesId" = b.id AND m.resolution = 60
                        AND m.ts >= r.ts AND m.ts < r.ts + interval '600 seconds')
    UNION ALL
    ${minutes}`
      : `${rollups} AND r.ts < b.boundary
    UNION ALL
    ${minutes} AND ts >= b.boundary`;

  const head = `
WITH s AS MATERIALIZED (
  SELECT id, kind, ${regionExpr} AS region${groupCols.map((c) => `, ${c}`).join("")}
  FROM "MetricSeries"
  WHERE "metricType" = $1 AND "resourceType" = $2${where.map((w) => ` AND ${w}`).join("")}
), ${series}, p AS (
  SELECT b.id, b.kind, b.region${g}, pt.res, extract(epoch FROM pt.ts)::float8 - $3::float8 AS a,
         pt.sum, pt.count, pt.max, pt."bucketOffset", pt.buckets
  FROM b CROSS JOIN LATERAL (
    ${points}
  ) pt
), q AS (
  SELECT p.*, k, (LEAST(p.a + p.res, k * $5::float8) - GREATEST(p.a, (k - 1) * $5::float8)) / p.res AS share
  FROM p CROSS JOIN LATERAL generate_series(
    GREATEST(1, floor(p.a / $5::float8)::int + 1), LEAST($6::int, ceil((p.a + p.res) / $5::float8)::int)) AS k
)`;

  const percentile = percentileOf(query.reducer);
  if (
    distribution &&
    percentile !== null &&
    (query.aligner === "ALIGN_DELTA" || query.aligner === "ALIGN_SUM")
  ) {
    // The bucket arrays themselves: adding them up is cheaper in JavaScript than unnested in SQL.
    const sql = `${head}
SELECT region${g}, k, share::float8, "bucketOffset" AS o, buckets
FROM q WHERE cardinality(buckets) > 0 AND share > 0`;
    return { sql, params, groupBy, shape: "histogram", steps, startMs, stepMs: step * 1000 };
  }

  const sql = `${head}, a AS (
  SELECT region${g}, id, kind, k, sum(q.sum * share) AS s, sum(q.count * share) AS c, max(q.max) AS m
  FROM q GROUP BY region${g}, id, kind, k
), v AS (
  SELECT region${g}, k, ${aligned(query.aligner)} AS v FROM a
)
SELECT region${g}, k, ${reduce(query.reducer)}::float8 AS value
FROM v GROUP BY region${g}, k
ORDER BY region${g}, k`;
  return { sql, params, groupBy, shape: "scalar", steps, startMs, stepMs: step * 1000 };
}

/** Per-series value of one step. Counts of a distribution are its number of observations. */
function aligned(aligner: Aligner): string {
  const total = `(CASE WHEN kind = 'DISTRIBUTION' THEN c ELSE s END)`;
  switch (aligner) {
    case "ALIGN_RATE":
      return `${total} / $5::float8`;
    case "ALIGN_DELTA":
    case "ALIGN_SUM":
      return total;
    case "ALIGN_MEAN":
      return `s / NULLIF(c, 0)`;
    case "ALIGN_MAX":
      return `m`;
  }
}

function reduce(reducer: Reducer): string {
  const percentile = percentileOf(reducer);
  if (percentile !== null) return `percentile_cont(${percentile}) WITHIN GROUP (ORDER BY v)`;
  switch (reducer) {
    case "REDUCE_SUM":
      return "sum(v)";
    case "REDUCE_MEAN":
      return "avg(v)";
    case "REDUCE_MAX":
      return "max(v)";
  }
  throw new Error(`unsupported reducer ${reducer}`);
}
