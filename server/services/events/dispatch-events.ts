import "server-only";
import type { TriggerFilter } from "@/lib/catalog-types";
import { matchesTrigger } from "@/lib/events/match-filter";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";

type Tx = Prisma.TransactionClient;
import {
  busEventFromRow,
  readBusEventsAfter,
  type BusEventRow,
} from "@/server/integrations/event-bus/bus-log";

const CURSOR = "dispatcher";
const BATCH = 500;

interface TriggerRow {
  id: string;
  type: string;
  filter: TriggerFilter;
  pushEndpoint: string | null;
  regions: string[];
}

/**
 * The embedded broker's subscriptions, for one batch of the log: every new event is matched
 * against every trigger (in the regions its service runs in) and becomes a Delivery, pending for a
 * push endpoint, delivered at once to the inbox of a service without one; events of recorded types
 * are copied to the archive (RecordedEvent). A replayed event aimed at one trigger goes to that
 * trigger only, and is not archived again. The cursor advances in the same transaction, under a
 * row lock that one process holds at a time, so each event is dispatched exactly once.
 * Returns how many events were dispatched (0: nothing new, or another process holds the cursor)
 * and how many deliveries wait for a push.
 */
export async function dispatchEvents(db: Db): Promise<{ events: number; pending: number }> {
  await db.$executeRaw`INSERT INTO "BusCursor" (name, seq, "updatedAt") VALUES (${CURSOR}, 0, now())
    ON CONFLICT (name) DO NOTHING`;
  return db.$transaction(async (tx) => {
    const cursor = await tx.$queryRaw<{ seq: bigint }[]>`
      SELECT seq FROM "BusCursor" WHERE name = ${CURSOR} FOR UPDATE SKIP LOCKED`;
    const from = cursor[0]?.seq;
    if (from === undefined) return { events: 0, pending: 0 };
    const rows = await readBusEventsAfter(tx, from, BATCH);
    if (rows.length === 0) return { events: 0, pending: 0 };
    const [triggers, recorded] = await Promise.all([loadTriggers(tx), recordedTypes(tx)]);
    const deliveries: unknown[][] = [];
    for (const row of rows) {
      const { event } = busEventFromRow(row);
      for (const t of triggers)
        if (
          row.targetTriggerId
            ? t.id === row.targetTriggerId
            : t.regions.includes(row.region) && matchesTrigger(t.type, t.filter, event)
        )
          deliveries.push([row.seq, t.id, row.region, t.pushEndpoint === null]);
    }
    await insertDeliveries(tx, deliveries);
    await recordEvents(
      tx,
      rows.filter((r) => recorded.has(r.type) && !r.extensions.replayid),
    );
    await tx.$executeRaw`UPDATE "BusCursor" SET seq = ${rows.at(-1)!.seq}, "updatedAt" = now() WHERE name = ${CURSOR}`;
    return { events: rows.length, pending: deliveries.filter((d) => d[3] === false).length };
  });
}

async function loadTriggers(db: Tx): Promise<TriggerRow[]> {
  return db.$queryRaw<TriggerRow[]>`
    SELECT t.id::text AS id, e.type, t.filter, t."pushEndpoint", s.regions
    FROM "Trigger" t JOIN "EventType" e ON e.id = t."eventTypeId" JOIN "Service" s ON s.id = t."serviceId"
    WHERE s.lifecycle <> 'retired'`;
}

async function recordedTypes(db: Tx): Promise<Set<string>> {
  const rows = await db.eventType.findMany({ where: { recorded: true }, select: { type: true } });
  return new Set(rows.map((r) => r.type));
}

// [seq, triggerId, region, toInbox]: an inbox delivery is done on arrival (latency from publication).
async function insertDeliveries(db: Tx, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (_, i) => `($${i * 4 + 1}::bigint, $${i * 4 + 2}::uuid, $${i * 4 + 3}, $${i * 4 + 4}::boolean)`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Delivery" ("busEventSeq", "triggerId", region, status, attempts, "finishedAt", "latencyMs")
     SELECT v.seq, v.trigger, v.region,
       CASE WHEN v.inbox THEN 'delivered'::"DeliveryStatus" ELSE 'pending'::"DeliveryStatus" END,
       CASE WHEN v.inbox THEN 1 ELSE 0 END,
       CASE WHEN v.inbox THEN now() END,
       CASE WHEN v.inbox THEN GREATEST(0, (EXTRACT(EPOCH FROM now() - b."publishedAt") * 1000)::int) END
     FROM (VALUES ${values.join(", ")}) AS v(seq, trigger, region, inbox)
     JOIN "BusEvent" b ON b.seq = v.seq
     ON CONFLICT ("busEventSeq", "triggerId") DO NOTHING`,
    ...rows.flat(),
  );
}

async function recordEvents(db: Tx, rows: BusEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "RecordedEvent" ("busEventSeq", type, region, "eventId", source, subject, time, datacontenttype,
       extensions, data)
     SELECT seq, type, region, "eventId", source, subject, COALESCE(time, "publishedAt"), datacontenttype,
       extensions, data
     FROM "BusEvent" WHERE seq = ANY($1::bigint[])
     ON CONFLICT ("busEventSeq") DO NOTHING`,
    rows.map((r) => r.seq),
  );
}
