import "server-only";
import { eventBusBackend } from "@/lib/env-schema";
import { getDb, listenDb } from "@/server/db/client";
import { env } from "@/server/env";
import { pubsubEventBus } from "@/server/integrations/pubsub/pubsub-bus";
import { embeddedEventBus } from "./embedded-bus";
import type { EventBus } from "./event-bus";

const globalForBus = globalThis as unknown as { meridianEventBus?: EventBus };

/** The configured EventBus, chosen once per process: Pub/Sub (production) or the embedded log. */
export function eventBus(): EventBus {
  if (globalForBus.meridianEventBus) return globalForBus.meridianEventBus;
  const e = env();
  const bus =
    eventBusBackend(process.env) === "pubsub"
      ? pubsubEventBus({ projectId: e.GCP_PROJECT_ID!, broker: e.MERIDIAN_BROKER })
      : embeddedEventBus(getDb, listenDb);
  globalForBus.meridianEventBus = bus;
  return bus;
}
