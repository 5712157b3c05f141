import "server-only";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import { notFound } from "@/lib/errors";
import type { Db } from "@/server/db/client";
import { fromDbKind } from "@/server/db/enums";

/** A catalog service and its dashboard layout (the one definition every consumer reads). */
export async function loadServiceLayout(db: Db, name: string) {
  const service = await db.service.findUnique({
    where: { name },
    select: { name: true, kind: true, regions: true, triggers: { select: { name: true } } },
  });
  if (!service) throw notFound("Service", name);
  const layout = serviceDashboard({
    name: service.name,
    kind: fromDbKind(service.kind),
    triggers: service.triggers.map((t) => t.name),
  });
  return { service, layout };
}
