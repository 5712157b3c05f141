import "server-only";
import type { Db } from "@/server/db/client";
import { kickAlertWorker } from "./alert-worker";

/** Makes a service due now and wakes this process's alert worker (after a threshold or its traffic changed). */
export async function requestEvaluation(db: Db, service: string): Promise<void> {
  await db.alertSchedule.updateMany({ where: { service }, data: { dueAt: new Date() } });
  kickAlertWorker();
}
