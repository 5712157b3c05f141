import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/server/db/client";
import type { MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { log } from "@/server/observability/logger";
import { evaluateDueAlerts, type EvaluationTick } from "./evaluate-due-alerts";

export interface AlertWorkerOptions {
  intervalSeconds: number;
  /** How often to look for due services; defaults to a fifth of the interval, 1-10 s. */
  pollMs?: number;
  batch?: number;
  onTick?: (tick: EvaluationTick) => void;
}

/**
 * One per portal process: evaluates the alert policies of the services that are due, claimed
 * across processes (claim-evaluations.ts), so each service is evaluated by one worker at a time,
 * once per interval whichever processes run.
 */
export class AlertWorker {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly source: MetricsSource,
    private readonly options: AlertWorkerOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Looks for due services now (e.g. after a demo degradation was forced). */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  private get pollMs() {
    return (
      this.options.pollMs ?? Math.min(10_000, Math.max(1_000, (this.options.intervalSeconds * 1000) / 5))
    );
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        const tick = await evaluateDueAlerts(this.db, this.source, {
          worker: this.id,
          intervalSeconds: this.options.intervalSeconds,
          batch: this.options.batch,
        });
        busy = tick.evaluated.length + tick.lost.length > 0;
        this.options.onTick?.(tick);
      } catch (error) {
        if (!this.stopped) log.error("alert worker failed", error);
      }
      if (this.stopped || busy) continue;
      await new Promise<void>((resolve) => {
        this.timer = setTimeout(resolve, this.pollMs);
        this.timer.unref?.();
        this.wake = () => {
          if (this.timer) clearTimeout(this.timer);
          resolve();
        };
      });
    }
  }
}

const globalForWorker = globalThis as unknown as { meridianAlertWorker?: AlertWorker };

export function startAlertWorker(db: Db, source: MetricsSource, options: AlertWorkerOptions): AlertWorker {
  globalForWorker.meridianAlertWorker ??= new AlertWorker(db, source, options);
  globalForWorker.meridianAlertWorker.start();
  return globalForWorker.meridianAlertWorker;
}

/** Wakes this process's alert worker, if it runs one. */
export function kickAlertWorker(): void {
  globalForWorker.meridianAlertWorker?.kick();
}
