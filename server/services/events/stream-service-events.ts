import "server-only";
import type { StreamQuery } from "@/lib/events/api";
import type { Db } from "@/server/db/client";
import { eventBus } from "@/server/integrations/event-bus";
import { busEventFromRow } from "@/server/integrations/event-bus/bus-log";
import type { BusEvent } from "@/server/integrations/event-bus/event-bus";
import { toEventView } from "./event-view";
import { serviceEventScope } from "./service-event-scope";

const KEEP_ALIVE_MS = 15_000;
/** Events replayed after a reconnect (Last-Event-ID), at most. */
const RESUME_LIMIT = 1_000;
/** A client this many events behind is skipped ahead (and told how many it missed). */
const MAX_QUEUED = 500;

const encoder = new TextEncoder();
// One encoding per event, shared by every connection that shows it.
const encoded = new WeakMap<BusEvent, Uint8Array>();
function frame(bus: BusEvent): Uint8Array {
  let bytes = encoded.get(bus);
  if (!bytes) {
    bytes = encoder.encode(
      `id: ${bus.messageId}\nevent: event\ndata: ${JSON.stringify(toEventView(bus))}\n\n`,
    );
    encoded.set(bus, bytes);
  }
  return bytes;
}

/**
 * A service's live tail as Server-Sent Events: `event` messages (an EventView, `id` = the bus's
 * message id), `dropped` when the client fell behind, keep-alive comments. On the embedded bus a
 * reconnect with Last-Event-ID first replays what was published after that id (the log is
 * durable); Pub/Sub tails start from the moment of connection.
 */
export async function streamServiceEvents(
  db: Db,
  name: string,
  query: StreamQuery,
  lastEventId: string | null,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const scope = await serviceEventScope(db, name, query);
  const bus = eventBus();
  const resumeAfter =
    bus.kind === "embedded" && /^\d{1,19}$/.test(lastEventId ?? "") ? BigInt(lastEventId!) : null;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let live = resumeAfter === null;
  let lastSeq = resumeAfter ?? 0n;
  const early: BusEvent[] = [];
  const backlog: BusEvent[] = [];
  let dropped = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const send = (bus: BusEvent) => {
    if ((controller.desiredSize ?? 0) <= 0) {
      dropped += 1;
      return;
    }
    if (dropped) {
      controller.enqueue(encoder.encode(`event: dropped\ndata: ${JSON.stringify({ count: dropped })}\n\n`));
      dropped = 0;
    }
    controller.enqueue(frame(bus));
  };
  // On the embedded log, seq order is commit order: an event at or below the last seq sent (the
  // log's reader may still deliver rows the backlog already covered) was sent already.
  const fresh = (event: BusEvent) => {
    if (bus.kind !== "embedded") return true;
    const seq = BigInt(event.messageId);
    if (seq <= lastSeq) return false;
    lastSeq = seq;
    return true;
  };
  const onEvent = (event: BusEvent) => {
    if (closed || !scope.includes(event)) return;
    if (!live) early.push(event);
    else if (fresh(event)) send(event);
  };

  const tail =
    scope.types.length && scope.regions.length
      ? await bus.tail({ regions: scope.regions, types: scope.types }, onEvent)
      : null;
  const close = () => {
    if (closed) return;
    closed = true;
    if (timer) clearInterval(timer);
    void tail?.close();
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  };
  signal.addEventListener("abort", close, { once: true });

  return new ReadableStream<Uint8Array>(
    {
      async start(c) {
        controller = c;
        controller.enqueue(encoder.encode(`retry: 2000\n: tail of ${scope.service}\n\n`));
        if (resumeAfter !== null && scope.types.length) {
          const rows = await db.busEvent.findMany({
            where: { seq: { gt: resumeAfter }, type: { in: scope.types }, region: { in: scope.regions } },
            orderBy: { seq: "asc" },
            take: RESUME_LIMIT,
          });
          for (const row of rows) {
            const event = busEventFromRow({ ...row, extensions: row.extensions as Record<string, string> });
            if (scope.includes(event)) backlog.push(event);
            lastSeq = row.seq;
          }
        }
        timer = setInterval(() => {
          if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
        }, KEEP_ALIVE_MS);
        timer.unref();
      },
      // The backlog goes out as the client reads (never more than the queue holds), then the
      // events that arrived meanwhile, then live ones.
      pull(c) {
        if (live) return;
        while (backlog.length && (c.desiredSize ?? 0) > 0) c.enqueue(frame(backlog.shift()!));
        if (backlog.length) return;
        for (const event of early.splice(0)) if (fresh(event)) send(event);
        live = true;
      },
      cancel: close,
    },
    { highWaterMark: MAX_QUEUED, size: () => 1 },
  );
}
