import "server-only";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

/**
 * Claims the oldest queued replay, or a running (or cancelling) one whose worker stopped
 * heart-beating for MERIDIAN_JOB_STALE_SECONDS, for `worker`. SKIP LOCKED keeps two processes
 * from claiming the same job; every later write checks `claimedBy`.
 */
export async function claimNextReplay(db: Db, worker: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "ReplayJob" SET
       status = CASE WHEN status = 'cancelling' THEN 'cancelling'::"ReplayStatus" ELSE 'running'::"ReplayStatus" END,
       "claimedBy" = $1, "heartbeatAt" = now(), "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
     WHERE id = (
       SELECT id FROM "ReplayJob"
       WHERE status = 'queued'
          OR (status IN ('running', 'cancelling')
              AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => $2)))
       ORDER BY "createdAt"
       LIMIT 1
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id::text AS id`,
    worker,
    env().MERIDIAN_JOB_STALE_SECONDS,
  );
  return rows[0]?.id ?? null;
}

/** Gives a job back (graceful shutdown, or paused): another worker may claim it when it is queued. */
export async function releaseReplay(db: Db, id: string, worker: string): Promise<void> {
  await db.replayJob.updateMany({
    where: { id, claimedBy: worker },
    data: { claimedBy: null, heartbeatAt: null },
  });
  await db.replayJob.updateMany({
    where: { id, status: "running", claimedBy: null },
    data: { status: "queued" },
  });
}
