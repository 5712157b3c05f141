// A local BigQuery v2 REST server for the real @google-cloud/bigquery client (plain HTTP, no auth):
// tables.get, jobs.query (with dryRun), jobs.getQueryResults (pageToken / maxResults), jobs.insert
// and jobs.get. It records every request, and it evaluates the query shapes the BigQuery archive
// adapter generates (server/integrations/bigquery/build-query.ts) over in-memory tables, applying
// the named parameters for real: partition and window bounds, JSON_VALUE filters, the keyset
// cursor, ORDER BY and LIMIT. Anything outside those shapes is answered 400 invalidQuery, so a query
// whose text was changed by a value would fail here rather than pass unnoticed.
//
// Stand-ins: SHA256 is Node's; TO_JSON_STRING(t) is the row's columns in schema order as JSON;
// totalBytesProcessed is the JSON size of the rows in the partitions the filters leave (pruning).
//
// The pieces: the tables and the API's errors (bigquery-tables.ts), the statements understood
// (bigquery-sql.ts), their evaluation (bigquery-evaluate.ts) and the REST endpoints
// (bigquery-routes.ts); this file serves them over HTTP and records the requests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { bigqueryRoutes, type RecordedQuery } from "./bigquery-routes";
import { ApiFailure, bigqueryTables, type DoubleRow, type DoubleTableSpec } from "./bigquery-tables";

export { jsonValue, timestampMicros, type QueryParameter } from "./bigquery-evaluate";
export type { RecordedQuery } from "./bigquery-routes";
export { parseArchiveSql } from "./bigquery-sql";
export type { DoubleRow, DoubleTableSpec, SchemaField } from "./bigquery-tables";

export interface RecordedRequest {
  method: string;
  path: string;
  search: Record<string, string>;
  body: unknown;
  /** Whether the request carried an Authorization header (the client sends none to a custom endpoint). */
  authorized: boolean;
}

export interface BigQueryDouble {
  url: string;
  requests: RecordedRequest[];
  /** Every SQL statement received since the last clear() or reset(), by jobs.query or jobs.insert, in order. */
  queries(): RecordedQuery[];
  /** Every SQL statement received since the last reset() (clear() keeps them). */
  allQueries(): RecordedQuery[];
  addTable(spec: DoubleTableSpec, rows?: DoubleRow[]): void;
  insertRows(fqn: string, rows: DoubleRow[]): void;
  /** Queries and tables.get on this table (`project.dataset.table`) answer 403 accessDenied. */
  deny(fqn: string): void;
  /** Rows per page when a request sets no maxResults. */
  defaultPageSize: number;
  /** How many polls (jobs.query, then jobs.getQueryResults) a query answers jobComplete: false for. */
  runningPolls: number;
  /** Forget the requests and queries received so far (tables stay). */
  clear(): void;
  /** Forget every table, job and request. */
  reset(): void;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
};

/** Listens on 127.0.0.1:`port` (default: a free port). */
export async function startBigQueryDouble({
  port: listenPort = 0,
}: { port?: number } = {}): Promise<BigQueryDouble> {
  const { tables, denied, tableFor } = bigqueryTables();
  const requests: RecordedRequest[] = [];
  const recorded: RecordedQuery[] = [];
  let clearedAt = 0;

  const double: BigQueryDouble = {
    url: "",
    requests,
    queries: () => recorded.slice(clearedAt),
    allQueries: () => recorded,
    defaultPageSize: 100_000,
    runningPolls: 0,
    addTable(spec, rows = []) {
      tables.set(`${spec.projectId}.${spec.datasetId}.${spec.tableId}`, { ...spec, rows: [...rows] });
    },
    insertRows(fqn, rows) {
      const table = tables.get(fqn);
      if (!table) throw new Error(`no table ${fqn}`);
      table.rows.push(...rows);
    },
    deny(fqn) {
      denied.add(fqn);
    },
    clear() {
      requests.length = 0;
      clearedAt = recorded.length;
    },
    reset() {
      double.runningPolls = 0;
      double.defaultPageSize = 100_000;
      tables.clear();
      denied.clear();
      jobs.clear();
      requests.length = 0;
      recorded.length = 0;
      clearedAt = 0;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };

  const { handle, jobs } = bigqueryRoutes(double, tableFor, recorded);

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    let body: unknown = null;
    let status = 200;
    let answer: unknown;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      body = text;
    }
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      search: Object.fromEntries(url.searchParams),
      body,
      authorized: req.headers.authorization !== undefined,
    });
    try {
      const object = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
      answer = handle(req.method ?? "GET", url.pathname, url.searchParams, object);
    } catch (e) {
      const failure = e instanceof ApiFailure ? e : new ApiFailure(500, "internalError", String(e));
      status = failure.status;
      answer = {
        error: {
          code: failure.status,
          message: failure.message,
          errors: [{ message: failure.message, domain: "global", reason: failure.reason }],
          status: STATUS_TEXT[failure.status] ?? "INTERNAL",
        },
      };
    }
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    res.end(JSON.stringify(answer));
  }

  const server = createServer((req, res) => void onRequest(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  double.url = `http://127.0.0.1:${port}`;
  return double;
}
