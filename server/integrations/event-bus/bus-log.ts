import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CloudEventData } from "@/lib/events/cloudevent";
import type { BusEvent } from "./event-bus";

/** NOTIFY channel announcing every new row of the embedded log; the payload is its seq. */
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
