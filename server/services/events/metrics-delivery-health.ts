import "server-only";
import type { TriggerHealth } from "@/lib/events/api";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import type { MetricQuery } from "@/lib/dashboards/types";
import { metricsSource } from "@/server/integrations/metrics";
import type { RawSeries } from "@/server/integrations/metrics/metrics-source";

const HOUR_S = 3600;
const STEP_S = 300;

/**
 * Delivery health of triggers whose deliveries Pub/Sub makes, from the subscription metrics the
 * shared layout's trigger sections chart (one query per metric for all regions, the last hour in
 * 5-minute steps): pushes summed over the hour, p99 latency the worst step's, backlog and oldest
 * age the latest step's. Cloud Monitoring has no per-delivery record, so the p50 latency, dead
 * letters and the last failure are not known here (null). A query that fails throws: the caller
 * shows the error rather than zeros.
 */
export async function metricsDeliveryHealth(
  triggers: { id: string; name: string }[],
  regions: string[],
): Promise<Map<string, TriggerHealth[]>> {
  const to = new Date(Math.floor(Date.now() / (STEP_S * 1000)) * STEP_S * 1000);
  const window = { from: new Date(to.getTime() - HOUR_S * 1000), to, stepSeconds: STEP_S };
  const source = metricsSource();
  const entries = await Promise.all(
    triggers.map(async (t) => {
      const tiles = new Map(
        serviceDashboard({ name: "", kind: "event-receiver", triggers: [t.name] })
          .sections.flatMap((s) => s.tiles)
          .map((tile) => [tile.id, tile]),
      );
      const query = (id: string): MetricQuery => {
        const dataset = tiles.get(`${t.name}-${id}`)?.datasets[0];
        if (!dataset || !("query" in dataset)) throw new Error(`the layout has no ${id} tile for ${t.name}`);
        return dataset.query;
      };
      const [pushed, latency, oldest, unacked] = await Promise.all(
        ["pushed", "push-latency", "oldest-unacked", "unacked"].map((id) =>
          source.listTimeSeries(query(id), window),
        ),
      );
      return [
        t.id,
        regions.map((region): TriggerHealth => ({
          region,
          pushedLastHour: Math.round(total(pushed!, region) * STEP_S),
          latencyP50Ms: null,
          latencyP99Ms: worst(latency!, region),
          backlog: Math.round(latest(unacked!, region, (a, b) => a + b) ?? 0),
          oldestUnackedSeconds: latest(oldest!, region, Math.max),
          deadLettered: null,
          lastFailure: null,
        })),
      ] as const;
    }),
  );
  return new Map(entries);
}

const inRegion = (series: RawSeries[], region: string) => series.filter((s) => s.region === region);
const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

/** The sum of every step of every series (rates × step = counts). */
const total = (series: RawSeries[], region: string) =>
  present(inRegion(series, region).flatMap((s) => s.points.map(([, v]) => v))).reduce((a, b) => a + b, 0);

/** The worst step of any series, or null without data. */
function worst(series: RawSeries[], region: string): number | null {
  const values = present(inRegion(series, region).flatMap((s) => s.points.map(([, v]) => v)));
  return values.length ? Math.max(...values) : null;
}

/** Each series' latest value, combined; null without data. */
function latest(
  series: RawSeries[],
  region: string,
  combine: (a: number, b: number) => number,
): number | null {
  const values = present(
    inRegion(series, region).map((s) => [...s.points].reverse().find(([, v]) => v !== null)?.[1] ?? null),
  );
  return values.length ? values.reduce(combine) : null;
}
