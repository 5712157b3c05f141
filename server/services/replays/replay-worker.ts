import "server-only";
import type { Db } from "@/server/db/client";
import { JobWorker } from "@/server/services/jobs/job-worker";
import { claimNextReplay, releaseReplay } from "./claim-replay";
import { executeReplay } from "./execute-replay";

const globalForWorker = globalThis as unknown as { meridianReplayWorker?: JobWorker };

export function replayJobWorker(db: Db): JobWorker {
  return new JobWorker({
    name: "replay",
    claim: (worker) => claimNextReplay(db, worker),
    execute: (id, worker, stopping) => executeReplay(db, id, worker, stopping),
    release: (id, worker) => releaseReplay(db, id, worker),
  });
}

/** This process's replay worker (started by instrumentation.ts). */
export function startReplayWorker(db: Db): JobWorker {
  globalForWorker.meridianReplayWorker ??= replayJobWorker(db);
  globalForWorker.meridianReplayWorker.start();
  return globalForWorker.meridianReplayWorker;
}

/** Wakes this process's replay worker, if it runs one. */
export function kickReplayWorker(): void {
  globalForWorker.meridianReplayWorker?.kick();
}
