import "server-only";
import type { TriggerHealth } from "@/lib/events/api";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import type { MetricQuery } from "@/lib/dashboards/types";
import { metricsSource } from "@/server/integrations/metrics";
import type { RawSeries } from "@/server/integrations/metrics/metrics-source";

const HOUR_S = 3600;

/**
 * Delivery health of triggers whose deliveries Pub/Sub makes, from the subscription metrics the
 * shared layout's trigger sections chart (one query per metric for all regions, over the last hour
 * as one step). Cloud Monitoring has no per-delivery record, so the p50 latency, dead letters and
 * the last failure are not known here (null).
 */
export async function metricsDeliveryHealth(
  triggers: { id: string; name: string }[],
  regions: string[],
): Promise<Map<string, TriggerHealth[]>> {
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const window = { from: new Date(to.getTime() - HOUR_S * 1000), to, stepSeconds: HOUR_S };
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
          source.listTimeSeries(query(id), window).catch(() => [] as RawSeries[]),
        ),
      );
      return [
        t.id,
        regions.map((region): TriggerHealth => ({
          region,
          pushedLastHour: Math.round((sumLast(pushed!, region) ?? 0) * HOUR_S),
          latencyP50Ms: null,
          latencyP99Ms: maxLast(latency!, region),
          backlog: Math.round(sumLast(unacked!, region) ?? 0),
          oldestUnackedSeconds: maxLast(oldest!, region),
          deadLettered: null,
          lastFailure: null,
        })),
      ] as const;
    }),
  );
  return new Map(entries);
}

const last = (s: RawSeries) => [...s.points].reverse().find(([, v]) => v !== null)?.[1] ?? null;

function values(series: RawSeries[], region: string): number[] {
  return series
    .filter((s) => s.region === region)
    .map(last)
    .filter((v): v is number => v !== null);
}

const sumLast = (series: RawSeries[], region: string) => {
  const v = values(series, region);
  return v.length ? v.reduce((a, b) => a + b, 0) : null;
};
const maxLast = (series: RawSeries[], region: string) => {
  const v = values(series, region);
  return v.length ? Math.max(...v) : null;
};
