import type { ServiceKind } from "@/lib/catalog";
import type { DashboardResponse, RegionHealth } from "./dashboard-response";

// The JSON of GET /api/fleet/health: the region strip of every service that is not retired.

export interface ServiceHealth {
  name: string;
  /** The owning team's name. */
  team: string;
  kind: ServiceKind;
  /** One cell per region the catalog lists for the service, in its order. */
  regions: RegionHealth[];
}

export interface FleetHealth {
  generatedAt: string;
  window: DashboardResponse["window"];
  /** By name. */
  services: ServiceHealth[];
}
