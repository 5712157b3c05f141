import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getDashboardTerraform } from "@/server/services/dashboards/get-dashboard-terraform";

export const GET = apiRoute({ params: z.object({ name: serviceName }) }, async ({ params }) =>
  getDashboardTerraform(await getDb(), params.name),
);
