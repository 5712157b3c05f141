import "server-only";
import type { Db } from "@/server/db/client";
import type { CloudEventData } from "@/lib/events/cloudevent";
import { log } from "@/server/observability/logger";
import type { BusEvent, EventBus, Tail, TailOptions } from "./event-bus";
import {
  BUS_CHANNEL,
  busEventFromRow,
  insertBusEvents,
  readBusEventsAfter,
  type BusEventRow,
} from "./bus-log";

type Listen = (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

const POLL_MS = 1_000;
const BATCH = 500;
const READ_GAP_MS = 10;
const WRITE_BATCH = 500;

interface Pending {
  region: string;
  event: CloudEventData;
  resolve: (event: BusEvent) => void;
  reject: (error: unknown) => void;
}

interface Subscriber {
  options: TailOptions;
  onEvent: (event: BusEvent) => void;
}

/**
 * The embedded broker: a durable log table (one row per event and region, see bus-log.ts) and
 * one NOTIFY per insert statement (a group of publishes). Each process LISTENs once and reads new
 * rows once per wake-up, then fans them out in memory to its own tails; a poll every second covers
 * a notification lost while a LISTEN connection was being re-opened. So a tail sees events
 * published by any process.
 */
export function embeddedEventBus(getDb: () => Promise<Db>, listen: Listen): EventBus {
  const subscribers = new Set<Subscriber>();

  // Group commit: publishes that arrive while a write is in flight go into the next one, a single
  // statement for the lot; each is acknowledged only once its row is committed.
  const queue: Pending[] = [];
  let flushing = false;
  const write = async (batch: Pending[]) => {
    const { seqs, publishedAt } = await insertBusEvents(
      await getDb(),
      batch.map(({ region, event }) => ({ region, event })),
    );
    batch.forEach((p, i) =>
      p.resolve({ event: p.event, region: p.region, publishedAt, messageId: seqs[i]!.toString() }),
    );
  };
  const flush = async () => {
    flushing = true;
    while (queue.length) {
      const batch = queue.splice(0, WRITE_BATCH);
      try {
        await write(batch);
      } catch (error) {
        // One bad event must not fail the others: retry them one by one.
        if (batch.length === 1) batch[0]!.reject(error);
        else for (const p of batch) await write([p]).catch(p.reject);
      }
    }
    flushing = false;
  };
  let after: bigint | null = null;
  let started: Promise<void> | null = null;
  let stopListening: (() => Promise<void>) | null = null;
  let poll: NodeJS.Timeout | null = null;
  let reading: Promise<void> | null = null;
  let again = false;

  const readNew = async () => {
    const db = await getDb();
    for (;;) {
      const rows: BusEventRow[] = await readBusEventsAfter(db, after ?? 0n, BATCH);
      for (const row of rows) {
        after = row.seq;
        const event = busEventFromRow(row);
        for (const s of subscribers) if (matches(s.options, event)) deliver(s, event);
      }
      if (rows.length < BATCH) return;
    }
  };

  // One read at a time; a wake-up during a read schedules exactly one more. Reads are at least
  // READ_GAP_MS apart, so a burst of notifications costs a few reads, not one each.
  let lastRead = 0;
  let delayed: NodeJS.Timeout | null = null;
  const wake = () => {
    if (reading) {
      again = true;
      return;
    }
    const wait = lastRead + READ_GAP_MS - Date.now();
    if (wait > 0) {
      delayed ??= setTimeout(() => {
        delayed = null;
        wake();
      }, wait);
      return;
    }
    lastRead = Date.now();
    reading = readNew()
      .catch((error) => log.error("event bus read failed", error))
      .finally(() => {
        reading = null;
        if (again) {
          again = false;
          wake();
        }
      });
  };

  const start = () =>
    (started ??= (async () => {
      const db = await getDb();
      const [last] = await db.$queryRaw<{ max: bigint | null }[]>`SELECT max(seq) AS max FROM "BusEvent"`;
      after = last?.max ?? 0n;
      stopListening = await listen(BUS_CHANNEL, wake);
      poll = setInterval(wake, POLL_MS);
      poll.unref();
    })().catch((error) => {
      started = null;
      throw error;
    }));

  return {
    kind: "embedded",
    publish: (region: string, event: CloudEventData) =>
      new Promise<BusEvent>((resolve, reject) => {
        queue.push({ region, event, resolve, reject });
        if (!flushing) void flush();
      }),
    async tail(options, onEvent): Promise<Tail> {
      await start();
      const subscriber: Subscriber = { options, onEvent };
      subscribers.add(subscriber);
      return {
        async close() {
          subscribers.delete(subscriber);
        },
      };
    },
    async close() {
      subscribers.clear();
      if (poll) clearInterval(poll);
      if (delayed) clearTimeout(delayed);
      await stopListening?.();
      started = null;
    },
  };
}

function matches(options: TailOptions, event: BusEvent): boolean {
  if (!options.regions.includes(event.region)) return false;
  return !options.types?.length || options.types.includes(event.event.type);
}

function deliver(subscriber: Subscriber, event: BusEvent) {
  try {
    subscriber.onEvent(event);
  } catch (error) {
    log.error("tail subscriber failed", error);
  }
}
