import "server-only";
import type { TriggerFilter } from "@/lib/catalog-types";
import type { EventTypeSummary } from "@/lib/events/api";
import { notFound } from "@/lib/errors";
import { pubsubFilter } from "@/lib/trigger-filter";
import type { Db } from "@/server/db/client";

const include = {
  publishers: { include: { service: { select: { name: true } } } },
  triggers: { include: { service: { select: { name: true } } }, orderBy: { name: "asc" as const } },
};

type Row = Awaited<ReturnType<typeof load>>[number];
const load = (db: Db, type?: string) =>
  db.eventType.findMany({ where: type ? { type } : {}, include, orderBy: { type: "asc" } });

function toSummary(row: Row): EventTypeSummary {
  return {
    type: row.type,
    description: row.description,
    recorded: row.recorded,
    schema: row.schema ?? null,
    producers: row.publishers.map((p) => p.service.name).sort(),
    consumers: row.triggers.map((t) => ({
      service: t.service.name,
      trigger: t.name,
      filter: pubsubFilter(row.type, t.filter as TriggerFilter),
    })),
  };
}

/** Every event type the catalog knows, with the services that publish and consume it. */
export async function listEventTypes(db: Db): Promise<EventTypeSummary[]> {
  return (await load(db)).map(toSummary);
}

export async function getEventType(db: Db, type: string): Promise<EventTypeSummary> {
  const [row] = await load(db, type);
  if (!row) throw notFound("Event type", type);
  return toSummary(row);
}
