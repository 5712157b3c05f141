import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { apiRoute } from "@/server/http/api-route";
import { cloudAlertPolicies } from "@/server/integrations/alert-policies";
import { metricsSource } from "@/server/integrations/metrics";
import { getServiceAlerts } from "@/server/services/alerts/get-service-alerts";

export const GET = apiRoute({ params: z.object({ name: serviceName }) }, async ({ params }) =>
  getServiceAlerts(await getDb(), metricsSource(), cloudAlertPolicies(), params.name, {
    intervalSeconds: env().MERIDIAN_ALERT_INTERVAL_SECONDS,
  }),
);
