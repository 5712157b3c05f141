import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/identity";

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  details?: Prisma.InputJsonValue;
}

/** Appends to the audit log inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Pick<Actor, "email"> | "system",
  entry: AuditRecord,
) {
  await tx.auditEntry.create({
    data: { actor: actor === "system" ? "system" : actor.email, ...entry, details: entry.details ?? {} },
  });
}
