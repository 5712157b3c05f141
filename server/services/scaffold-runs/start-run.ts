import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { Db } from "@/server/db/client";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import { checkAnswers, invalidAnswers } from "@/server/services/scaffold/check-answers";
import { findTemplate } from "@/server/services/templates/template-catalog";
import { runSteps } from "./run-steps";
import { kickRunWorker } from "./run-worker";

export interface StartRunRequest {
  template: string;
  version?: string;
  params: unknown;
}

/**
 * Queues a scaffold run for checked answers and returns its id; the worker does the rest. With an
 * Idempotency-Key, the same key always answers the run it first created (a retried POST after a
 * lost response makes no second run). Only members of the chosen team (or admins) may start one.
 */
export async function startRun(
  db: Db,
  actor: Actor,
  request: StartRunRequest,
  idempotencyKey: string | null,
): Promise<{ id: string; replayed: boolean }> {
  if (idempotencyKey) {
    const existing = await db.scaffoldRun.findUnique({
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
  const template = await findTemplate(request.template, request.version);
  const answers = await checkAnswers(db, template, request.params);
  if (!answers.ok) throw invalidAnswers(answers.issues);
  const team = answers.params.team as string;
  authorize(actor, "service.create", team);
  const serviceName = answers.params.name as string;
  const inFlight = await db.scaffoldRun.findFirst({
    where: { serviceName, status: { in: ["queued", "running"] } },
    select: { id: true },
  });
  if (inFlight)
    throw new AppError("conflict", `A scaffold run for "${serviceName}" is already in progress`, [
      { field: "body.params.name", rule: `is being created by run ${inFlight.id}` },
    ]);
  const run = await db.$transaction(async (tx) => {
    const created = await tx.scaffoldRun.create({
      data: {
        idempotencyKey,
        templateId: template.id,
        templateVersion: template.version,
        params: answers.params,
        serviceName,
        requestedBy: actor.email,
        steps: { create: runSteps.map((s, position) => ({ name: s.name, position })) },
        logs: {
          create: {
            level: "info",
            message: `queued by ${actor.email}: ${template.id} ${template.version} → ${serviceName}`,
          },
        },
      },
    });
    await recordAudit(tx, actor, {
      action: "scaffold.start",
      targetType: "service",
      targetId: serviceName,
      details: { run: created.id, template: `${template.id}@${template.version}`, team },
    });
    return created;
  });
  kickRunWorker();
  return { id: run.id, replayed: false };
}
