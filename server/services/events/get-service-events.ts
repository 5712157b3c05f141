import "server-only";
import type { TriggerFilter } from "@/lib/catalog-types";
import type { ServiceEvents, TriggerHealth } from "@/lib/events/api";
import { notFound } from "@/lib/errors";
import { pubsubFilter } from "@/lib/trigger-filter";
import type { Db } from "@/server/db/client";
import { eventBus } from "@/server/integrations/event-bus";
import { deliveryHealth } from "./delivery-health";
import { metricsDeliveryHealth } from "./metrics-delivery-health";

/**
 * What flows through a service: the types it publishes (and who consumes them), its triggers with
 * their filters, producers and delivery health per region. Health comes from the embedded
 * broker's delivery records, or, when the bus is Pub/Sub, from Cloud Monitoring's subscription
 * metrics (the deliveries happen in Pub/Sub then, not in the portal).
 */
export async function getServiceEvents(db: Db, name: string): Promise<ServiceEvents> {
  const service = await db.service.findUnique({
    where: { name },
    include: {
      publishes: {
        include: {
          eventType: {
            include: {
              triggers: { include: { service: { select: { name: true } } }, orderBy: { name: "asc" } },
            },
          },
        },
      },
      triggers: {
        include: {
          eventType: { include: { publishers: { include: { service: { select: { name: true } } } } } },
        },
        orderBy: { name: "asc" },
      },
    },
  });
  if (!service) throw notFound("Service", name);
  const bus = eventBus().kind;
  const triggers = service.triggers.map((t) => ({ id: t.id, name: t.name }));
  let health = new Map<string, TriggerHealth[]>();
  let healthError: string | null = null;
  try {
    health =
      bus === "embedded"
        ? await deliveryHealth(db, triggers, service.regions)
        : await metricsDeliveryHealth(triggers, service.regions);
  } catch (error) {
    healthError = `Delivery health could not be read: ${(error as Error).message}`;
  }
  return {
    service: service.name,
    regions: service.regions,
    bus,
    healthSource: bus === "embedded" ? "deliveries" : "cloud-monitoring",
    healthError,
    publishes: service.publishes
      .map((p) => ({
        type: p.eventType.type,
        description: p.eventType.description,
        recorded: p.eventType.recorded,
        consumers: p.eventType.triggers.map((t) => ({ service: t.service.name, trigger: t.name })),
      }))
      .sort((a, b) => a.type.localeCompare(b.type)),
    consumes: service.triggers.map((t) => {
      const filter = t.filter as TriggerFilter;
      return {
        name: t.name,
        type: t.eventType.type,
        filter,
        pubsubFilter: pubsubFilter(t.eventType.type, filter),
        pushEndpoint: t.pushEndpoint,
        producers: t.eventType.publishers.map((p) => p.service.name).sort(),
        health: health.get(t.id) ?? [],
      };
    }),
  };
}
