import "server-only";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { ReplayStatus } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import { kickReplayWorker } from "./replay-worker";

type Change = "pause" | "resume" | "cancel";

// What each control does from each state. A running job is paused or cancelled by its worker at
// the end of the batch in flight (it sees the new status before the next one).
const transitions: Record<Change, Partial<Record<ReplayStatus, ReplayStatus>>> = {
  pause: { queued: "paused", running: "paused" },
  resume: { paused: "queued" },
  cancel: { queued: "cancelled", paused: "cancelled", running: "cancelling" },
};

/** Pause, resume or cancel a replay: team members of the target service or admins; audited. */
export async function changeReplay(db: Db, actor: Actor, id: string, change: Change): Promise<void> {
  const job = await db.replayJob.findUnique({ where: { id }, select: { serviceName: true, status: true } });
  if (!job) throw notFound("Replay", id);
  const service = await db.service.findUnique({
    where: { name: job.serviceName },
    select: { team: { select: { name: true } } },
  });
  authorize(actor, "replay.run", service?.team.name);
  const next = transitions[change][job.status];
  if (!next)
    throw new AppError(
      "conflict",
      `A ${job.status} replay cannot be ${change === "cancel" ? "cancelled" : `${change}d`}`,
      [{ field: "status", rule: `is ${job.status}` }],
    );
  await db.$transaction(async (tx) => {
    const { count } = await tx.replayJob.updateMany({
      where: { id, status: job.status },
      data: {
        status: next,
        ...(next === "queued" ? { claimedBy: null, heartbeatAt: null } : {}),
        ...(next === "cancelled" ? { finishedAt: new Date() } : {}),
      },
    });
    if (count === 0) throw new AppError("conflict", "The replay changed meanwhile; reload and try again");
    await recordAudit(tx, actor, {
      action: `replay.${change}`,
      targetType: "service",
      targetId: job.serviceName,
      details: { replay: id, from: job.status, to: next },
    });
  });
  if (next === "queued") kickReplayWorker();
}
