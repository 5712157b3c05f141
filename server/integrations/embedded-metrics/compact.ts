import "server-only";
import type { Db } from "@/server/db/client";
import { yieldToEventLoop } from "./write-samples";

// Roll-ups and retention of the embedded store. 1-minute points are rolled up into 10-minute
// points (sums, counts, max, merged buckets) and kept for 24 hours; roll-ups are kept for 8 days.
// Idempotent: a roll-up is recomputed from its 1-minute points and overwritten, so running twice,
// or again after late points arrived, gives the same answer. Cuts are on 10-minute boundaries so
// a series' 1-minute points always start where a roll-up ends.

export const FINE_RETENTION_MS = 24 * 3600_000;
export const ROLLUP_RETENTION_MS = 8 * 24 * 3600_000;
/** Roll-ups are recomputed this far behind the last run, for points that arrive late. */
const LATE_MS = 30 * 60_000;
const WATERMARK_KEY = "metrics-rolled-up-until";
const TEN_MINUTES = 600_000;

export interface CompactionResult {
  rolledUpFrom: Date;
  rolledUpUntil: Date;
  rollups: number;
  deletedPoints: number;
  deletedSeries: number;
}

const floor10 = (ms: number) => Math.floor(ms / TEN_MINUTES) * TEN_MINUTES;

/** Roll-ups are written half an hour at a time: short statements keep the embedded database responsive. */
const SLICE_MS = 30 * 60_000;

export async function compactMetrics(db: Db, now: Date | number = Date.now()): Promise<CompactionResult> {
  const nowMs = typeof now === "number" ? now : now.getTime();
  const fineCut = floor10(nowMs - FINE_RETENTION_MS);
  const rollupCut = floor10(nowMs - ROLLUP_RETENTION_MS);
  const until = floor10(nowMs);
  const mark = await db.portalSetting.findUnique({ where: { key: WATERMARK_KEY } });
  const last = mark ? Date.parse(mark.value) : NaN;
  // The first run rolls up every 1-minute point there is; later runs from the last run on.
  const oldest = Number.isFinite(last) ? Math.min(last, until) - LATE_MS : await oldestFinePoint(db);
  const from = Math.max(rollupCut, floor10(oldest ?? until));
  // Oldest first and each slice complete before the next, so a query between two slices still
  // finds roll-ups up to some time and 1-minute points after it. No transaction: every statement
  // is idempotent, and a long transaction would hold up everyone else on the embedded database.
  let rollups = 0;
  for (let t = from; t < until; t += SLICE_MS) {
    rollups += await db.$executeRawUnsafe(ROLL_UP, t / 1000, Math.min(until, t + SLICE_MS) / 1000);
    await yieldToEventLoop();
  }
  const fine = await db.$executeRawUnsafe(
    `DELETE FROM "MetricPoint" WHERE resolution = 60 AND ts < to_timestamp($1::float8)`,
    fineCut / 1000,
  );
  const coarse = await db.$executeRawUnsafe(
    `DELETE FROM "MetricPoint" WHERE resolution = 600 AND ts < to_timestamp($1::float8)`,
    rollupCut / 1000,
  );
  const deletedSeries = await db.$executeRawUnsafe(
    `DELETE FROM "MetricSeries" s WHERE s."createdAt" < to_timestamp($1::float8)
       AND NOT EXISTS (SELECT 1 FROM "MetricPoint" p WHERE p."seriesId" = s.id)`,
    rollupCut / 1000,
  );
  await db.$executeRawUnsafe(
    `DELETE FROM "MetricCumulativeState" WHERE "updatedAt" < to_timestamp($1::float8)`,
    rollupCut / 1000,
  );
  const value = new Date(Math.max(until, Number.isFinite(last) ? last : 0)).toISOString();
  await db.portalSetting.upsert({
    where: { key: WATERMARK_KEY },
    create: { key: WATERMARK_KEY, value },
    update: { value },
  });
  return {
    rolledUpFrom: new Date(from),
    rolledUpUntil: new Date(until),
    rollups,
    deletedPoints: fine + coarse,
    deletedSeries,
  };
}

async function oldestFinePoint(db: Db): Promise<number | null> {
  const [row] = await db.$queryRawUnsafe<{ t: number | null }[]>(
    `SELECT (extract(epoch FROM min(ts)) * 1000)::float8 AS t FROM "MetricPoint" WHERE resolution = 60`,
  );
  return row?.t ?? null;
}

const ROLL_UP = `
WITH pts AS (
  SELECT "seriesId", to_timestamp(floor(extract(epoch FROM ts) / 600) * 600) AS t,
         sum, count, max, "bucketOffset", buckets
  FROM "MetricPoint"
  WHERE resolution = 60 AND ts >= to_timestamp($1::float8) AND ts < to_timestamp($2::float8)
), sc AS (
  SELECT "seriesId", t, sum(sum) AS sum, sum(count) AS count, max(max) AS max FROM pts GROUP BY "seriesId", t
), b AS (
  SELECT "seriesId", t, "bucketOffset" + u.i::int - 1 AS idx, sum(u.n) AS n
  FROM pts CROSS JOIN LATERAL unnest(buckets) WITH ORDINALITY AS u(n, i)
  GROUP BY "seriesId", t, idx
), r AS (
  SELECT "seriesId", t, min(idx) AS lo, max(idx) AS hi FROM b GROUP BY "seriesId", t
), h AS (
  SELECT r."seriesId", r.t, r.lo, array_agg(coalesce(b.n, 0) ORDER BY g.idx) AS buckets
  FROM r CROSS JOIN LATERAL generate_series(r.lo, r.hi) AS g(idx)
  LEFT JOIN b ON b."seriesId" = r."seriesId" AND b.t = r.t AND b.idx = g.idx
  GROUP BY r."seriesId", r.t, r.lo
)
INSERT INTO "MetricPoint" AS p ("seriesId", resolution, ts, sum, count, max, "bucketOffset", buckets)
SELECT sc."seriesId", 600, sc.t, sc.sum, sc.count, sc.max, coalesce(h.lo, 0), coalesce(h.buckets, '{}')
FROM sc LEFT JOIN h ON h."seriesId" = sc."seriesId" AND h.t = sc.t
ON CONFLICT ("seriesId", resolution, ts) DO UPDATE SET sum = EXCLUDED.sum, count = EXCLUDED.count,
  max = EXCLUDED.max, "bucketOffset" = EXCLUDED."bucketOffset", buckets = EXCLUDED.buckets`;
