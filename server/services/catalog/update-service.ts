import "server-only";
import type { ServiceUpdate } from "@/lib/catalog";
import type { ServiceDetail } from "@/lib/catalog-types";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { Db } from "@/server/db/client";
import { fromDbLifecycle, toDbLifecycle } from "@/server/db/enums";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import { detailInclude, toServiceDetail } from "./to-dto";

/** Changes a service's catalog entry; members of the owning team and admins only; audited. */
export async function updateService(
  db: Db,
  actor: Actor,
  name: string,
  change: ServiceUpdate,
): Promise<ServiceDetail> {
  return db.$transaction(async (tx) => {
    const before = await tx.service.findUnique({
      where: { name },
      include: { team: { select: { name: true } } },
    });
    if (!before) throw notFound("Service", name);
    const action = change.lifecycle === "retired" ? "service.retire" : "service.update";
    authorize(actor, action, before.team.name);
    const row = await tx.service.update({
      where: { name },
      data: {
        description: change.description,
        product: change.product,
        lifecycle: change.lifecycle ? toDbLifecycle(change.lifecycle) : undefined,
      },
      include: detailInclude,
    });
    const previous: ServiceUpdate = {
      description: before.description,
      product: before.product,
      lifecycle: fromDbLifecycle(before.lifecycle),
    };
    const fields = Object.keys(change) as (keyof ServiceUpdate)[];
    await recordAudit(tx, actor, {
      action,
      targetType: "service",
      targetId: name,
      details: { from: Object.fromEntries(fields.map((f) => [f, previous[f]])), to: change },
    });
    return toServiceDetail(row);
  });
}
