import "server-only";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

// Claims over ScaffoldRun rows, shared by every portal process through the database. A run is
// claimable when queued, or when running under a claim whose heartbeat is older than
// MERIDIAN_JOB_STALE_SECONDS (its worker died). FOR UPDATE SKIP LOCKED keeps two processes from
// claiming the same run; every later write checks `claimedBy`, so a worker that lost its claim
// cannot overwrite the new owner's progress.

/** The next claimable run, now claimed by `worker`, or null. */
export async function claimNextRun(db: Db, worker: string): Promise<string | null> {
  const stale = env().MERIDIAN_JOB_STALE_SECONDS;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "ScaffoldRun" SET status = 'running', "claimedBy" = $1, "heartbeatAt" = now(), attempts = attempts + 1,
       "updatedAt" = now()
     WHERE id = (
       SELECT id FROM "ScaffoldRun"
       WHERE status = 'queued'
          OR (status = 'running' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => $2)))
       ORDER BY "createdAt"
       LIMIT 1
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id::text AS id`,
    worker,
    stale,
  );
  return rows[0]?.id ?? null;
}

/** Renews the claim; false when another worker has taken the run over (or it finished). */
export async function heartbeat(db: Db, runId: string, worker: string): Promise<boolean> {
  const { count } = await db.scaffoldRun.updateMany({
    where: { id: runId, claimedBy: worker, status: "running" },
    data: { heartbeatAt: new Date() },
  });
  return count === 1;
}

/** Gives the run back without finishing it (graceful shutdown): another worker may claim it at once. */
export async function releaseRun(db: Db, runId: string, worker: string): Promise<void> {
  await db.scaffoldRun.updateMany({
    where: { id: runId, claimedBy: worker, status: "running" },
    data: { status: "queued", claimedBy: null, heartbeatAt: null },
  });
}
