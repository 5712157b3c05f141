import "server-only";
import type { FleetHealth, ServiceHealth } from "@/lib/dashboards/fleet-health";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import type { Db } from "@/server/db/client";
import { fromDbKind } from "@/server/db/enums";
import type { MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { computeRegionHealth, HEALTH_TILE_IDS } from "./compute-region-health";
import { windowJson, type DashboardWindow } from "./dashboard-window";
import type { DegradedOptions } from "./detect-degraded-regions";
import { loadTiles } from "./load-tiles";

export interface FleetHealthOptions extends DegradedOptions {
  /** How many services are queried at once. Default 4. */
  concurrency?: number;
}

const healthTiles = new Set<string>(HEALTH_TILE_IDS);

/** Runs `fn` over `items` with at most `limit` calls in flight; results in the items' order. */
async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * The region strip of every service that is not retired, by name. Only the tiles the strip reads
 * are queried (request count, 5xx ratio, p95; a cron job's tiles, which have none of them),
 * `concurrency` services at a time.
 */
export async function getFleetHealth(
  db: Db,
  source: MetricsSource,
  window: DashboardWindow,
  options: FleetHealthOptions = {},
): Promise<FleetHealth> {
  const { concurrency = 4, ...degraded } = options;
  const services = await db.service.findMany({
    where: { lifecycle: { not: "retired" } },
    select: {
      name: true,
      kind: true,
      regions: true,
      team: { select: { name: true } },
      triggers: { select: { name: true } },
    },
    orderBy: { name: "asc" },
  });
  const health = await mapConcurrent(services, concurrency, async (service): Promise<ServiceHealth> => {
    const kind = fromDbKind(service.kind);
    const layout = serviceDashboard({
      name: service.name,
      kind,
      triggers: service.triggers.map((t) => t.name),
    });
    const all = layout.sections.flatMap((s) => s.tiles);
    const wanted = all.some((t) => healthTiles.has(t.id)) ? all.filter((t) => healthTiles.has(t.id)) : all;
    const tiles = await loadTiles(source, wanted, window, service.regions, `service ${service.name}`);
    return {
      name: service.name,
      team: service.team.name,
      kind,
      regions: computeRegionHealth(service.regions, tiles, degraded),
    };
  });
  return { generatedAt: new Date().toISOString(), window: windowJson(window), services: health };
}
