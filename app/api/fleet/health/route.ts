import { fleetHealthQuery } from "@/lib/dashboards/dashboard-query";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { apiRoute } from "@/server/http/api-route";
import { metricsSource } from "@/server/integrations/metrics";
import { dashboardWindow } from "@/server/services/dashboards/dashboard-window";
import { getFleetHealth } from "@/server/services/dashboards/get-fleet-health";

export const GET = apiRoute({ query: fleetHealthQuery }, async ({ query }) =>
  getFleetHealth(await getDb(), metricsSource(), dashboardWindow(query), {
    factor: env().MERIDIAN_DEGRADED_FACTOR,
  }),
);
