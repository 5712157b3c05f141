import "server-only";
import { dashboardHcl, dashboardResourceName } from "@/lib/dashboards/dashboard-hcl";
import { dashboardJson } from "@/lib/dashboards/dashboard-json";
import type { DashboardTerraform } from "@/lib/dashboards/dashboard-response";
import type { Db } from "@/server/db/client";
import { loadServiceLayout } from "./load-service-layout";

/** The same layout the Health tab draws, as the Terraform that creates the console dashboard. */
export async function getDashboardTerraform(db: Db, name: string): Promise<DashboardTerraform> {
  const { service, layout } = await loadServiceLayout(db, name);
  const resourceName = dashboardResourceName(service.name);
  return {
    service: service.name,
    resourceName,
    hcl: dashboardHcl(layout, { resourceName }),
    json: dashboardJson(layout),
  };
}
