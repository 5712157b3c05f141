import "server-only";
import type { Db } from "@/server/db/client";

// Claims over AlertSchedule rows, shared by every portal process through the database: one row per
// deployed service, due at `dueAt`. A claim lasts `leaseSeconds`; FOR UPDATE SKIP LOCKED keeps two
// processes from claiming the same service, and the write of the results checks the claim again
// (record-alert-states.ts), so a worker that lost its claim changes nothing.

/** Adds a schedule row, due now, for every deployed service that has none. */
export async function ensureSchedules(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "AlertSchedule" (service)
     SELECT name FROM "Service" WHERE lifecycle IN ('merged', 'live')
     ON CONFLICT (service) DO NOTHING`,
  );
}

/** Up to `limit` due services of deployed services, now claimed by `worker` for `leaseSeconds`. */
export async function claimDueEvaluations(
  db: Db,
  worker: string,
  limit: number,
  leaseSeconds: number,
): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ service: string }[]>(
    `UPDATE "AlertSchedule" SET "claimedBy" = $1, "claimedUntil" = now() + make_interval(secs => $2)
     WHERE service IN (
       SELECT a.service FROM "AlertSchedule" a JOIN "Service" s ON s.name = a.service
       WHERE s.lifecycle IN ('merged', 'live') AND a."dueAt" <= now()
         AND (a."claimedUntil" IS NULL OR a."claimedUntil" < now())
       ORDER BY a."dueAt"
       LIMIT $3
       FOR UPDATE OF a SKIP LOCKED
     )
     RETURNING service`,
    worker,
    leaseSeconds,
    limit,
  );
  return rows.map((r) => r.service).sort();
}

/** Gives claimed services back, due at once (graceful shutdown or a failed evaluation). */
export async function releaseEvaluations(db: Db, services: string[], worker: string): Promise<void> {
  if (services.length === 0) return;
  await db.alertSchedule.updateMany({
    where: { service: { in: services }, claimedBy: worker },
    data: { claimedBy: null, claimedUntil: null },
  });
}
