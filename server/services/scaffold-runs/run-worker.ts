import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { claimNextRun, releaseRun } from "./claim-run";
import { executeRun } from "./execute-run";

const POLL_MS = 1_000;

/**
 * One per portal process: claims queued (or abandoned) scaffold runs and carries them out, one at a
 * time. Polls the database, so runs started by any process are picked up; `kick()` wakes it at once
 * for a run this process just queued.
 */
export class RunWorker {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  private stopped = false;
  private wake: (() => void) | null = null;
  private current: string | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  start(): void {
    this.loop ??= this.run();
  }

  kick(): void {
    this.wake?.();
  }

  /** Stops claiming; a run in progress is handed back to the queue for another process. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    if (this.current) await releaseRun(this.db, this.current, this.id);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed: string | null = null;
      try {
        claimed = await claimNextRun(this.db, this.id);
        if (claimed) {
          this.current = claimed;
          await executeRun(this.db, claimed, this.id);
        }
      } catch (error) {
        console.error("[meridian] scaffold worker:", error);
      } finally {
        this.current = null;
      }
      if (!claimed && !this.stopped)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }
}

const globalForWorker = globalThis as unknown as { meridianRunWorker?: RunWorker };

export function startRunWorker(db: Db): RunWorker {
  globalForWorker.meridianRunWorker ??= new RunWorker(db);
  globalForWorker.meridianRunWorker.start();
  return globalForWorker.meridianRunWorker;
}

/** Wakes this process's worker, if it runs one. */
export function kickRunWorker(): void {
  globalForWorker.meridianRunWorker?.kick();
}
