import "server-only";
import type { CloudEventData } from "@/lib/events/cloudevent";
import { idTokenAuthorization } from "@/server/integrations/google-id-token/id-token";
import { pushCloudEvent, type PushResult } from "@/server/integrations/event-push/push-cloudevent";

export interface ServicePush {
  /** The service's regional URL (from `serviceUrl`). */
  url: string;
  event: CloudEventData;
  originalId: string | null;
}

export interface PushFailure {
  originalId: string | null;
  reason: string;
}

const TIMEOUT_MS = 30_000;
const CONCURRENCY = 8;
/** Delays before the second and third attempt of an event the service did not take (429, 5xx, no answer). */
const RETRY_DELAYS_MS = [500, 2_000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (r: PushResult) => r.status === null || r.status === 429 || r.status >= 500;

/**
 * Delivers a batch straight to the service, as its trigger's push subscription would: a binary-mode
 * CloudEvent POSTed to its regional URL with a Google ID token whose audience is that URL, so only
 * the service receives it. Up to CONCURRENCY pushes are in flight, started in time order; an event
 * the service did not take is tried three times. Returns the events that failed, with the reason.
 * Throws when no ID token can be had: then nothing would be accepted, and the job should fail
 * saying so rather than count every event as failed.
 */
export async function pushToService(batch: ServicePush[]): Promise<PushFailure[]> {
  const authorization = new Map<string, string>();
  for (const origin of new Set(batch.map((p) => new URL(p.url).origin)))
    authorization.set(
      origin,
      await idTokenAuthorization(origin).catch((error: Error) => {
        throw new Error(`no Google ID token for ${origin}: ${error.message}`);
      }),
    );
  const failures: PushFailure[] = [];
  let next = 0;
  const lane = async () => {
    while (next < batch.length) {
      const push = batch[next++]!;
      const token = authorization.get(new URL(push.url).origin)!;
      let result = await pushCloudEvent(push.url, push.event, TIMEOUT_MS, token);
      for (const delay of RETRY_DELAYS_MS) {
        if (result.ok || !retryable(result)) break;
        await sleep(delay);
        result = await pushCloudEvent(push.url, push.event, TIMEOUT_MS, token);
      }
      if (!result.ok) failures.push({ originalId: push.originalId, reason: `${push.url}: ${result.error}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, lane));
  return failures;
}
