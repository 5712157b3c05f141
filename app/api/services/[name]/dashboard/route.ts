import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import { dashboardQuery } from "@/lib/dashboards/dashboard-query";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { apiRoute } from "@/server/http/api-route";
import { metricsSource } from "@/server/integrations/metrics";
import { dashboardWindow } from "@/server/services/dashboards/dashboard-window";
import { getServiceDashboard } from "@/server/services/dashboards/get-service-dashboard";

export const GET = apiRoute(
  { params: z.object({ name: serviceName }), query: dashboardQuery },
  async ({ params, query }) =>
    getServiceDashboard(await getDb(), metricsSource(), params.name, dashboardWindow(query), {
      factor: env().MERIDIAN_DEGRADED_FACTOR,
    }),
);
