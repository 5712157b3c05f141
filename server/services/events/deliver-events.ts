import "server-only";
import type { Db } from "@/server/db/client";
import { busEventFromRow, readBusEvents } from "@/server/integrations/event-bus/bus-log";
import { pushCloudEvent } from "@/server/integrations/event-push/push-cloudevent";
import { telemetry } from "@/server/integrations/telemetry/telemetry";

const BATCH = 50;
/** How long a claimed delivery stays with its worker before another may take it. */
const CLAIM_SECONDS = 60;
const PUSH_TIMEOUT_MS = 10_000;

interface Due {
  id: bigint;
  busEventSeq: bigint;
  attempts: number;
  pushEndpoint: string;
  maxDeliveryAttempts: number;
  minimumBackoffSeconds: number;
  maximumBackoffSeconds: number;
}

/** Pub/Sub's exponential backoff: the minimum, doubled after every failed attempt, capped. */
export function backoffSeconds(failedAttempts: number, min: number, max: number): number {
  return Math.min(max, min * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * One round of pushes: claims due pending deliveries (any process may run this; SKIP LOCKED and
 * the claim keep two from pushing the same one at once), pushes each as a binary-mode CloudEvent,
 * and records the result: delivered on 2xx, otherwise retried after the trigger's backoff, and
 * dead-lettered once its attempts are used up. Returns how many deliveries were attempted.
 */
export async function deliverEvents(db: Db): Promise<number> {
  const due = await db.$queryRaw<Due[]>`
    UPDATE "Delivery" d SET "claimedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS})
    FROM "Trigger" t
    WHERE t.id = d."triggerId" AND d.id IN (
      SELECT id FROM "Delivery"
      WHERE status = 'pending' AND "nextAttemptAt" <= now() AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY "nextAttemptAt" LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d."busEventSeq", d.attempts, t."pushEndpoint", t."maxDeliveryAttempts",
      t."minimumBackoffSeconds", t."maximumBackoffSeconds"`;
  if (due.length === 0) return 0;
  const events = new Map(
    (
      await readBusEvents(
        db,
        due.map((d) => d.busEventSeq),
      )
    ).map((r) => [r.seq, r]),
  );
  await Promise.all(
    due.map(async (d) => {
      const row = events.get(d.busEventSeq);
      if (!row) return;
      const bus = busEventFromRow(row);
      const result = d.pushEndpoint
        ? await pushCloudEvent(d.pushEndpoint, bus.event, PUSH_TIMEOUT_MS)
        : { ok: true, status: null, error: null };
      const attempts = d.attempts + 1;
      if (result.ok) {
        await db.$executeRaw`UPDATE "Delivery" SET status = 'delivered', attempts = ${attempts},
          "lastStatus" = ${result.status}, "claimedUntil" = NULL, "finishedAt" = now(), "lastAttemptAt" = now(),
          "latencyMs" = GREATEST(0, (EXTRACT(EPOCH FROM now() - ${bus.publishedAt}::timestamptz) * 1000)::int)
          WHERE id = ${d.id}`;
        telemetry().count("meridian.event.deliveries", { outcome: "delivered" });
        return;
      }
      const dead = attempts >= d.maxDeliveryAttempts;
      const wait = backoffSeconds(attempts, d.minimumBackoffSeconds, d.maximumBackoffSeconds);
      await db.$executeRaw`UPDATE "Delivery" SET attempts = ${attempts}, "lastStatus" = ${result.status},
        "lastError" = ${result.error}, "claimedUntil" = NULL, "lastAttemptAt" = now(),
        status = ${dead ? "dead-lettered" : "pending"}::"DeliveryStatus",
        "finishedAt" = ${dead ? new Date() : null}::timestamptz,
        "nextAttemptAt" = now() + make_interval(secs => ${wait})
        WHERE id = ${d.id}`;
      telemetry().count("meridian.event.deliveries", { outcome: dead ? "dead-lettered" : "retried" });
    }),
  );
  return due.length;
}
