import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/server/db/client";
import { addInto, emptyDense, trim, type Buckets } from "./histogram";
import type { MetricKind } from "./metric-catalog";

// Batch writes into the embedded store: series are upserted by identity, points by (series,
// resolution, step start). "add" accumulates into what is there (two exporters, or two OTLP data
// points, landing in the same minute); "replace" overwrites (the demo generator, which may rewrite
// a step). Every statement carries a whole batch (up to 1000 rows: about 0.1 s on the embedded database).

/** The raw-SQL surface shared by the Prisma client and an interactive transaction. */
export type SqlClient = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

export type Resolution = 60 | 600;

export interface SeriesKey {
  /** The catalog service the series belongs to. */
  service: string;
  metricType: string;
  resourceType: string;
  region: string;
  kind: MetricKind;
  /** Every label but the region, keyed as Cloud Monitoring names them ("metric.label.x", "resource.label.y"). */
  labels: Record<string, string>;
}

export interface Distribution {
  count: number;
  sum: number;
  max?: number;
  buckets: Buckets;
}

export interface MetricSample {
  series: SeriesKey;
  /** Epoch ms inside the step (floored to the resolution): the step's start. */
  start: number;
  /** 60 (default) or 600 for a roll-up written directly. */
  resolution?: Resolution;
  /** DELTA: the delta over the step; GAUGE: a reading. */
  value?: number;
  /** Instead of `value`: several readings at once (a pre-aggregated GAUGE step). */
  stats?: { sum: number; count: number; max: number };
  /** DISTRIBUTION: the observations of the step. */
  distribution?: Distribution;
}

const CHUNK = 1000;

/**
 * Lets timers and I/O run. The embedded database answers on the event loop's thread and its
 * promises settle without giving anything else a turn, so long batches yield between statements.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const identities = new WeakMap<SeriesKey, string>();

/** The identity of a series inside the store: service, metric, region and the hash of its labels. */
export function seriesIdentity(key: SeriesKey): string {
  let identity = identities.get(key);
  if (identity === undefined)
    identities.set(
      key,
      (identity = [key.service, key.metricType, key.region, labelsHash(key)].join("\u0000")),
    );
  return identity;
}

