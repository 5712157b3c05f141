import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ReplaySelection } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { eventArchive } from "@/server/integrations/event-archive";
import type { ArchivedEvent } from "@/server/integrations/event-archive/event-archive";
import { eventBus } from "@/server/integrations/event-bus";
import type { EventBus } from "@/server/integrations/event-bus/event-bus";
import { insertBusEvents } from "@/server/integrations/event-bus/bus-log";
import { recordAudit } from "@/server/services/audit/record-audit";
import { serviceUrl } from "@/server/services/catalog/service-url";
import { withArchive } from "./estimate-replay";
import { releaseReplay } from "./claim-replay";
import { pushToService, type PushFailure } from "./push-to-service";
import { regionFor, replayedEvent, type ReplayMarks } from "./replay-batch";
import { checkSelection, SERVICE_URL_UNKNOWN } from "./replay-plan";

/** A batch holds about one second of events at the job's rate. */
const MAX_BATCH = 500;
const HEARTBEAT_MS = 2_000;
const MAX_FAILURES_KEPT = 20;

class LostClaim extends Error {}

const lostClaimIsFalse = (error: unknown): false => {
  if (error instanceof LostClaim) return false;
  throw error;
};

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Carries out one claimed replay from its cursor: reads the archive in time order, one batch at a
 * time, and hands each batch to the target. On the embedded broker the batch's events and the
 * job's new cursor and counts are written in ONE transaction, so a crash or restart at any point
 * repeats nothing and skips nothing. On Pub/Sub the batch is pushed to the service (trigger target)
 * or published to the broker, then the cursor committed: a crash repeats at most that batch.
 * Between batches it keeps the rate, renews the claim and obeys pause and cancel. Returns when the
 * job is finished, paused, or lost, or after the batch in flight when `stopping` aborts (graceful
 * shutdown), having handed the job back.
 */
export async function executeReplay(
  db: Db,
  id: string,
  worker: string,
  stopping?: AbortSignal,
): Promise<void> {
  const job = await db.replayJob.findUniqueOrThrow({ where: { id } });
  const query = await checkSelection(db, job.query as ReplaySelection);
  const trigger = job.targetTrigger
    ? await db.trigger.findFirst({
        where: { name: job.targetTrigger },
        select: { id: true, service: { select: { regions: true } } },
      })
    : null;
  const bus = eventBus();
  const archive = eventArchive();
  const marks = { jobId: job.id, requestedBy: job.requestedBy };
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(job.ratePerSecond)));
  let cursor = job.cursor;
  const started = Date.now();
  let sentHere = 0;

  const finish = async (status: "completed" | "cancelled" | "failed", error?: string) => {
    await db.$transaction(async (tx) => {
      const done = await tx.replayJob.update({
        where: { id },
        data: {
          status,
          finishedAt: new Date(),
          claimedBy: null,
          heartbeatAt: null,
          ...(error ? { error } : {}),
        },
      });
      await recordAudit(tx, "system", {
        action: "replay.finish",
        targetType: "service",
        targetId: job.serviceName,
        details: {
          replay: id,
          status,
          total: done.total,
          sent: done.sent,
          failed: done.failed,
          ...(error ? { error } : {}),
        },
      });
    });
  };

  try {
    for (;;) {
      const now = await db.replayJob.findUniqueOrThrow({
        where: { id },
        select: { status: true, claimedBy: true },
      });
      if (now.claimedBy !== worker) return;
      // Shutting down: the last batch is committed; hand the job to another process.
      if (stopping?.aborted) return await releaseReplay(db, id, worker);
      if (now.status === "cancelling") return await finish("cancelled");
      if (now.status !== "running") return await releaseReplay(db, id, worker);
      if (job.targetKind === "trigger" && !trigger)
        return await finish("failed", `trigger ${job.targetTrigger} no longer exists`);
      if (trigger && bus.kind !== "embedded" && !serviceUrl(job.serviceName, trigger.service.regions[0]!))
        return await finish("failed", SERVICE_URL_UNKNOWN);

      const events = await withArchive(() => archive.read(query, cursor, batchSize));
      if (events.length === 0) return await finish("completed");
      const next = events.at(-1)!.cursor;

      if (bus.kind === "embedded") {
        // The whole batch in one statement, committed with the cursor.
        const rows = events.map((e) => ({
          region: trigger ? regionFor(e, trigger.service.regions) : job.targetRegion!,
          event: replayedEvent(e, marks),
          replay: { replayJobId: id, targetTriggerId: trigger?.id ?? null },
        }));
        const committed = await db
          .$transaction(async (tx) => {
            await insertBusEvents(tx, rows);
            await commitBatch(tx, id, worker, next, events.length, 0, []);
          })
          .then(() => true, lostClaimIsFalse);
        // Paused, cancelled or taken over meanwhile: the batch was rolled back; the loop's top
        // decides what comes next.
        if (!committed) continue;
      } else {
        // Pub/Sub: a single trigger's events go straight to the service's regional URL, a broker's
        // are published to its topic; then the cursor is committed, so a crash repeats at most
        // this batch (receivers deduplicate on `replayedfrom`).
        const failures = trigger
          ? await pushToService(
              events.map((e) => ({
                url: serviceUrl(job.serviceName, regionFor(e, trigger.service.regions))!,
                event: replayedEvent(e, marks),
                originalId: e.originalId,
              })),
            )
          : await publishToBroker(bus, job.targetRegion!, events, marks);
        const committed = await db
          .$transaction((tx) =>
            commitBatch(tx, id, worker, next, events.length - failures.length, failures.length, failures),
          )
          .then(() => true, lostClaimIsFalse);
        if (!committed) continue;
      }
      cursor = next;
      sentHere += events.length;
      await keepRate(db, id, worker, started + (sentHere * 1000) / job.ratePerSecond, stopping);
    }
  } catch (error) {
    await finish("failed", (error as Error).message).catch(() => {});
    throw error;
  }
}

