import "server-only";
import type { ReplayJob } from "@/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { ReplaySelection, ReplayTarget, ReplayView } from "@/lib/replays";
import type { Db } from "@/server/db/client";

export function toReplayView(job: ReplayJob): ReplayView {
  const target: ReplayTarget =
    job.targetKind === "broker"
      ? { kind: "broker", region: job.targetRegion! }
      : { kind: "trigger", trigger: job.targetTrigger! };
  const remaining = Math.max(0, job.total - job.sent - job.failed);
  const running = job.status === "running" || job.status === "queued";
  return {
    id: job.id,
    service: job.serviceName,
    requestedBy: job.requestedBy,
    target,
    selection: job.query as ReplaySelection,
    ratePerSecond: job.ratePerSecond,
    status: job.status,
    total: job.total,
    sent: job.sent,
    failed: job.failed,
    remaining,
    etaSeconds: running ? Math.ceil(remaining / job.ratePerSecond) : null,
    failures: job.failures as ReplayView["failures"],
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export async function getReplay(db: Db, id: string): Promise<ReplayView> {
  const job = await db.replayJob.findUnique({ where: { id } });
  if (!job) throw notFound("Replay", id);
  return toReplayView(job);
}

/** Replays, newest first (of one service when given). */
export async function listReplays(db: Db, service?: string): Promise<ReplayView[]> {
  const jobs = await db.replayJob.findMany({
    where: service ? { serviceName: service } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return jobs.map(toReplayView);
}
