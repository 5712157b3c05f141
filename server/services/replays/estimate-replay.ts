import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { estimateRequest, ReplayEstimate } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { eventArchive } from "@/server/integrations/event-archive";
import { BigQueryArchiveError } from "@/server/integrations/bigquery/errors";
import { ArchiveQueryError } from "@/server/integrations/event-archive/archive-query";
import type { ArchiveQuery, ArchiveEstimate } from "@/server/integrations/event-archive/event-archive";
import { toEventView } from "@/server/services/events/event-view";
import { checkSelection, resolveService } from "./replay-plan";

/**
 * Runs an archive call, turning a selection it refuses into a 422 naming the field, a recorded type
 * the recorder has no table for into a 422 on the types, and BigQuery refusing the portal (or
 * failing) into a 503 that says what BigQuery said.
 */
export async function withArchive<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ArchiveQueryError)
      throw new AppError("unprocessable", `Invalid replay: ${error.message}`, [
        { field: `body.selection.${error.field}`, rule: error.rule },
      ]);
    if (error instanceof BigQueryArchiveError && error.reason === "table-not-found")
      throw new AppError("unprocessable", `Invalid replay: ${error.message}`, [
        { field: "body.selection.types", rule: `has no table in the recorder's dataset (${error.table})` },
      ]);
    if (error instanceof BigQueryArchiveError)
      throw new AppError("unavailable", `The event archive cannot be read now: ${error.message}`);
    throw error;
  }
}

export async function archiveEstimate(query: ArchiveQuery, sampleSize: number): Promise<ArchiveEstimate> {
  return withArchive(() => eventArchive().estimate(query, sampleSize));
}

/** What a replay would send: how many events, the bytes it scans (BigQuery), a sample as CloudEvents. */
export async function estimateReplay(
  db: Db,
  request: z.infer<typeof estimateRequest>,
): Promise<ReplayEstimate> {
  await resolveService(db, request.service);
  const query = await checkSelection(db, request.selection);
  const estimate = await archiveEstimate(query, request.sampleSize);
  return {
    count: estimate.count,
    bytesScanned: estimate.bytesScanned,
    archive: eventArchive().kind,
    confirmAbove: env().MERIDIAN_REPLAY_CONFIRM_THRESHOLD,
    sample: estimate.sample.map((a) =>
      toEventView({ event: a.event, region: a.region ?? "", publishedAt: a.time, messageId: a.cursor }),
    ),
  };
}
