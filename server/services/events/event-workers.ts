import "server-only";
import type { Db } from "@/server/db/client";
import { BUS_CHANNEL } from "@/server/integrations/event-bus/bus-log";
import { compactEvents } from "./compact-events";
import { deliverEvents } from "./deliver-events";
import { dispatchEvents } from "./dispatch-events";

type Listen = (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

const POLL_MS = 1_000;
const COMPACT_MS = 10 * 60_000;

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

  constructor(
    private readonly db: Db,
    private readonly listen: Listen,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.listen(BUS_CHANNEL, () => this.wake());
    this.schedule();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.();
    await this.running;
  }

  /** Runs rounds until there is nothing left to do right now. Resolves when idle (tests use it). */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while (!this.stopped && (await dispatchEvents(this.db)) > 0);
          while (!this.stopped && (await deliverEvents(this.db)) > 0);
          if (Date.now() - this.compactedAt > COMPACT_MS) {
            this.compactedAt = Date.now();
            await compactEvents(this.db);
          }
        } catch (error) {
          if (!this.stopped) console.error("[meridian] event workers:", (error as Error).message);
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
      void this.wake().finally(() => this.schedule());
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