function labelsHash(key: SeriesKey): string {
  const labels = Object.entries(key.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("md5")
    .update(JSON.stringify([key.resourceType, labels]))
    .digest("hex");
}

/** Creates the series that do not exist yet; returns the id of every key by seriesIdentity. */
export async function resolveSeries(db: SqlClient, keys: SeriesKey[]): Promise<Map<string, number>> {
  const unique = new Map<string, SeriesKey>();
  for (const key of keys) unique.set(seriesIdentity(key), key);
  const ids = new Map<string, number>();
  const rows = [...unique.values()].map((k) => ({ ...k, labelsHash: labelsHash(k) }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // A concurrent writer may insert the same series between our snapshot and our insert: retry once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const found = await db.$queryRawUnsafe<
        { id: number; service: string; metricType: string; region: string; labelsHash: string }[]
      >(UPSERT_SERIES, JSON.stringify(chunk));
      for (const r of found) ids.set([r.service, r.metricType, r.region, r.labelsHash].join("\u0000"), r.id);
      if (chunk.every((k) => ids.has(seriesIdentity(k)))) break;
    }
  }
  return ids;
}

const UPSERT_SERIES = `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    service text, "metricType" text, "resourceType" text, region text, kind text, labels jsonb, "labelsHash" text)
), ins AS (
  INSERT INTO "MetricSeries" (service, "metricType", "resourceType", region, kind, labels, "labelsHash")
  SELECT service, "metricType", "resourceType", region, kind::"MetricKind", labels, "labelsHash" FROM x
  ON CONFLICT (service, "metricType", region, "labelsHash") DO NOTHING
  RETURNING id, service, "metricType", region, "labelsHash"
)
SELECT id, service, "metricType", region, "labelsHash" FROM ins
UNION ALL
SELECT s.id, s.service, s."metricType", s.region, s."labelsHash"
FROM "MetricSeries" s JOIN x USING (service, "metricType", region, "labelsHash")`;

interface PointRow {
  s: number;
  r: Resolution;
  t: number;
  sum: number;
  count: number;
  max: number | null;
  dense?: number[];
}

/** Writes samples (any number, any mix of series); returns how many series and points were touched. */
export async function writeSamples(
  db: SqlClient,
  samples: MetricSample[],
  options: { mode?: "add" | "replace" } = {},
): Promise<{ series: number; points: number }> {
  if (samples.length === 0) return { series: 0, points: 0 };
  const ids = await resolveSeries(
    db,
    samples.map((s) => s.series),
  );
  const points = new Map<string, PointRow>();
  for (const sample of samples) {
    const id = ids.get(seriesIdentity(sample.series));
    if (id === undefined) throw new Error(`metric series was not created: ${seriesIdentity(sample.series)}`);
    const r = sample.resolution ?? 60;
    const t = Math.floor(sample.start / (r * 1000)) * r * 1000;
    const key = `${id}:${r}:${t}`;
    const row = points.get(key) ?? { s: id, r, t, sum: 0, count: 0, max: null };
    accumulate(row, sample);
    points.set(key, row);
  }
  const rows = [...points.values()];
  const sql = options.mode === "replace" ? INSERT_POINTS + REPLACE : INSERT_POINTS + ADD;
  for (let i = 0; i < rows.length; i += CHUNK) {
    if (i > 0) await yieldToEventLoop();
    await db.$executeRawUnsafe(sql, ...columns(rows.slice(i, i + CHUNK)));
  }
  return { series: ids.size, points: rows.length };
}

/**
 * The rows as eight PostgreSQL array literals, one per column (unnest turns them back into rows):
 * parsing these is much cheaper than JSON for the embedded database.
 */
function columns(rows: PointRow[]): string[] {
  const list = (values: (number | null | string)[]) =>
    `{${values.map((v) => (v === null ? "NULL" : v)).join(",")}}`;
  const buckets = rows.map((r) => (r.dense ? trim(r.dense) : { offset: 0, counts: [] }));
  return [
    list(rows.map((r) => r.s)),
    list(rows.map((r) => r.r)),
    list(rows.map((r) => r.t)),
    list(rows.map((r) => r.sum)),
    list(rows.map((r) => r.count)),
    list(rows.map((r) => r.max)),
    list(buckets.map((b) => b.offset)),
    // Four significant digits are plenty for a bucket count and make the text a third as long.
    list(buckets.map((b) => `"{${b.counts.map((n) => Number(n.toPrecision(4))).join(",")}}"`)),
  ];
}

function accumulate(row: PointRow, sample: MetricSample) {
  const max = (a: number | null, b: number | undefined) =>
    b === undefined || !Number.isFinite(b) ? a : a === null ? b : Math.max(a, b);
  if (sample.distribution) {
    const d = sample.distribution;
    row.sum += d.sum;
    row.count += d.count;
    row.max = max(row.max, d.max);
    row.dense = addInto(row.dense ?? emptyDense(), d.buckets);
  } else if (sample.stats) {
    row.sum += sample.stats.sum;
    row.count += sample.stats.count;
    row.max = max(row.max, sample.stats.max);
  } else {
    const v = sample.value ?? 0;
    row.sum += v;
    row.count += 1;
    row.max = max(row.max, v);
  }
}

const INSERT_POINTS = `
INSERT INTO "MetricPoint" AS p ("seriesId", resolution, ts, sum, count, max, "bucketOffset", buckets)
SELECT s, r, to_timestamp(t / 1000.0), sum, count, max, o, b::float8[]
FROM unnest($1::text::int[], $2::text::int[], $3::text::float8[], $4::text::float8[], $5::text::float8[],
            $6::text::float8[], $7::text::int[], $8::text::text[]) AS x(s, r, t, sum, count, max, o, b)
ON CONFLICT ("seriesId", resolution, ts) DO UPDATE SET `;

const REPLACE = `sum = EXCLUDED.sum, count = EXCLUDED.count, max = EXCLUDED.max,
  "bucketOffset" = EXCLUDED."bucketOffset", buckets = EXCLUDED.buckets`;

// Bucket arrays start at different offsets: add them index by index over the union of both ranges.
const ADD = `sum = p.sum + EXCLUDED.sum, count = p.count + EXCLUDED.count, max = GREATEST(p.max, EXCLUDED.max),
  "bucketOffset" = CASE
    WHEN coalesce(cardinality(p.buckets), 0) = 0 THEN EXCLUDED."bucketOffset"
    WHEN cardinality(EXCLUDED.buckets) = 0 THEN p."bucketOffset"
    ELSE LEAST(p."bucketOffset", EXCLUDED."bucketOffset") END,
  buckets = CASE
    WHEN coalesce(cardinality(p.buckets), 0) = 0 THEN EXCLUDED.buckets
    WHEN cardinality(EXCLUDED.buckets) = 0 THEN p.buckets
    ELSE (SELECT array_agg(coalesce(p.buckets[i - p."bucketOffset" + 1], 0)
                         + coalesce(EXCLUDED.buckets[i - EXCLUDED."bucketOffset" + 1], 0) ORDER BY i)
          FROM generate_series(LEAST(p."bucketOffset", EXCLUDED."bucketOffset"),
                               GREATEST(p."bucketOffset" + cardinality(p.buckets),
                                        EXCLUDED."bucketOffset" + cardinality(EXCLUDED.buckets)) - 1) AS i) END`;
