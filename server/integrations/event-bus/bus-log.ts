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

/** Appends one event to a region's topic and announces it, in one statement (one transaction). */
export async function insertBusEvent(
  db: Sql,
  region: string,
  event: CloudEventData,
  replay?: ReplayTargeting,
): Promise<BusEventRow> {
  const rows = await db.$queryRawUnsafe<(BusEventRow & { notified: unknown })[]>(
    `INSERT INTO "BusEvent" (region, "eventId", type, source, subject, time, datacontenttype, dataschema,
       extensions, data, "replayJobId", "targetTriggerId")
     SELECT $1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9::jsonb, $10, $11::uuid, $12::uuid
     FROM (SELECT pg_advisory_xact_lock(${BUS_LOCK_KEY})) AS serialised
     RETURNING ${COLUMNS}, pg_notify('${BUS_CHANNEL}', seq::text)::text AS notified`,
    region,
    event.id,
    event.type,
    event.source,
    event.subject ?? null,
    event.time ?? null,
    event.datacontenttype ?? null,
    event.dataschema ?? null,
    JSON.stringify(event.extensions),
    Buffer.from(event.data),
    replay?.replayJobId ?? null,
    replay?.targetTriggerId ?? null,
  );
  const row = rows[0];
  if (!row) throw new Error("the event log did not return the inserted row");
  return row;
}

/** One event of a batch for `insertBusEvents`. */
export interface BusEventInsert {
  region: string;
  event: CloudEventData;
  replay?: ReplayTargeting;
}

/**
 * Appends many events in one statement, in the order given, under the same lock as
 * `insertBusEvent`, and announces the batch with ONE notification (the payload, the batch's last
 * seq, is only a wake-up: readers fetch every row after the seq they last saw). Run it in the
 * transaction that must commit the rows together with something else (a replay's cursor).
 * Returns the seqs, in order.
 */
export async function insertBusEvents(db: Sql, rows: BusEventInsert[]): Promise<bigint[]> {
  if (rows.length === 0) return [];
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
  const inserted = await db.$queryRawUnsafe<{ seqs: bigint[]; notified: unknown }[]>(
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
       RETURNING seq
     )
     SELECT array_agg(seq ORDER BY seq) AS seqs, pg_notify('${BUS_CHANNEL}', max(seq)::text)::text AS notified
     FROM inserted`,
    JSON.stringify(batch),
  );
  const seqs = inserted[0]?.seqs ?? [];
  if (seqs.length !== rows.length)
    throw new Error(`the event log inserted ${seqs.length} of ${rows.length} rows`);
  return seqs.map((seq) => BigInt(seq));
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
