import { fleetAlertsQuery } from "@/lib/alerts/alert-api";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listFleetAlerts } from "@/server/services/alerts/list-fleet-alerts";

export const GET = apiRoute({ query: fleetAlertsQuery }, async ({ query }) =>
  listFleetAlerts(await getDb(), query),
);
