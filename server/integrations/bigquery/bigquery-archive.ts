import "server-only";
// The production EventArchive: a cloudevent-recorder's BigQuery tables (DOMAIN.md §3.3).
//
// Layout. Dataset `cloudevents_<recorder, - → _>` in `projectId`, one table per type (`.` → `_`).
// Each table's time layout comes from tables.get (table-layout.ts): partitioned on a TIMESTAMP
// column, or by ingestion time with or without an event-time column (`timeColumn`, default `when`).
//
// Calls. tables.get once per table (cached `layoutTtlMs`); `read` is one jobs.query (then
// jobs.getQueryResults for further pages and while the job runs); `estimate` is a dry run
// (jobs.insert with dryRun, which is what the client does for dryRun) for the bytes of the read
// selection, a COUNT(*) and a read of the first `sampleSize` rows, in parallel.
//
// Safety. Types are validated against the recorder's naming rule before they become backtick-quoted
// table names; every value is a named query parameter (build-query.ts); attribute filters are
// refused, since rows hold only payloads (validate-query.ts). BigQuery failures become
// BigQueryArchiveError naming the table.
//
// Cost. BigQuery bills bytes scanned per statement, and keyset paging re-runs the selection for
// every page (the cursor moves the partition lower bound, so later pages scan less): a full read
// costs up to `bytesScanned` × pages. Read in large pages, and set `maximumBytesBilled` as a guard.
import { BigQuery, type Query, type QueryRowsResponse } from "@google-cloud/bigquery";
import type {
  ArchiveEstimate,
  ArchivedEvent,
  ArchiveQuery,
  EventArchive,
} from "@/server/integrations/event-archive/event-archive";
import { countStatement, readStatement, type SelectionOptions, type Statement } from "./build-query";
import { decodeCursor } from "./cursor";
import { ArchiveQueryError, BigQueryArchiveError } from "./errors";
import { rebuildEvent, type ArchiveRow } from "./rebuild-event";
import { tableLayout, type TableLayout, type TableMetadata } from "./table-layout";
import { COLUMN_NAME, TABLE_ID, validateSelection, type ArchiveTable } from "./validate-query";

export interface BigQueryArchiveOptions {
  /** The project holding the recorder's dataset. */
  projectId: string;
  /** The cloudevent-recorder's `name`: the dataset is `cloudevents_<name with - → _>`. */
  recorder: string;
  /** Another BigQuery endpoint, e.g. `http://127.0.0.1:PORT` for a local double (plain HTTP, no auth). */
  apiEndpoint?: string;
  /** The dataset's location (the recorder's `location`); jobs run there. Default "US". */
  location?: string;
  /** The project query jobs run in and are billed to; default `projectId`. Needs bigquery.jobs.create. */
  jobProjectId?: string;
  /**
   * A top-level TIMESTAMP column holding the event time in ingestion-time partitioned tables
   * (github-events' `when`); used in every table whose schema has it. Default "when"; null: none.
   * Tables partitioned on a column (`partition_field`) use that column instead.
   */
  timeColumn?: string | null;
  /**
   * For ingestion-time tables with an event-time column: how many days after an event its load may
   * land (the partition filter reaches that far past the window). DTS loads every 15 minutes; the
   * recorder's buckets keep files 8 days. Default 1, at most 8.
   */
  loadDelayDays?: number;
  /** Rows per results page (`maxResults` of jobs.query / jobs.getQueryResults). Default 1000. */
  pageSize?: number;
  /** Refuse (BigQuery fails the job) any query that would bill more than this many bytes. */
  maximumBytesBilled?: number;
  /** How long a table's layout (tables.get) is reused. Default 5 minutes. */
  layoutTtlMs?: number;
  /** How long one statement may run (polling jobs.getQueryResults) before read/estimate fail. Default 5 minutes. */
  queryTimeoutMs?: number;
}

export interface BigQueryArchive extends EventArchive {
  readonly kind: "bigquery";
  readonly projectId: string;
  readonly datasetId: string;
}

const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const RECORDER = /^[A-Za-z0-9_-]{1,1000}$/;
const LOCATION = /^[A-Za-z0-9-]{1,64}$/;
export const MAX_READ_LIMIT = 10_000;
export const MAX_SAMPLE_SIZE = 1_000;

function option(name: string, ok: boolean, rule: string) {
  if (!ok) throw new Error(`bigQueryArchive: ${name} ${rule}`);
}

