import "server-only";
import { servicePolicies } from "@/lib/alerts/policies";
import type { AlertPolicy } from "@/lib/alerts/types";
import { notFound } from "@/lib/errors";
import type { Db } from "@/server/db/client";
import { fromDbKind } from "@/server/db/enums";

export interface ServiceWithPolicies {
  name: string;
  team: string;
  regions: string[];
  policies: AlertPolicy[];
}

const select = {
  name: true,
  kind: true,
  regions: true,
  team: { select: { name: true } },
  triggers: { select: { name: true } },
  alertOverrides: { select: { policyId: true, threshold: true } },
} as const;

type Row = {
  name: string;
  kind: Parameters<typeof fromDbKind>[0];
  regions: string[];
  team: { name: string };
  triggers: { name: string }[];
  alertOverrides: { policyId: string; threshold: number }[];
};

function withPolicies(row: Row): ServiceWithPolicies {
  return {
    name: row.name,
    team: row.team.name,
    regions: row.regions,
    policies: servicePolicies(
      { name: row.name, kind: fromDbKind(row.kind), triggers: row.triggers.map((t) => t.name) },
      Object.fromEntries(row.alertOverrides.map((o) => [o.policyId, o.threshold])),
    ),
  };
}

/** A catalog service with its alert policies, its overrides applied; 404 when unknown. */
export async function loadServicePolicies(db: Db, name: string): Promise<ServiceWithPolicies> {
  const row = await db.service.findUnique({ where: { name }, select });
  if (!row) throw notFound("Service", name);
  return withPolicies(row);
}

/** The deployed services (merged or live) among `names` (all when omitted), with their policies. */
export async function loadDeployedPolicies(db: Db, names?: string[]): Promise<ServiceWithPolicies[]> {
  const rows = await db.service.findMany({
    where: { lifecycle: { in: ["merged", "live"] }, ...(names && { name: { in: names } }) },
    orderBy: { name: "asc" },
    select,
  });
  return rows.map(withPolicies);
}
