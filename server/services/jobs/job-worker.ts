import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const POLL_MS = 1_000;

export interface JobKind {
  name: string;
  /** Claims the next job for `worker` (queued, or abandoned by a worker that stopped heart-beating). */
  claim(worker: string): Promise<string | null>;
  /** Carries out a claimed job; returns when it is done, paused or lost. */
  execute(id: string, worker: string): Promise<void>;
  /** Hands a job in progress back (graceful shutdown). */
  release(id: string, worker: string): Promise<void>;
}

/**
 * One per portal process and kind of job: claims jobs from the database one at a time and carries
 * them out. Polls every second, so jobs queued by any process are picked up; `kick()` wakes it
 * at once for a job this process just queued.
 */
export class JobWorker {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  private stopped = false;
  private wake: (() => void) | null = null;
  private current: string | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly kind: JobKind) {}

  /** Starts claiming (again, after stop()). */
  start(): void {
    if (this.loop && !this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  kick(): void {
    this.wake?.();
  }

  /** Stops claiming; a job in progress is handed back for another process. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    if (this.current) await this.kind.release(this.current, this.id);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed: string | null = null;
      try {
        claimed = await this.kind.claim(this.id);
        if (claimed) {
          this.current = claimed;
          await this.kind.execute(claimed, this.id);
        }
      } catch (error) {
        console.error(`[meridian] ${this.kind.name} worker:`, error);
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
