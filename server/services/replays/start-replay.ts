import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { CreateReplayRequest } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import { archiveEstimate } from "./estimate-replay";
import { checkSelection, resolveService, resolveTarget } from "./replay-plan";
import { kickReplayWorker } from "./replay-worker";

/**
 * Queues a replay and returns its id. Only members of the team owning the target service (or
 * admins) may; a replay of more than MERIDIAN_REPLAY_CONFIRM_THRESHOLD events, or to a whole
 * broker, needs the service's name typed as `confirm`. The same Idempotency-Key answers the job it
 * first created. The request, the target and the selected count are audited.
 */
export async function startReplay(
  db: Db,
  actor: Actor,
  request: CreateReplayRequest,
  idempotencyKey: string | null,
): Promise<{ id: string; replayed: boolean }> {
  if (idempotencyKey) {
    const existing = await db.replayJob.findUnique({
      where: { idempotencyKey },
      select: { id: true, requestedBy: true },
    });
    if (existing) {
      if (existing.requestedBy !== actor.email)
        throw new AppError("conflict", "This Idempotency-Key was used by someone else", [
          { field: "headers.idempotency-key", rule: "must be unique to your request" },
        ]);
      return { id: existing.id, replayed: true };
    }
  }
  const service = await resolveService(db, request.service);
  authorize(actor, "replay.run", service.team);
  // A window reaching into the future is cut at now, so the job replays a fixed set of events.
  const selection = {
    ...request.selection,
    to: new Date(Math.min(Date.parse(request.selection.to), Date.now())).toISOString(),
  };
  const query = await checkSelection(db, selection);
  const target = await resolveTarget(db, service, selection, request.target);
  const { count } = await archiveEstimate(query, 0);
  if (count === 0)
    throw new AppError("unprocessable", "Nothing to replay: the selection matches no recorded event", [
      { field: "body.selection", rule: "matches no recorded event" },
    ]);
  const threshold = env().MERIDIAN_REPLAY_CONFIRM_THRESHOLD;
  const why =
    target.kind === "broker"
      ? `every trigger on the ${target.region} broker receives the events`
      : count > threshold
        ? `${count} events is more than ${threshold}`
        : null;
  if (why && request.confirm !== service.name)
    throw new AppError("unprocessable", `This replay needs confirmation: ${why}`, [
      { field: "body.confirm", rule: `type the service name "${service.name}" to confirm (${why})` },
    ]);
  const job = await db.$transaction(async (tx) => {
    const created = await tx.replayJob.create({
      data: {
        idempotencyKey,
        requestedBy: actor.email,
        serviceName: service.name,
        targetKind: target.kind,
        targetTrigger: target.triggerName,
        targetRegion: target.region,
        query: selection as Prisma.InputJsonValue,
        ratePerSecond: request.ratePerSecond,
        total: count,
        confirmedAs: why ? request.confirm! : null,
      },
    });
    await recordAudit(tx, actor, {
      action: "replay.create",
      targetType: "service",
      targetId: service.name,
      details: {
        replay: created.id,
        selection,
        target: request.target,
        ratePerSecond: request.ratePerSecond,
        selected: count,
        ...(why ? { confirmed: why } : {}),
      } as Prisma.InputJsonValue,
    });
    return created;
  });
  kickReplayWorker();
  return { id: job.id, replayed: false };
}
