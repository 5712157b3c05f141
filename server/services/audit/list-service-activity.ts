import "server-only";
import type { AuditEntryView } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import type { Db } from "@/server/db/client";

/** The audit trail of one service, newest first. */
export async function listServiceActivity(
  db: Db,
  name: string,
  limit = 100,
): Promise<{ items: AuditEntryView[] }> {
  if (!(await db.service.findUnique({ where: { name }, select: { id: true } })))
    throw notFound("Service", name);
  const rows = await db.auditEntry.findMany({
    where: { targetType: "service", targetId: name },
    orderBy: { id: "desc" },
    take: limit,
  });
  return {
    items: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      details: r.details,
    })),
  };
}
