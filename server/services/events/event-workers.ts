import "server-only";
import type { Db } from "@/server/db/client";
import { BUS_CHANNEL } from "@/server/integrations/event-bus/bus-log";
import { log } from "@/server/observability/logger";
import { compactEvents } from "./compact-events";
import { deliverEvents } from "./deliver-events";
import { dispatchEvents } from "./dispatch-events";

type Listen = (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

const POLL_MS = 1_000;
const COMPACT_MS = 10 * 60_000;
const MIN_ROUND_MS = 50;

/**
 * The embedded broker's background work in one portal process: dispatching new log entries to
 * triggers and the archive, pushing due deliveries, and every 10 minutes the retention
 * (compact-events.ts). Every process runs one; the database
 * decides who does what (a cursor lock, claimed deliveries). Wakes on every NOTIFY of the log and
 * at least once a second (retries come due, a notification may have been missed).
 */
export class EventWorkers {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private unlisten: (() => Promise<void>) | null = null;
  private compactedAt = 0;
  private lastRound = 0;
  private timedWake = false;

  constructor(
    private readonly db: Db,
    private readonly listen: Listen,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.listen(BUS_CHANNEL, () => void this.wake(false));
    this.schedule();
    void this.wake(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.();
    await this.running;
  }

  /**
   * Runs rounds until there is nothing left to do right now; resolves when idle (tests use it).
   * A notification wakes at most one round per MIN_ROUND_MS, so a burst is dispatched in batches;
   * pushes are tried when the dispatcher made some, and on every full round (the timer's, every
   * second, when retries come due; or a caller's).
   */
  wake(full = true): Promise<void> {
    this.timedWake ||= full;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const wait = this.lastRound + MIN_ROUND_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.lastRound = Date.now();
        const timedRound = this.timedWake;
        this.timedWake = false;
        try {
          let pending = 0;
          for (;;) {
            if (this.stopped) break;
            const round = await dispatchEvents(this.db);
            pending += round.pending;
            if (round.events === 0) break;
          }
          if (pending > 0 || timedRound) while (!this.stopped && (await deliverEvents(this.db)) > 0);
          if (Date.now() - this.compactedAt > COMPACT_MS) {
            this.compactedAt = Date.now();
            await compactEvents(this.db);
          }
        } catch (error) {
          if (!this.stopped) log.error("event workers failed", error);
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.wake(true).finally(() => this.schedule());
    }, POLL_MS);
    this.timer.unref();
  }
}

const globalForWorkers = globalThis as unknown as { meridianEventWorkers?: EventWorkers };

export async function startEventWorkers(db: Db, listen: Listen): Promise<EventWorkers> {
  if (!globalForWorkers.meridianEventWorkers) {
    globalForWorkers.meridianEventWorkers = new EventWorkers(db, listen);
    await globalForWorkers.meridianEventWorkers.start();
  }
  return globalForWorkers.meridianEventWorkers;
}
