import "server-only";
import { randomUUID } from "node:crypto";
import type { CloudEventData } from "@/lib/events/cloudevent";
import type { ArchivedEvent } from "@/server/integrations/event-archive/event-archive";

export interface ReplayMarks {
  jobId: string;
  requestedBy: string;
}

/**
 * The event as replayed: a new id, the replay's marks (`replayid` = the job, `replayedfrom` = the
 * original id, so receivers can deduplicate) and the replayer as `actor`, as the broker's ingress
 * would stamp it.
 */
export function replayedEvent(archived: ArchivedEvent, marks: ReplayMarks): CloudEventData {
  const { event } = archived;
  return {
    ...event,
    id: randomUUID(),
    extensions: {
      ...event.extensions,
      actor: marks.requestedBy,
      replayid: marks.jobId,
      replayedfrom: archived.originalId ?? event.id,
    },
  };
}

/** The region a trigger-targeted event goes to: where it was recorded, if the service runs there. */
export function regionFor(archived: ArchivedEvent, serviceRegions: string[]): string {
  return archived.region && serviceRegions.includes(archived.region) ? archived.region : serviceRegions[0]!;
}
