import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { SourcePoint } from "./map-otlp";

// OTLP cumulative sums and histograms carry the total since the stream's start time; the store
// keeps deltas. The last value of every cumulative stream is kept in MetricCumulativeState (so a
// restart of the portal loses nothing) and each new point becomes its difference to it:
//   * same start time and a value not below the last one: the difference;
//   * a new start time, or a value below the last one (the process restarted): the whole value;
//   * the first point of a stream we have never seen: the whole value when the stream started at
//     most 5 minutes before the point (a fresh process), otherwise only the baseline is recorded;
//   * a point not newer than the last one (a retry): nothing.
// Delta and gauge points pass through unchanged.

const FRESH_NS = 5n * 60n * 1_000_000_000n;

export interface DeltaPoint extends SourcePoint {
  temporality: "delta" | "gauge";
}

interface State {
  streamKey: string;
  startNano: string;
  timeNano: string;
  sum: number;
  count: number;
  bounds: number[];
  buckets: number[];
}

export async function cumulativeToDelta(
  tx: Prisma.TransactionClient,
  points: SourcePoint[],
): Promise<DeltaPoint[]> {
  const cumulative = points.filter((p) => p.temporality === "cumulative");
  const out = points.filter((p): p is DeltaPoint => p.temporality !== "cumulative");
  if (cumulative.length === 0) return out;
  const keys = [...new Set(cumulative.map((p) => p.stream))];
  const rows = await tx.$queryRawUnsafe<State[]>(
    `SELECT "streamKey", "startNano", "timeNano", sum, count, coalesce(bounds, '{}') AS bounds, coalesce(buckets, '{}') AS buckets
     FROM "MetricCumulativeState" WHERE "streamKey" IN (SELECT jsonb_array_elements_text($1::jsonb)) FOR UPDATE`,
    JSON.stringify(keys),
  );
  const states = new Map(rows.map((r) => [r.streamKey, r]));
  const ordered = [...cumulative].sort((a, b) => (BigInt(a.timeNano) < BigInt(b.timeNano) ? -1 : 1));
  for (const point of ordered) {
    const previous = states.get(point.stream);
    const next = stateOf(point);
    if (previous && BigInt(point.timeNano) <= BigInt(previous.timeNano)) continue;
    states.set(point.stream, next);
    const delta = difference(point, next, previous);
    if (delta) out.push(delta);
  }
  const changed = keys.map((k) => states.get(k)!).filter(Boolean);
  await tx.$executeRawUnsafe(
    `INSERT INTO "MetricCumulativeState" ("streamKey", "startNano", "timeNano", sum, count, bounds, buckets, "updatedAt")
     SELECT "streamKey", "startNano", "timeNano", sum, count, bounds, buckets, now()
     FROM jsonb_to_recordset($1::jsonb) AS x("streamKey" text, "startNano" text, "timeNano" text, sum float8, count float8, bounds float8[], buckets float8[])
     ON CONFLICT ("streamKey") DO UPDATE SET "startNano" = EXCLUDED."startNano", "timeNano" = EXCLUDED."timeNano",
       sum = EXCLUDED.sum, count = EXCLUDED.count, bounds = EXCLUDED.bounds, buckets = EXCLUDED.buckets, "updatedAt" = now()`,
    JSON.stringify(changed),
  );
  return out;
}

function stateOf(point: SourcePoint): State {
  const h = point.histogram;
  return {
    streamKey: point.stream,
    startNano: point.startNano ?? "0",
    timeNano: point.timeNano,
    sum: h ? h.sum : (point.value ?? 0),
    count: h ? h.count : 0,
    bounds: h ? h.bounds : [],
    buckets: h ? h.counts : [],
  };
}

function difference(point: SourcePoint, next: State, previous: State | undefined): DeltaPoint | null {
  const restarted =
    previous !== undefined &&
    (previous.startNano !== next.startNano ||
      (point.histogram
        ? next.count < previous.count || !sameBounds(previous.bounds, next.bounds)
        : next.sum < previous.sum));
  if (!previous) {
    const fresh =
      point.startNano !== undefined && BigInt(point.timeNano) - BigInt(point.startNano) <= FRESH_NS;
    if (!fresh) return null;
  }
  const base = !previous || restarted ? undefined : previous;
  const h = point.histogram;
  return {
    ...point,
    temporality: "delta",
    value: h ? undefined : next.sum - (base?.sum ?? 0),
    histogram: h
      ? {
          bounds: h.bounds,
          counts: h.counts.map((n, i) => n - (base?.buckets[i] ?? 0)),
          count: h.count - (base?.count ?? 0),
          sum: h.sum - (base?.sum ?? 0),
          // min and max of a cumulative histogram cover its whole life, not this delta.
        }
      : undefined,
  };
}

const sameBounds = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
