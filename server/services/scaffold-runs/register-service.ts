import "server-only";
import type { Ingress } from "@/generated/prisma/enums";
import type { TriggerFilter } from "@/lib/catalog-types";
import type { TemplateParams } from "@/lib/templates/types";
import type { Db } from "@/server/db/client";
import { toDbKind } from "@/server/db/enums";
import { recordAudit } from "@/server/services/audit/record-audit";
import { deriveValues, type TriggerAnswer } from "@/server/services/templates/derive-values";
import { serviceRoot } from "@/server/services/templates/render-template";
import { findTemplate } from "@/server/services/templates/template-catalog";
import type { RunRow } from "./run-steps";

interface CatalogTrigger {
  name: string;
  type: string;
  filter: TriggerFilter;
}

function triggersOf(kind: string, params: TemplateParams): CatalogTrigger[] {
  const name = params.name as string;
  if (kind === "github-bot")
    return [
      {
        name: `bot-trigger-${name}`,
        type: `dev.chainguard.github.${params.githubEvent as string}`,
        filter: {},
      },
    ];
  return ((params.triggers ?? []) as unknown as TriggerAnswer[]).map((t) => ({
    name: `${name}-${t.name}`,
    type: t.eventType,
    filter: {
      ...(t.sourcePrefix ? { prefix: { source: t.sourcePrefix } } : {}),
      ...(t.hasAttribute ? { has: [t.hasAttribute] } : {}),
      ...(t.notHasAttribute ? { notHas: [t.notHasAttribute] } : {}),
    },
  }));
}

/**
 * The service's catalog entry as "PR open", with its triggers and the event types it records,
 * keyed by the run: a second attempt finds the entry the first one wrote.
 */
export async function registerService(
  db: Db,
  run: RunRow,
  repository: string,
  pullRequest: { number: number; url: string },
): Promise<void> {
  const params = run.params as TemplateParams;
  const template = await findTemplate(run.templateId);
  if (await db.service.findUnique({ where: { scaffoldRunId: run.id }, select: { id: true } })) return;
  const derived = deriveValues(template.kind, params);
  const team = await db.team.findUniqueOrThrow({
    where: { name: params.team as string },
    select: { id: true },
  });
  const regions = (params.regions as string[] | undefined) ?? [params.region as string];
  await db.$transaction(async (tx) => {
    const service = await tx.service.create({
      data: {
        name: run.serviceName,
        teamId: team.id,
        product: params.product as string,
        description: (params.description as string) ?? "",
        kind: toDbKind(template.kind),
        regions,
        ...(derived.effectiveIngress ? { ingress: derived.effectiveIngress as Ingress } : {}),
        ...(params.egress ? { egress: params.egress as "ALL_TRAFFIC" | "PRIVATE_RANGES_ONLY" } : {}),
        ...(typeof params.minInstances === "number" ? { minInstances: params.minInstances } : {}),
        ...(typeof params.maxInstances === "number" ? { maxInstances: params.maxInstances } : {}),
        lifecycle: "pr_open",
        repository,
        path: serviceRoot(run.serviceName),
        templateId: template.id,
        templateVersion: template.version,
        scaffoldRunId: run.id,
        pullRequestNumber: pullRequest.number,
        pullRequestUrl: pullRequest.url,
        createdBy: run.requestedBy,
      },
    });
    for (const trigger of triggersOf(template.kind, params)) {
      const type = await tx.eventType.upsert({
        where: { type: trigger.type },
        create: { type: trigger.type },
        update: {},
      });
      await tx.trigger.create({
        data: {
          name: trigger.name,
          serviceId: service.id,
          eventTypeId: type.id,
          filter: { ...trigger.filter },
        },
      });
    }
    for (const recorded of (params.recorded ?? []) as unknown as { eventType: string }[]) {
      const type = await tx.eventType.upsert({
        where: { type: recorded.eventType },
        create: { type: recorded.eventType, recorded: true },
        update: { recorded: true },
      });
      await tx.eventPublisher.create({ data: { serviceId: service.id, eventTypeId: type.id } });
    }
    await recordAudit(
      tx,
      { email: run.requestedBy },
      {
        action: "service.propose",
        targetType: "service",
        targetId: run.serviceName,
        details: {
          run: run.id,
          template: `${template.id}@${template.version}`,
          pullRequest: pullRequest.url,
        },
      },
    );
  });
}
