import "server-only";
import type { TriggerHealth } from "@/lib/events/api";
import type { Db } from "@/server/db/client";

interface Row {
  triggerId: string;
  region: string;
  pushed: number;
  p50: number | null;
  p99: number | null;
  backlog: number;
  oldest: number | null;
  dead: number;
}

interface Failure {
  triggerId: string;
  region: string;
  at: Date;
  status: number | null;
  error: string;
}

/**
 * Delivery health of triggers from the embedded broker's delivery records, per trigger and region:
 * pushes in the last hour with their latency, the backlog and its oldest entry, dead letters of
 * the last 24 hours, and the latest failed push. Regions without deliveries report zeros.
 */
export async function deliveryHealth(
  db: Db,
  triggers: { id: string }[],
  regions: string[],
): Promise<Map<string, TriggerHealth[]>> {
  const ids = triggers.map((t) => t.id);
  if (ids.length === 0) return new Map();
  const [rows, failures] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT "triggerId"::text AS "triggerId", region,
        count(*) FILTER (WHERE status = 'delivered' AND "finishedAt" > now() - interval '1 hour')::int AS pushed,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs")
          FILTER (WHERE status = 'delivered' AND "finishedAt" > now() - interval '1 hour') AS p50,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY "latencyMs")
          FILTER (WHERE status = 'delivered' AND "finishedAt" > now() - interval '1 hour') AS p99,
        count(*) FILTER (WHERE status = 'pending')::int AS backlog,
        EXTRACT(EPOCH FROM now() - min("createdAt") FILTER (WHERE status = 'pending'))::float8 AS oldest,
        count(*) FILTER (WHERE status = 'dead-lettered' AND "finishedAt" > now() - interval '24 hours')::int AS dead
      FROM "Delivery"
      WHERE "triggerId" = ANY(${ids}::uuid[])
        AND (status = 'pending' OR "finishedAt" > now() - interval '24 hours')
      GROUP BY "triggerId", region`,
    db.$queryRaw<Failure[]>`
      SELECT DISTINCT ON ("triggerId", region) "triggerId"::text AS "triggerId", region,
        "lastAttemptAt" AS at, "lastStatus" AS status, "lastError" AS error
      FROM "Delivery"
      WHERE "triggerId" = ANY(${ids}::uuid[]) AND "lastError" IS NOT NULL AND "lastAttemptAt" IS NOT NULL
        AND "lastAttemptAt" > now() - interval '24 hours'
      ORDER BY "triggerId", region, "lastAttemptAt" DESC`,
  ]);
  const key = (trigger: string, region: string) => `${trigger} ${region}`;
  const byKey = new Map(rows.map((r) => [key(r.triggerId, r.region), r]));
  const failureByKey = new Map(failures.map((f) => [key(f.triggerId, f.region), f]));
  return new Map(
    ids.map((id) => [
      id,
      regions.map((region): TriggerHealth => {
        const r = byKey.get(key(id, region));
        const f = failureByKey.get(key(id, region));
        return {
          region,
          pushedLastHour: r?.pushed ?? 0,
          latencyP50Ms: r?.p50 ?? null,
          latencyP99Ms: r?.p99 ?? null,
          backlog: r?.backlog ?? 0,
          oldestUnackedSeconds: r?.oldest ?? null,
          deadLettered: r?.dead ?? 0,
          lastFailure: f ? { at: f.at.toISOString(), status: f.status, error: f.error } : null,
        };
      }),
    ]),
  );
}