async function publishToBroker(
  bus: EventBus,
  region: string,
  events: ArchivedEvent[],
  marks: ReplayMarks,
): Promise<PushFailure[]> {
  const failures: PushFailure[] = [];
  for (const e of events)
    await bus.publish(region, replayedEvent(e, marks)).catch((error: Error) => {
      failures.push({ originalId: e.originalId, reason: error.message });
    });
  return failures;
}

/** Advances the job by one batch, if this worker still holds it and it is still running. */
async function commitBatch(
  tx: Prisma.TransactionClient,
  id: string,
  worker: string,
  cursor: string,
  sent: number,
  failed: number,
  failures: PushFailure[],
): Promise<void> {
  const rows = await tx.$executeRaw`
    UPDATE "ReplayJob" SET cursor = ${cursor}, sent = sent + ${sent}, failed = failed + ${failed},
      failures = CASE WHEN ${failures.length}::int = 0 THEN failures
        ELSE (SELECT COALESCE(jsonb_agg(f), '[]'::jsonb) FROM (
          SELECT f FROM jsonb_array_elements(failures || ${JSON.stringify(failures)}::jsonb) AS f LIMIT ${MAX_FAILURES_KEPT}) AS kept) END,
      "heartbeatAt" = now(), "updatedAt" = now()
    WHERE id = ${id}::uuid AND "claimedBy" = ${worker} AND status = 'running'`;
  // Paused, cancelled or taken over meanwhile: the batch is rolled back and left for later.
  if (rows === 0) throw new LostClaim();
}

/** Waits until `until` (the rate), renewing the claim; returns early if the job stops running or the process stops. */
async function keepRate(
  db: Db,
  id: string,
  worker: string,
  until: number,
  stopping?: AbortSignal,
): Promise<void> {
  while (Date.now() < until && !stopping?.aborted) {
    await sleep(Math.min(HEARTBEAT_MS, until - Date.now()), stopping);
    const { count } = await db.replayJob.updateMany({
      where: { id, claimedBy: worker, status: "running" },
      data: { heartbeatAt: new Date() },
    });
    if (count === 0) return;
  }
}
