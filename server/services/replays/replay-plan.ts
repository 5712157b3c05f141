import "server-only";
import { AppError } from "@/lib/errors";
import type { ReplaySelection, ReplayTarget } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { eventBus } from "@/server/integrations/event-bus";
import { serviceUrl } from "@/server/services/catalog/service-url";
import type { ArchiveQuery } from "@/server/integrations/event-archive/event-archive";

export interface ResolvedService {
  name: string;
  team: string;
  regions: string[];
}

export interface ResolvedTarget {
  kind: "trigger" | "broker";
  triggerId: string | null;
  triggerName: string | null;
  /** Broker target: the region whose broker receives everything. */
  region: string | null;
}

const unprocessable = (field: string, rule: string) =>
  new AppError("unprocessable", `Invalid replay: ${field} ${rule}`, [{ field, rule }]);

export async function resolveService(db: Db, name: string): Promise<ResolvedService> {
  const service = await db.service.findUnique({
    where: { name },
    select: { name: true, regions: true, team: { select: { name: true } } },
  });
  if (!service) throw unprocessable("body.service", `"${name}" is not in the catalog`);
  return { name: service.name, team: service.team.name, regions: service.regions };
}

/** Only recorded types can be replayed: the archive holds nothing else. */
export async function checkSelection(db: Db, selection: ReplaySelection): Promise<ArchiveQuery> {
  const recorded = await db.eventType.findMany({
    where: { type: { in: selection.types }, recorded: true },
    select: { type: true },
  });
  const known = new Set(recorded.map((r) => r.type));
  const missing = selection.types.filter((t) => !known.has(t));
  if (missing.length)
    throw unprocessable(
      "body.selection.types",
      `${missing.join(", ")} is not recorded: only recorded types can be replayed`,
    );
  return {
    types: selection.types,
    from: new Date(selection.from),
    to: new Date(selection.to),
    ...(selection.subject ? { subject: selection.subject } : {}),
    ...(selection.source ? { source: selection.source } : {}),
    ...(selection.extensions ? { extensions: selection.extensions } : {}),
    ...(selection.data ? { data: selection.data } : {}),
  };
}

/** Why a single trigger cannot be the target on Pub/Sub: the service's URL is not known. */
export const SERVICE_URL_UNKNOWN =
  "replay to a single trigger pushes to the service's Cloud Run URL, which needs GCP_PROJECT_NUMBER (or MERIDIAN_SERVICE_URL_TEMPLATE) in the portal's configuration; without it, replay to a region's broker";

/**
 * The target: one trigger of the service (the default; only it receives the events: on the
 * embedded broker through the trigger's own delivery, on Pub/Sub pushed to the service's regional
 * URL with an ID token), or the whole broker of one region (every matching trigger receives them).
 */
export async function resolveTarget(
  db: Db,
  service: ResolvedService,
  selection: ReplaySelection,
  target: ReplayTarget,
): Promise<ResolvedTarget> {
  if (target.kind === "broker") {
    if (!env().MERIDIAN_REGIONS.includes(target.region))
      throw unprocessable("body.target.region", `must be one of ${env().MERIDIAN_REGIONS.join(", ")}`);
    return { kind: "broker", triggerId: null, triggerName: null, region: target.region };
  }
  if (eventBus().kind !== "embedded" && !serviceUrl(service.name, service.regions[0]!))
    throw unprocessable("body.target.kind", SERVICE_URL_UNKNOWN);
  const trigger = await db.trigger.findFirst({
    where: { name: target.trigger, service: { name: service.name } },
    select: { id: true, name: true, eventType: { select: { type: true } } },
  });
  if (!trigger) throw unprocessable("body.target.trigger", `is not a trigger of ${service.name}`);
  const other = selection.types.filter((t) => t !== trigger.eventType.type);
  if (other.length)
    throw unprocessable(
      "body.selection.types",
      `trigger ${trigger.name} receives only ${trigger.eventType.type}`,
    );
  return { kind: "trigger", triggerId: trigger.id, triggerName: trigger.name, region: null };
}
