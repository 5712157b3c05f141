import "server-only";
import type { DashboardResponse } from "@/lib/dashboards/dashboard-response";
import type { Db } from "@/server/db/client";
import type { MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { computeRegionHealth } from "./compute-region-health";
import { windowJson, type DashboardWindow } from "./dashboard-window";
import type { DegradedOptions } from "./detect-degraded-regions";
import { loadServiceLayout } from "./load-service-layout";
import { loadTiles } from "./load-tiles";

/**
 * A service's dashboard: the shared layout (lib/dashboards/service-layout.ts) with every tile
 * filled from `source` over `window`, and the region strip for every region the catalog lists.
 * 404 for an unknown service; a failing query marks its tile only.
 */
export async function getServiceDashboard(
  db: Db,
  source: MetricsSource,
  name: string,
  window: DashboardWindow,
  options: DegradedOptions = {},
): Promise<DashboardResponse> {
  const { service, layout } = await loadServiceLayout(db, name);
  const tiles = layout.sections.flatMap((s) => s.tiles);
  const filled = await loadTiles(source, tiles, window, service.regions, `service ${name}`);
  let next = 0;
  const sections = layout.sections.map(({ tiles: sectionTiles, ...section }) => ({
    ...section,
    tiles: sectionTiles.map(() => filled[next++]!),
  }));
  return {
    service: service.name,
    displayName: layout.displayName,
    source: source.kind,
    window: windowJson(window),
    regions: computeRegionHealth(service.regions, filled, options),
    sections,
    generatedAt: new Date().toISOString(),
  };
}