interface ApiErrorLike {
  code?: number;
  message?: string;
  errors?: { reason?: string; message?: string }[];
}

/** A BigQuery failure as an error naming the table it concerns (from the message, or the only table). */
function archiveError(e: unknown, layouts: { fqn: string; tableId: string; datasetRef: string }[]): Error {
  if (e instanceof ArchiveQueryError || e instanceof BigQueryArchiveError) return e;
  const err = (typeof e === "object" && e !== null ? e : {}) as ApiErrorLike;
  const status = typeof err.code === "number" ? err.code : null;
  const reason = err.errors?.[0]?.reason;
  const text = err.message ?? String(e);
  const named = layouts.filter((l) => text.includes(`${l.datasetRef}.${l.tableId}`));
  const table = named.length === 1 ? named[0] : layouts.length === 1 ? layouts[0] : undefined;
  const which = table ? `table ${table.fqn}` : `tables ${layouts.map((l) => l.fqn).join(", ")}`;
  if (status === 404 || reason === "notFound") {
    return new BigQueryArchiveError(
      "table-not-found",
      `BigQuery ${which} not found: ${text}`,
      table?.fqn ?? null,
      status,
      e,
    );
  }
  if (status === 403 || reason === "accessDenied") {
    return new BigQueryArchiveError(
      "permission-denied",
      `BigQuery denied access to ${which}: ${text}`,
      table?.fqn ?? null,
      status,
      e,
    );
  }
  return new BigQueryArchiveError(
    "bigquery",
    `BigQuery query over ${which} failed: ${text}`,
    table?.fqn ?? null,
    status,
    e,
  );
}

interface WrappedInt {
  value: string;
}
const intValue = (v: unknown): bigint =>
  BigInt(typeof v === "object" && v !== null ? (v as WrappedInt).value : String(v));

