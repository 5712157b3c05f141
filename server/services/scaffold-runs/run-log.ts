import "server-only";
import type { Db } from "@/server/db/client";

export type LogLevel = "info" | "warn" | "error";

/** Appends a line to a run's log (the SSE stream's events; their ids are the rows' ids). */
export async function appendRunLog(db: Db, runId: string, level: LogLevel, message: string): Promise<void> {
  await db.scaffoldRunLog.create({ data: { runId, level, message } });
}
