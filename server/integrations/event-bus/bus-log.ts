import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CloudEventData } from "@/lib/events/cloudevent";
import type { BusEvent } from "./event-bus";

/**
 * NOTIFY channel announcing new rows of the embedded log; the payload is the seq of the row (the
 * last row, for a batch). It is only a wake-up: readers fetch every row after the seq they saw.
 */
export const BUS_CHANNEL = "meridian_bus";

// Any constant shared by every Meridian process: held while a row is inserted, so seq order is
// commit order and a reader that remembers the last seq it saw never skips a late commit.
const BUS_LOCK_KEY = 72_0002;

/** The client or a transaction: the log is read and written with raw SQL only. */
type Sql = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

export interface BusEventRow {
  seq: bigint;
  region: string;
  eventId: string;
  type: string;
  source: string;
  subject: string | null;
  time: Date | null;
  datacontenttype: string | null;
  dataschema: string | null;
  extensions: Record<string, string>;
  data: Uint8Array;
  publishedAt: Date;
  targetTriggerId: string | null;
}

/** Replay marks of a log row: the job that published it, and the one trigger it is for. */
export interface ReplayTargeting {
  replayJobId: string;
  targetTriggerId: string | null;
}

const COLUMNS = `seq, region, "eventId", type, source, subject, time, datacontenttype, dataschema, extensions,
  data, "publishedAt", "targetTriggerId"::text AS "targetTriggerId"`;

/** One event of a batch for `insertBusEvents`. */
export interface BusEventInsert {
  region: string;
  event: CloudEventData;
  replay?: ReplayTargeting;
}

/**
 * Appends events in one statement, in the order given, under a transaction-level advisory lock (so
 * seq order is commit order and a reader that remembers the last seq it saw never skips a late
 * commit), and announces them with ONE notification (its payload, the last seq, is only a wake-up:
 * readers fetch every row after the seq they last saw). In a transaction, the rows commit together
 * with whatever else it writes (a replay's cursor). Returns the seqs, in order, and the time the
 * log took them.
 */
export async function insertBusEvents(
  db: Sql,
  rows: BusEventInsert[],
): Promise<{ seqs: bigint[]; publishedAt: Date }> {
  if (rows.length === 0) return { seqs: [], publishedAt: new Date() };
  // The batch travels as one JSON parameter (bytes as base64): no limit on bind parameters, and
  // the same on PGlite and pg.
  const batch = rows.map(({ region, event, replay }, n) => ({
    n,
    region,
    eventId: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject ?? null,
    time: event.time ?? null,
    datacontenttype: event.datacontenttype ?? null,
    dataschema: event.dataschema ?? null,
    extensions: event.extensions,
    data: Buffer.from(event.data).toString("base64"),
    replayJobId: replay?.replayJobId ?? null,
    targetTriggerId: replay?.targetTriggerId ?? null,
  }));
  const inserted = await db.$queryRawUnsafe<{ seqs: bigint[]; publishedAt: Date; notified: unknown }[]>(
    `WITH inserted AS (
       INSERT INTO "BusEvent" (region, "eventId", type, source, subject, time, datacontenttype, dataschema,
         extensions, data, "replayJobId", "targetTriggerId")
       SELECT r.region, r."eventId", r.type, r.source, r.subject, r.time, r.datacontenttype, r.dataschema,
         r.extensions, decode(r.data, 'base64'), r."replayJobId", r."targetTriggerId"
       FROM (SELECT pg_advisory_xact_lock(${BUS_LOCK_KEY})) AS serialised,
         jsonb_to_recordset($1::jsonb) AS r(n int, region text, "eventId" text, type text,
           source text, subject text, time timestamptz, datacontenttype text, dataschema text,
           extensions jsonb, data text, "replayJobId" uuid, "targetTriggerId" uuid)
       ORDER BY r.n
       RETURNING seq, "publishedAt"
     )
     SELECT array_agg(seq ORDER BY seq) AS seqs, min("publishedAt") AS "publishedAt",
       pg_notify('${BUS_CHANNEL}', max(seq)::text)::text AS notified
     FROM inserted`,
    JSON.stringify(batch),
  );
  const seqs = inserted[0]?.seqs ?? [];
  if (seqs.length !== rows.length)
    throw new Error(`the event log inserted ${seqs.length} of ${rows.length} rows`);
  return { seqs: seqs.map((seq) => BigInt(seq)), publishedAt: inserted[0]!.publishedAt };
}

export async function readBusEventsAfter(db: Sql, after: bigint, limit: number): Promise<BusEventRow[]> {
  return db.$queryRawUnsafe<BusEventRow[]>(
    `SELECT ${COLUMNS} FROM "BusEvent" WHERE seq > $1 ORDER BY seq LIMIT $2`,
    after,
    limit,
  );
}

export async function readBusEvents(db: Sql, seqs: bigint[]): Promise<BusEventRow[]> {
  if (seqs.length === 0) return [];
  return db.$queryRawUnsafe<BusEventRow[]>(
    `SELECT ${COLUMNS} FROM "BusEvent" WHERE seq = ANY($1::bigint[]) ORDER BY seq`,
    seqs,
  );
}

export function busEventFromRow(row: BusEventRow): BusEvent {
  return {
    region: row.region,
    publishedAt: row.publishedAt,
    messageId: row.seq.toString(),
    ...(row.targetTriggerId ? { targetTriggerId: row.targetTriggerId } : {}),
    event: {
      specversion: "1.0",
      id: row.eventId,
      source: row.source,
      type: row.type,
      ...(row.subject !== null ? { subject: row.subject } : {}),
      ...(row.time !== null ? { time: row.time.toISOString() } : {}),
      ...(row.datacontenttype !== null ? { datacontenttype: row.datacontenttype } : {}),
      ...(row.dataschema !== null ? { dataschema: row.dataschema } : {}),
      extensions: row.extensions,
      data: new Uint8Array(row.data),
    },
  };
}