export function bigQueryArchive(options: BigQueryArchiveOptions): BigQueryArchive {
  const { projectId, recorder } = options;
  option(
    "projectId",
    typeof projectId === "string" && PROJECT_ID.test(projectId),
    "must be a Google Cloud project id",
  );
  option("recorder", typeof recorder === "string" && RECORDER.test(recorder), "must be a recorder name");
  const jobProjectId = options.jobProjectId ?? projectId;
  option("jobProjectId", PROJECT_ID.test(jobProjectId), "must be a Google Cloud project id");
  const location = options.location ?? "US";
  option("location", LOCATION.test(location), "must be a BigQuery location");
  const timeColumn = options.timeColumn === undefined ? "when" : options.timeColumn;
  option("timeColumn", timeColumn === null || COLUMN_NAME.test(timeColumn), "must be a column name");
  const loadDelayDays = options.loadDelayDays ?? 1;
  option(
    "loadDelayDays",
    Number.isInteger(loadDelayDays) && loadDelayDays >= 0 && loadDelayDays <= 8,
    "must be 0–8",
  );
  const pageSize = options.pageSize ?? 1000;
  option("pageSize", Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 100_000, "must be 1–100000");
  const layoutTtlMs = options.layoutTtlMs ?? 5 * 60_000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5 * 60_000;

  const datasetId = `cloudevents_${recorder.replaceAll("-", "_")}`;
  const datasetRef = `${projectId}:${datasetId}`;
  const selectionOptions: SelectionOptions = { loadDelayDays };
  const client = new BigQuery({
    projectId: jobProjectId,
    location,
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
  const dataset = client.dataset(datasetId, { projectId });
  const cache = new Map<string, { layout: TableLayout; at: number }>();

  const refOf = (t: ArchiveTable) => ({
    fqn: `${projectId}.${datasetId}.${t.tableId}`,
    tableId: t.tableId,
    datasetRef,
  });

  async function layoutOf(table: ArchiveTable): Promise<TableLayout> {
    const hit = cache.get(table.type);
    if (hit && Date.now() - hit.at < layoutTtlMs) return hit.layout;
    const ref = refOf(table);
    let metadata: TableMetadata;
    try {
      [metadata] = (await dataset.table(table.tableId).getMetadata()) as [TableMetadata, unknown];
    } catch (e) {
      throw archiveError(e, [ref]);
    }
    const layout = tableLayout(table, ref.fqn, metadata, timeColumn);
    cache.set(table.type, { layout, at: Date.now() });
    return layout;
  }

  const jobOptions = (s: Statement): Query => ({
    query: s.sql,
    params: s.params,
    types: s.types,
    location,
    useLegacySql: false,
    ...(options.maximumBytesBilled !== undefined
      ? { maximumBytesBilled: String(options.maximumBytesBilled) }
      : {}),
  });

  /**
   * Every row of a statement: jobs.query, then jobs.getQueryResults until the job is complete (a
   * query still running when jobs.query returns answers jobComplete: false and no rows) and for
   * every further page (pageToken).
   */
  async function rowsOf(s: Statement, layouts: TableLayout[]): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + queryTimeoutMs;
    try {
      // With autoPaginate off the client answers [rows, nextQuery, response] (its typings for a
      // Query object say [rows, job]); the response carries the job, its state and the page token.
      let [page, , response] = (await client.query(
        { ...jobOptions(s), wrapIntegers: true },
        { maxResults: pageSize, autoPaginate: false, wrapIntegers: true },
      )) as unknown as QueryRowsResponse;
      const ref = response?.jobReference;
      const job = ref?.jobId ? client.job(ref.jobId, { location: ref.location ?? location }) : null;
      const rows: Record<string, unknown>[] = [];
      for (;;) {
        const complete = response?.jobComplete !== false;
        if (complete) rows.push(...(page as Record<string, unknown>[]));
        const pageToken = complete ? (response?.pageToken ?? undefined) : undefined;
        if (complete && !pageToken) return rows;
        if (!job) throw new Error("jobs.query answered without a job to read the rest of the results from");
        if (Date.now() > deadline) throw new Error(`the query did not complete within ${queryTimeoutMs} ms`);
        [page, , response] = await job.getQueryResults({
          ...(pageToken ? { pageToken } : {}),
          maxResults: pageSize,
          autoPaginate: false,
          wrapIntegers: true,
        });
      }
    } catch (e) {
      throw archiveError(e, layouts.map(refOf));
    }
  }

  async function dryRunBytes(s: Statement, layouts: TableLayout[]): Promise<number> {
    try {
      const [, response] = await client.createQueryJob({ ...jobOptions(s), dryRun: true });
      const bytes =
        response?.statistics?.totalBytesProcessed ?? response?.statistics?.query?.totalBytesProcessed;
      return Number(bytes ?? 0);
    } catch (e) {
      throw archiveError(e, layouts.map(refOf));
    }
  }

  async function readRows(
    query: ArchiveQuery,
    after: string | null,
    limit: number,
  ): Promise<ArchivedEvent[]> {
    const selection = validateSelection(query);
    const key = after === null ? null : decodeCursor(after);
    const layouts = await Promise.all(selection.tables.map(layoutOf));
    const byTable = new Map(layouts.map((l) => [l.tableId, l]));
    const rows = await rowsOf(readStatement(layouts, selection, key, limit, selectionOptions), layouts);
    return rows.map((r) => {
      const tableId = String(r.table_id);
      const layout = byTable.get(tableId);
      if (!layout || !TABLE_ID.test(tableId))
        throw new Error(`BigQuery returned a row of an unread table ${tableId}`);
      const row: ArchiveRow = {
        payload: String(r.payload),
        key: {
          us: intValue(r.event_us),
          table: tableId,
          hash: String(r.row_hash),
          dup: Number(intValue(r.dup)),
        },
      };
      return rebuildEvent(row, layout);
    });
  }

  return {
    kind: "bigquery",
    projectId,
    datasetId,

    async estimate(query, sampleSize): Promise<ArchiveEstimate> {
      if (!Number.isInteger(sampleSize) || sampleSize < 0 || sampleSize > MAX_SAMPLE_SIZE) {
        throw new ArchiveQueryError("sampleSize", `an integer from 0 to ${MAX_SAMPLE_SIZE}`);
      }
      const selection = validateSelection(query);
      const layouts = await Promise.all(selection.tables.map(layoutOf));
      const [bytesScanned, countRows, sample] = await Promise.all([
        dryRunBytes(
          readStatement(layouts, selection, null, Math.max(sampleSize, 1), selectionOptions),
          layouts,
        ),
        rowsOf(countStatement(layouts, selection, selectionOptions), layouts),
        sampleSize > 0 ? readRows(query, null, sampleSize) : Promise.resolve([]),
      ]);
      return { count: Number(intValue(countRows[0]?.n ?? 0)), bytesScanned, sample };
    },

    async read(query, after, limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
        throw new ArchiveQueryError("limit", `an integer from 1 to ${MAX_READ_LIMIT}`);
      }
      return readRows(query, after, limit);
    },
  };
}
