import "server-only";
import type { TriggerFilter } from "@/lib/catalog-types";
import type { StreamQuery } from "@/lib/events/api";
import { eventAttribute, matchesTrigger } from "@/lib/events/match-filter";
import { notFound } from "@/lib/errors";
import type { Db } from "@/server/db/client";
import type { BusEvent } from "@/server/integrations/event-bus/event-bus";

export interface ServiceEventScope {
  service: string;
  /** The regions to watch: the service's, narrowed by the query. */
  regions: string[];
  /** Every type the service publishes or consumes, narrowed by the query. */
  types: string[];
  /** Whether an event flows through the service (published by it or received by a trigger of it). */
  includes(event: BusEvent): boolean;
}

/**
 * The events of one service, for its live tail: the types it publishes, and the events its
 * triggers receive (same matching as delivery), in its regions; then the query's own narrowing by
 * type, region and exact attribute values.
 */
export async function serviceEventScope(
  db: Db,
  name: string,
  query: StreamQuery,
): Promise<ServiceEventScope> {
  const service = await db.service.findUnique({
    where: { name },
    select: {
      name: true,
      regions: true,
      publishes: { select: { eventType: { select: { type: true } } } },
      triggers: { select: { id: true, filter: true, eventType: { select: { type: true } } } },
    },
  });
  if (!service) throw notFound("Service", name);
  const published = new Set(service.publishes.map((p) => p.eventType.type));
  const triggers = service.triggers.map((t) => ({
    id: t.id,
    type: t.eventType.type,
    filter: t.filter as TriggerFilter,
  }));
  const all = [...new Set([...published, ...triggers.map((t) => t.type)])].sort();
  const types = query.type ? all.filter((t) => query.type!.includes(t)) : all;
  const regions = query.region ? service.regions.filter((r) => query.region!.includes(r)) : service.regions;
  const typeSet = new Set(types);
  const attributes = Object.entries(query.attr ?? {});
  return {
    service: service.name,
    regions,
    types,
    includes(bus) {
      const e = bus.event;
      if (!typeSet.has(e.type) || !regions.includes(bus.region)) return false;
      if (attributes.some(([k, v]) => eventAttribute(e, k) !== v)) return false;
      if (bus.targetTriggerId) return triggers.some((t) => t.id === bus.targetTriggerId);
      return published.has(e.type) || triggers.some((t) => matchesTrigger(t.type, t.filter, e));
    },
  };
}
