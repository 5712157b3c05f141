import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ServiceDetail, ServiceSummary, TriggerFilter } from "@/lib/catalog-types";
import { fromDbKind, fromDbLifecycle } from "@/server/db/enums";

export const summarySelect = {
  name: true,
  product: true,
  description: true,
  kind: true,
  regions: true,
  lifecycle: true,
  isDemo: true,
  createdAt: true,
  team: { select: { name: true, displayName: true } },
} satisfies Prisma.ServiceSelect;

type SummaryRow = Prisma.ServiceGetPayload<{ select: typeof summarySelect }>;

export function toServiceSummary(row: SummaryRow): ServiceSummary {
  return {
    name: row.name,
    team: row.team,
    product: row.product,
    description: row.description,
    kind: fromDbKind(row.kind),
    regions: row.regions,
    lifecycle: fromDbLifecycle(row.lifecycle),
    isDemo: row.isDemo,
    createdAt: row.createdAt.toISOString(),
  };
}

export const detailInclude = {
  team: { select: { name: true, displayName: true } },
  publishes: { include: { eventType: true }, orderBy: { eventType: { type: "asc" } } },
  triggers: { include: { eventType: true }, orderBy: { name: "asc" } },
} satisfies Prisma.ServiceInclude;

type DetailRow = Prisma.ServiceGetPayload<{ include: typeof detailInclude }>;

export function toServiceDetail(row: DetailRow): ServiceDetail {
  return {
    ...toServiceSummary(row),
    ingress: row.ingress,
    egress: row.egress,
    scaling: { minInstances: row.minInstances, maxInstances: row.maxInstances },
    repository: row.repository,
    path: row.path,
    template: row.templateId ? { id: row.templateId, version: row.templateVersion } : null,
    pullRequest:
      row.pullRequestNumber !== null && row.pullRequestUrl
        ? { number: row.pullRequestNumber, url: row.pullRequestUrl }
        : null,
    scaffoldRunId: row.scaffoldRunId,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    publishes: row.publishes.map((p) => ({
      type: p.eventType.type,
      description: p.eventType.description,
      recorded: p.eventType.recorded,
    })),
    triggers: row.triggers.map((t) => ({
      name: t.name,
      type: t.eventType.type,
      filter: t.filter as TriggerFilter,
    })),
  };
}
