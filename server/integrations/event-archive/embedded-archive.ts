import "server-only";
import type { Db } from "@/server/db/client";
import type {
  ArchiveQuery,
  ArchivedEvent,
  ArchiveEstimate,
  EventArchive,
  ValueCondition,
} from "./event-archive";
import { ArchiveQueryError, dataPathSegments } from "./archive-query";

interface Row {
  id: bigint;
  type: string;
  region: string;
  eventId: string;
  source: string;
  subject: string | null;
  time: Date;
  datacontenttype: string | null;
  extensions: Record<string, string>;
  data: Uint8Array;
}

const COLUMNS = `id, type, region, "eventId", source, subject, time, datacontenttype, extensions, data`;

/** Adds a bind parameter, returning its placeholder. */
function param(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/** The WHERE clause of a selection; every value is a bind parameter, never SQL text. */
function where(query: ArchiveQuery, params: unknown[]): string {
  return `type = ANY(${param(params, query.types)}::text[]) AND ${conditions(query, params)}`;
}

/** The selection's conditions but the type. */
function conditions(query: ArchiveQuery, params: unknown[]): string {
  const p = (value: unknown) => param(params, value);
  const condition = (column: string, c: ValueCondition) =>
    c.op === "equals" ? `${column} = ${p(c.value)}` : `starts_with(${column}, ${p(c.value)})`;
  const clauses = [`time >= ${p(query.from)}::timestamptz`, `time < ${p(query.to)}::timestamptz`];
  if (query.subject) clauses.push(condition("subject", query.subject));
  if (query.source) clauses.push(condition("source", query.source));
  for (const e of query.extensions ?? []) clauses.push(condition(`(extensions ->> ${p(e.name)}::text)`, e));
  for (const d of query.data ?? [])
    clauses.push(
      condition(
        `(CASE WHEN datacontenttype ~* 'json' THEN convert_from(data, 'UTF8')::jsonb #>> ${p(dataPathSegments(d.path))}::text[] END)`,
        d,
      ),
    );
  return clauses.join(" AND ");
}

const cursorOf = (row: Row) => `${row.time.toISOString()}|${row.id}`;

function parseCursor(cursor: string): { time: Date; id: bigint } {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,19})$/.exec(cursor);
  if (!match) throw new ArchiveQueryError("cursor", "is not a cursor this archive returned");
  return { time: new Date(match[1]!), id: BigInt(match[2]!) };
}

function toArchived(row: Row): ArchivedEvent {
  return {
    cursor: cursorOf(row),
    time: row.time,
    originalId: row.eventId,
    region: row.region,
    event: {
      specversion: "1.0",
      id: row.eventId,
      source: row.source,
      type: row.type,
      ...(row.subject !== null ? { subject: row.subject } : {}),
      time: row.time.toISOString(),
      ...(row.datacontenttype !== null ? { datacontenttype: row.datacontenttype } : {}),
      extensions: row.extensions,
      data: new Uint8Array(row.data),
    },
  };
}

/**
 * The embedded archive: the RecordedEvent table the dispatcher fills. It keeps every attribute, so
 * subject, source and extension filters work here (BigQuery rows hold only the payload).
 */
export function embeddedArchive(getDb: () => Promise<Db>): EventArchive {
  // One branch per type, each `type = $n`: then each is an ordered scan of the (type, time) index
  // that stops after `limit` rows (an incremental sort puts equal times in id order), starting at
  // the cursor's time. With `type = ANY(…)` PostgreSQL cannot read that index in time order, and
  // scanned and sorted every remaining row of the window for every batch.
  const read = async (query: ArchiveQuery, after: string | null, limit: number): Promise<ArchivedEvent[]> => {
    const params: unknown[] = [];
    const types = [...new Set(query.types)].map((type) => param(params, type));
    let clause = conditions(query, params);
    if (after) {
      const c = parseCursor(after);
      clause += ` AND (time, id) > (${param(params, c.time)}::timestamptz, ${param(params, c.id)}::bigint)`;
    }
    const max = param(params, limit);
    const branch = (type: string) =>
      `SELECT ${COLUMNS} FROM "RecordedEvent" WHERE type = ${type} AND ${clause} ORDER BY time, id LIMIT ${max}`;
    const sql =
      types.length === 1
        ? branch(types[0]!)
        : `SELECT ${COLUMNS} FROM (${types.map((t) => `(${branch(t)})`).join(" UNION ALL ")}) AS batch
           ORDER BY time, id LIMIT ${max}`;
    const rows = await (await getDb()).$queryRawUnsafe<Row[]>(sql, ...params);
    return rows.map(toArchived);
  };
  return {
    kind: "embedded",
    read,
    async estimate(query, sampleSize): Promise<ArchiveEstimate> {
      const params: unknown[] = [];
      const clause = where(query, params);
      const [counted, sample] = await Promise.all([
        (await getDb()).$queryRawUnsafe<{ count: bigint }[]>(
          `SELECT count(*) AS count FROM "RecordedEvent" WHERE ${clause}`,
          ...params,
        ),
        read(query, null, sampleSize),
      ]);
      return { count: Number(counted[0]?.count ?? 0), bytesScanned: null, sample };
    },
  };
}
