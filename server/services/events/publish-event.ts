import "server-only";
import type { CloudEventData } from "@/lib/events/cloudevent";
import type { PublishResult } from "@/lib/events/api";
import { AppError } from "@/lib/errors";
import { env } from "@/server/env";
import { eventBus } from "@/server/integrations/event-bus";

/**
 * Publishes a CloudEvent to the broker of one region, as the broker's ingress does: the caller's
 * verified identity is stamped as the `actor` extension (Pub/Sub attribute `ce-actor`).
 */
export async function publishEvent(
  email: string,
  region: string,
  event: CloudEventData,
): Promise<PublishResult> {
  const regions = env().MERIDIAN_REGIONS;
  if (!regions.includes(region))
    throw new AppError("bad_request", `Region ${region} has no broker`, [
      { field: "query.region", rule: `must be one of ${regions.join(", ")}` },
    ]);
  const published = await eventBus().publish(region, {
    ...event,
    extensions: { ...event.extensions, actor: email },
  });
  return {
    id: event.id,
    type: event.type,
    region,
    messageId: published.messageId,
    publishedAt: published.publishedAt.toISOString(),
  };
}
