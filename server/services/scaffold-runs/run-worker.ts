import "server-only";
import type { Db } from "@/server/db/client";
import { JobWorker } from "@/server/services/jobs/job-worker";
import { claimNextRun, releaseRun } from "./claim-run";
import { executeRun } from "./execute-run";

const globalForWorker = globalThis as unknown as { meridianRunWorker?: JobWorker };

/** This process's scaffold-run worker: claims queued (or abandoned) runs and carries them out. */
export function startRunWorker(db: Db): JobWorker {
  globalForWorker.meridianRunWorker ??= new JobWorker({
    name: "scaffold",
    claim: (worker) => claimNextRun(db, worker),
    execute: (id, worker, stopping) => executeRun(db, id, worker, stopping),
    release: (id, worker) => releaseRun(db, id, worker),
  });
  globalForWorker.meridianRunWorker.start();
  return globalForWorker.meridianRunWorker;
}

/** Wakes this process's worker, if it runs one. */
export function kickRunWorker(): void {
  globalForWorker.meridianRunWorker?.kick();
}
