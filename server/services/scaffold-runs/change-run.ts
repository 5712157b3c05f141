import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { RunDetail } from "@/lib/scaffold-runs";
import type { Db } from "@/server/db/client";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import { getRun } from "./read-runs";
import { appendRunLog } from "./run-log";
import { kickRunWorker } from "./run-worker";

async function teamOf(db: Db, id: string): Promise<string> {
  const run = await db.scaffoldRun.findUnique({ where: { id }, select: { params: true } });
  if (!run) throw new AppError("not_found", `Scaffold run "${id}" does not exist`);
  return (run.params as { team: string }).team;
}

/**
 * Asks the run to stop before its next step. Refused once the pull request exists (then close the
 * pull request instead). A queued run is cancelled at once.
 */
export async function cancelRun(db: Db, actor: Actor, id: string): Promise<RunDetail> {
  authorize(actor, "service.create", await teamOf(db, id));
  const before = await getRun(db, id);
  if (!before.cancellable)
    throw new AppError(
      "conflict",
      before.pullRequest
        ? `Run ${id} already opened pull request #${before.pullRequest.number}; close the pull request instead`
        : `Run ${id} is ${before.status}`,
    );
  await db.$transaction(async (tx) => {
    await tx.scaffoldRun.update({ where: { id }, data: { cancelRequested: true } });
    await tx.scaffoldRun.updateMany({
      where: { id, status: "queued" },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "scaffold.cancel",
      targetType: "service",
      targetId: before.serviceName,
      details: { run: id },
    });
  });
  await appendRunLog(db, id, "warn", `cancel requested by ${actor.email}`);
  return getRun(db, id);
}

/** Queues a failed run again; it resumes at the step that failed (done steps are not repeated). */
export async function retryRun(db: Db, actor: Actor, id: string): Promise<RunDetail> {
  authorize(actor, "service.create", await teamOf(db, id));
  const { count } = await db.scaffoldRun.updateMany({
    where: { id, status: "failed" },
    data: { status: "queued", error: null, finishedAt: null, claimedBy: null, heartbeatAt: null },
  });
  if (count === 0)
    throw new AppError("conflict", `Run ${id} is not failed; only a failed run can be retried`);
  await db.scaffoldRunStep.updateMany({
    where: { runId: id, status: "failed" },
    data: { status: "pending", error: null },
  });
  await appendRunLog(db, id, "info", `retry requested by ${actor.email}`);
  const run = await getRun(db, id);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "scaffold.retry",
      targetType: "service",
      targetId: run.serviceName,
      details: { run: id },
    }),
  );
  kickRunWorker();
  return run;
}
