import { AlertsView } from "@/components/alerts/alerts-view";
import { roleFor } from "@/lib/identity";
import { currentActor } from "@/server/services/identity/current-actor";
import { loadService } from "../_lib/load-service";

/** The Alerts tab: the service's alert policies with live state per region. */
export default async function AlertsTab({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const [service, actor] = await Promise.all([loadService(name), currentActor()]);
  return <AlertsView service={service.name} canEdit={roleFor(actor, service.team.name) !== "viewer"} />;
}
