import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { log } from "@/server/observability/logger";

const POLL_MS = 1_000;

export interface JobKind {
  name: string;
  /** Claims the next job for `worker` (queued, or abandoned by a worker that stopped heart-beating). */
  claim(worker: string): Promise<string | null>;
  /**
   * Carries out a claimed job; returns when it is done, paused or lost, or soon after `stopping`
   * aborts (graceful shutdown): at the end of the current batch or step, having handed the job back.
   */
  execute(id: string, worker: string, stopping: AbortSignal): Promise<void>;
  /** Hands a job in progress back (graceful shutdown). */
  release(id: string, worker: string): Promise<void>;
}

/**
 * One per portal process and kind of job: claims jobs from the database one at a time and carries
 * them out. Polls every second, so jobs queued by any process are picked up; `kick()` wakes it
 * at once for a job this process just queued. `stop()` is the graceful shutdown: no more claims,
 * the current job checkpoints and is handed back, so another process resumes it at once.
 */
export class JobWorker {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  private stopped = false;
  private wake: (() => void) | null = null;
  private current: string | null = null;
  private loop: Promise<void> | null = null;
  private stopping = new AbortController();

  constructor(private readonly kind: JobKind) {}

  /** Starts claiming (again, after stop()). */
  start(): void {
    if (this.loop && !this.stopped) return;
    this.stopped = false;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  kick(): void {
    this.wake?.();
  }

  /**
   * Stops claiming and asks the job in progress to checkpoint; waits for it up to `graceMs`, then
   * hands back whatever is still held (its next write then finds the claim gone and stops).
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.kick();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    if (this.current) await this.kind.release(this.current, this.id);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed: string | null = null;
      try {
        claimed = await this.kind.claim(this.id);
        // Stopped while claiming: give it straight back.
        if (claimed && this.stopped) {
          await this.kind.release(claimed, this.id);
          break;
        }
        if (claimed) {
          this.current = claimed;
          await this.kind.execute(claimed, this.id, this.stopping.signal);
        }
      } catch (error) {
        log.error(`${this.kind.name} worker failed`, error);
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
