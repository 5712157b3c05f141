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
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SchemaField {
  name: string;
  type: string;
  mode?: string;
  fields?: SchemaField[];
}

export interface DoubleTableSpec {
  projectId: string;
  datasetId: string;
  tableId: string;
  schema: SchemaField[];
  /** A TIMESTAMP column the table is day-partitioned on; unset: ingestion-time (`_PARTITIONTIME`). */
  partitionField?: string;
  /** The dataset's location. Default "US". */
  location?: string;
}

export interface DoubleRow {
  /** The row's columns; TIMESTAMP columns as RFC 3339 strings. */
  data: Record<string, unknown>;
  /** When the row was loaded (ingestion-time tables): its `_PARTITIONTIME` is this day. */
  loadedAt?: Date;
}

export interface RecordedRequest {
  method: string;
  path: string;
  search: Record<string, string>;
  body: unknown;
  /** Whether the request carried an Authorization header (the client sends none to a custom endpoint). */
  authorized: boolean;
}

export interface QueryParameter {
  name?: string;
  parameterType?: { type?: string };
  parameterValue?: { value?: string };
}

export interface RecordedQuery {
  via: "jobs.query" | "jobs.insert";
  sql: string;
  parameters: QueryParameter[];
  parameterMode?: string;
  dryRun: boolean;
  location?: string;
  maxResults?: number;
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

interface Table extends DoubleTableSpec {
  rows: DoubleRow[];
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
};

const DAY_US = 86_400_000_000n;
const invalid = (message: string) => new ApiFailure(400, "invalidQuery", message);

/** A TIMESTAMP parameter or column value as microseconds since the epoch. */
export function timestampMicros(text: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i.exec(
    text.trim(),
  );
  if (!m) throw invalid(`Invalid timestamp: '${text}'`);
  const [, date, time, fraction = "", zone = "Z"] = m;
  const z = zone.toUpperCase() === "UTC" ? "Z" : zone;
  const seconds = Date.parse(
    `${date}T${time}${z === "Z" ? "Z" : z.length === 5 ? `${z.slice(0, 3)}:${z.slice(3)}` : z}`,
  );
  if (Number.isNaN(seconds)) throw invalid(`Invalid timestamp: '${text}'`);
  return BigInt(seconds) * 1000n + BigInt((fraction + "000000").slice(0, 6));
}

const JSON_PATH = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;

/** GoogleSQL JSON_VALUE over a JSON string, for the `$.a.b` paths the adapter sends. */
export function jsonValue(json: string, path: string): string | null {
  const m = JSON_PATH.exec(path);
  if (!m) throw invalid(`Invalid JSONPath: ${path}`);
  let node: unknown = JSON.parse(json);
  for (const key of (m[1] ?? "").split(".").slice(1)) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  return null;
}

// ---- the query shapes ----

const BRANCH =
  /^ *SELECT TO_JSON_STRING\(t\) AS payload, UNIX_MICROS\((_PARTITIONTIME|t\.`[A-Za-z_][A-Za-z0-9_]*`)\) AS event_us, @([A-Za-z_]\w*) AS table_id, TO_HEX\(SHA256\(TO_JSON_STRING\(t\)\)\) AS row_hash\n *FROM `([^`\n]+)` AS t\n *WHERE ([^\n]+(?:\n *AND [^\n]+)*)$/;
const KEYSET =
  "WHERE event_us > @after_us OR (event_us = @after_us AND (table_id > @after_table OR (table_id = @after_table AND (row_hash > @after_hash OR (row_hash = @after_hash AND dup > @after_dup)))))";
const READ_HEAD = [
  "SELECT payload, event_us, table_id, row_hash, dup",
  "FROM (",
  "  SELECT *, ROW_NUMBER() OVER (PARTITION BY table_id, event_us, row_hash ORDER BY payload) AS dup",
  "  FROM (",
].join("\n");
const READ_TAIL =
  /^ {2}\)\n\)\n(?:(WHERE [^\n]+)\n)?ORDER BY event_us, table_id, row_hash, dup\nLIMIT @([A-Za-z_]\w*)$/;
const COUNT_HEAD = "SELECT COUNT(*) AS n\nFROM (\n";

type Column = { kind: "partitiontime" } | { kind: "column"; name: string };

type Predicate =
  | { kind: "range"; column: Column; op: ">=" | "<"; param: string; micros: boolean }
  | { kind: "json"; op: "equals" | "prefix"; path: string; value: string };

interface Branch {
  time: Column;
  tableParam: string;
  fqn: string;
  predicates: Predicate[];
}

interface Parsed {
  kind: "read" | "count";
  branches: Branch[];
  keyset: boolean;
  limitParam?: string;
}

const columnOf = (text: string): Column =>
  text === "_PARTITIONTIME" ? { kind: "partitiontime" } : { kind: "column", name: text.slice(3, -1) };

const COL = "(_PARTITIONTIME|t\\.`[A-Za-z_][A-Za-z0-9_]*`)";
const PARAM = "@([A-Za-z_]\\w*)";
const RANGE_PAIR = new RegExp(`^${COL} >= ${PARAM} AND ${COL} < ${PARAM}$`);
const RANGE_MICROS = new RegExp(`^${COL} >= TIMESTAMP_MICROS\\(${PARAM}\\)$`);
const JSON_EQUALS = new RegExp(`^JSON_VALUE\\(TO_JSON_STRING\\(t\\), ${PARAM}\\) = ${PARAM}$`);
const JSON_PREFIX = new RegExp(
  `^STARTS_WITH\\(JSON_VALUE\\(TO_JSON_STRING\\(t\\), ${PARAM}\\), ${PARAM}\\)$`,
);

function parsePredicates(where: string): Predicate[] {
  return where.split(/\n *AND /).flatMap((text): Predicate[] => {
    let m = RANGE_PAIR.exec(text);
    if (m && m[1] === m[3]) {
      return [
        { kind: "range", column: columnOf(m[1]!), op: ">=", param: m[2]!, micros: false },
        { kind: "range", column: columnOf(m[3]!), op: "<", param: m[4]!, micros: false },
      ];
    }
    if ((m = RANGE_MICROS.exec(text)))
      return [{ kind: "range", column: columnOf(m[1]!), op: ">=", param: m[2]!, micros: true }];
    if ((m = JSON_EQUALS.exec(text))) return [{ kind: "json", op: "equals", path: m[1]!, value: m[2]! }];
    if ((m = JSON_PREFIX.exec(text))) return [{ kind: "json", op: "prefix", path: m[1]!, value: m[2]! }];
    throw invalid(`The double does not understand the predicate: ${text}`);
  });
}

function parseBranches(text: string): Branch[] {
  return text.split(/\n *UNION ALL\n/).map((part) => {
    const m = BRANCH.exec(part);
    if (!m) throw invalid(`The double does not understand the branch:\n${part}`);
    return { time: columnOf(m[1]!), tableParam: m[2]!, fqn: m[3]!, predicates: parsePredicates(m[4]!) };
  });
}

export function parseArchiveSql(sql: string): Parsed {
  if (sql.startsWith(READ_HEAD)) {
    const rest = sql.slice(READ_HEAD.length + 1);
    const tailAt = rest.lastIndexOf("\n  )\n)\n");
    if (tailAt < 0) throw invalid("Syntax error: unexpected end of the read statement");
    const tail = READ_TAIL.exec(rest.slice(tailAt + 1));
    if (!tail) throw invalid(`The double does not understand the read statement's tail`);
    if (tail[1] !== undefined && tail[1] !== KEYSET)
      throw invalid(`The double does not understand: ${tail[1]}`);
    return {
      kind: "read",
      branches: parseBranches(rest.slice(0, tailAt)),
      keyset: tail[1] !== undefined,
      limitParam: tail[2],
    };
  }
  if (sql.startsWith(COUNT_HEAD) && sql.endsWith("\n)")) {
    return { kind: "count", branches: parseBranches(sql.slice(COUNT_HEAD.length, -2)), keyset: false };
  }
  throw invalid("The double understands only the BigQuery archive's read and count statements");
}

// ---- evaluation ----

interface ResultRow {
  payload: string;
  event_us: bigint;
  table_id: string;
  row_hash: string;
  dup?: number;
}

interface Result {
  fields: SchemaField[];
  rows: string[][];
  bytes: number;
}

class Params {
  private readonly byName = new Map<string, QueryParameter>();
  constructor(list: QueryParameter[]) {
    for (const p of list) if (p.name) this.byName.set(p.name, p);
  }
  private get(name: string, type: string): string {
    const p = this.byName.get(name);
    if (!p) throw invalid(`Query parameter '${name}' not found`);
    const actual = p.parameterType?.type ?? "STRING";
    if (actual !== type) throw invalid(`Query parameter '${name}' is ${actual}, expected ${type}`);
    const value = p.parameterValue?.value;
    if (value === undefined) throw invalid(`Query parameter '${name}' has no value`);
    return value;
  }
  string = (name: string) => this.get(name, "STRING");
  int = (name: string) => BigInt(this.get(name, "INT64"));
  timestamp = (name: string) => timestampMicros(this.get(name, "TIMESTAMP"));
}

function toJsonString(table: Table, row: DoubleRow): string {
  const out: Record<string, unknown> = {};
  for (const f of table.schema) out[f.name] = row.data[f.name] ?? null;
  return JSON.stringify(out);
}

function compare(a: ResultRow, b: ResultRow): number {
  if (a.event_us !== b.event_us) return a.event_us < b.event_us ? -1 : 1;
  if (a.table_id !== b.table_id) return a.table_id < b.table_id ? -1 : 1;
  if (a.row_hash !== b.row_hash) return a.row_hash < b.row_hash ? -1 : 1;
  return (a.dup ?? 0) - (b.dup ?? 0);
}

/** Listens on 127.0.0.1:`port` (default: a free port). */
export async function startBigQueryDouble({
  port: listenPort = 0,
}: { port?: number } = {}): Promise<BigQueryDouble> {
  const tables = new Map<string, Table>();
  const denied = new Set<string>();
  const jobs = new Map<
    string,
    { projectId: string; location: string; result: Result; resource: unknown; pollsLeft: number }
  >();
  const requests: RecordedRequest[] = [];
  const recorded: RecordedQuery[] = [];
  let clearedAt = 0;

  const ref = (fqn: string) => {
    const [p, d, t] = fqn.split(".");
    return `${p}:${d}.${t}`;
  };

  function tableFor(fqn: string, location: string | undefined): Table {
    const parts = fqn.split(".");
    if (parts.length !== 3 || parts.some((p) => p === "")) throw invalid(`Invalid table name: \`${fqn}\``);
    const table = tables.get(fqn);
    if (!table) {
      throw new ApiFailure(
        404,
        "notFound",
        `Not found: Table ${ref(fqn)} was not found in location ${location ?? "US"}`,
      );
    }
    if (location && (table.location ?? "US").toUpperCase() !== location.toUpperCase()) {
      throw new ApiFailure(
        404,
        "notFound",
        `Not found: Dataset ${parts[0]}:${parts[1]} was not found in location ${location}`,
      );
    }
    if (denied.has(fqn)) {
      throw new ApiFailure(
        403,
        "accessDenied",
        `Access Denied: Table ${ref(fqn)}: User does not have permission to query table ${ref(fqn)}, or perhaps it does not exist.`,
      );
    }
    return table;
  }

  function evaluate(sql: string, list: QueryParameter[], location: string | undefined): Result {
    const parsed = parseArchiveSql(sql);
    const params = new Params(list);
    let bytes = 0;
    const rows: ResultRow[] = [];
    for (const branch of parsed.branches) {
      const table = tableFor(branch.fqn, location);
      const tableId = params.string(branch.tableParam);
      const columns = [
        branch.time,
        ...branch.predicates.flatMap((p) => (p.kind === "range" ? [p.column] : [])),
      ];
      for (const c of columns) {
        if (c.kind === "partitiontime" && table.partitionField)
          throw invalid("Unrecognized name: _PARTITIONTIME");
        if (c.kind === "column") {
          const field = table.schema.find((f) => f.name === c.name);
          if (!field) throw invalid(`Unrecognized name: ${c.name}`);
          if (field.type !== "TIMESTAMP")
            throw invalid(`No matching signature for UNIX_MICROS(${field.type})`);
        }
      }
      const bounds = branch.predicates.map((p) =>
        p.kind === "range" ? (p.micros ? params.int(p.param) : params.timestamp(p.param)) : 0n,
      );
      const jsonParams = branch.predicates.map((p) =>
        p.kind === "json" ? { path: params.string(p.path), value: params.string(p.value) } : null,
      );
      const valueOf = (row: DoubleRow, c: Column): bigint | null => {
        if (c.kind === "partitiontime") {
          return row.loadedAt ? ((BigInt(row.loadedAt.getTime()) * 1000n) / DAY_US) * DAY_US : null;
        }
        const v = row.data[c.name];
        return typeof v === "string" ? timestampMicros(v) : null;
      };
      // The partition of a row: its load day, or the day of its partition column.
      const partitionDay = (row: DoubleRow): bigint | null => {
        const v = valueOf(
          row,
          table.partitionField ? { kind: "column", name: table.partitionField } : { kind: "partitiontime" },
        );
        return v === null ? null : (v / DAY_US) * DAY_US;
      };
      const onPartition = (c: Column) =>
        table.partitionField
          ? c.kind === "column" && c.name === table.partitionField
          : c.kind === "partitiontime";
      for (const row of table.rows) {
        const day = partitionDay(row);
        // Pruning: a partition is scanned unless a range on the partition column excludes all of it.
        const scanned =
          day !== null &&
          branch.predicates.every((p, i) => {
            if (p.kind !== "range" || !onPartition(p.column)) return true;
            const bound = bounds[i]!;
            return p.op === ">=" ? day + DAY_US > bound : day < bound;
          });
        if (!scanned) continue;
        const payload = toJsonString(table, row);
        bytes += Buffer.byteLength(payload);
        const keep = branch.predicates.every((p, i) => {
          if (p.kind === "range") {
            const v = valueOf(row, p.column);
            if (v === null) return false;
            return p.op === ">=" ? v >= bounds[i]! : v < bounds[i]!;
          }
          const { path, value } = jsonParams[i]!;
          const got = jsonValue(payload, path);
          if (got === null) return false;
          return p.op === "equals" ? got === value : got.startsWith(value);
        });
        const time = valueOf(row, branch.time);
        if (!keep || time === null) continue;
        const row_hash = createHash("sha256").update(payload, "utf8").digest("hex");
        rows.push({ payload, event_us: time, table_id: tableId, row_hash });
      }
    }
    if (parsed.kind === "count") {
      return {
        fields: [{ name: "n", type: "INTEGER", mode: "NULLABLE" }],
        rows: [[String(rows.length)]],
        bytes,
      };
    }
    // ROW_NUMBER() OVER (PARTITION BY table_id, event_us, row_hash ORDER BY payload)
    const groups = new Map<string, ResultRow[]>();
    for (const r of rows) {
      const k = `${r.table_id}\u0000${r.event_us}\u0000${r.row_hash}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const g of groups.values()) {
      g.sort((a, b) => (a.payload < b.payload ? -1 : a.payload > b.payload ? 1 : 0)).forEach(
        (r, i) => (r.dup = i + 1),
      );
    }
    let selected = rows;
    if (parsed.keyset) {
      const after: ResultRow = {
        payload: "",
        event_us: params.int("after_us"),
        table_id: params.string("after_table"),
        row_hash: params.string("after_hash"),
        dup: Number(params.int("after_dup")),
      };
      selected = rows.filter((r) => compare(r, after) > 0);
    }
    const limit = Number(params.int(parsed.limitParam!));
    if (limit < 0) throw invalid("LIMIT expects a non-negative integer");
    selected = [...selected].sort(compare).slice(0, limit);
    return {
      fields: [
        { name: "payload", type: "STRING", mode: "NULLABLE" },
        { name: "event_us", type: "INTEGER", mode: "NULLABLE" },
        { name: "table_id", type: "STRING", mode: "NULLABLE" },
        { name: "row_hash", type: "STRING", mode: "NULLABLE" },
        { name: "dup", type: "INTEGER", mode: "NULLABLE" },
      ],
      rows: selected.map((r) => [r.payload, String(r.event_us), r.table_id, r.row_hash, String(r.dup)]),
      bytes,
    };
  }

  function checkBilling(bytes: number, maximumBytesBilled: unknown) {
    if (maximumBytesBilled !== undefined && bytes > Number(maximumBytesBilled)) {
      throw new ApiFailure(
        400,
        "bytesBilledLimitExceeded",
        `Query exceeded limit for bytes billed: ${maximumBytesBilled}. ${bytes} or higher required.`,
      );
    }
  }

  const pageToken = (jobId: string, offset: number) =>
    Buffer.from(`${jobId}:${offset}`).toString("base64url");

  function page(jobId: string, startToken: string | undefined, maxResults: number | undefined) {
    const job = jobs.get(jobId);
    if (!job) throw new ApiFailure(404, "notFound", `Not found: Job ${jobId}`);
    if (job.pollsLeft > 0) {
      job.pollsLeft -= 1;
      return {
        jobReference: { projectId: job.projectId, jobId, location: job.location },
        jobComplete: false,
        cacheHit: false,
      };
    }
    let offset = 0;
    if (startToken) {
      const [id, at] = Buffer.from(startToken, "base64url").toString().split(":");
      if (id !== jobId || !/^\d+$/.test(at ?? "")) throw new ApiFailure(400, "invalid", "Invalid page token");
      offset = Number(at);
    }
    const size = maxResults && maxResults > 0 ? maxResults : double.defaultPageSize;
    const rows = job.result.rows.slice(offset, offset + size);
    const next = offset + size < job.result.rows.length ? pageToken(jobId, offset + size) : undefined;
    return {
      jobReference: { projectId: job.projectId, jobId, location: job.location },
      schema: { fields: job.result.fields },
      totalRows: String(job.result.rows.length),
      rows: rows.map((r) => ({ f: r.map((v) => ({ v })) })),
      ...(next ? { pageToken: next } : {}),
      totalBytesProcessed: String(job.result.bytes),
      jobComplete: true,
      cacheHit: false,
    };
  }

  function jobResource(
    projectId: string,
    jobId: string,
    location: string,
    configuration: unknown,
    bytes: number,
  ) {
    return {
      kind: "bigquery#job",
      id: `${projectId}:${location}.${jobId}`,
      jobReference: { projectId, jobId, location },
      configuration,
      status: { state: "DONE" },
      statistics: {
        totalBytesProcessed: String(bytes),
        query: { totalBytesProcessed: String(bytes), cacheHit: false },
      },
    };
  }

  function handle(
    method: string,
    path: string,
    search: URLSearchParams,
    body: Record<string, unknown>,
  ): unknown {
    let m = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const [projectId, datasetId, tableId] = m.slice(1).map(decodeURIComponent) as [string, string, string];
      const table = tableFor(`${projectId}.${datasetId}.${tableId}`, undefined);
      return {
        kind: "bigquery#table",
        id: `${projectId}:${datasetId}.${tableId}`,
        tableReference: { projectId, datasetId, tableId },
        schema: { fields: table.schema },
        timePartitioning: { type: "DAY", ...(table.partitionField ? { field: table.partitionField } : {}) },
        numRows: String(table.rows.length),
        location: table.location ?? "US",
        type: "TABLE",
      };
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/.exec(path);
    if (m && method === "POST") {
      const projectId = decodeURIComponent(m[1]!);
      const sql = String(body.query ?? "");
      const location = typeof body.location === "string" ? body.location : undefined;
      const parameters = (body.queryParameters as QueryParameter[] | undefined) ?? [];
      const dryRun = body.dryRun === true;
      const maxResults = body.maxResults === undefined ? undefined : Number(body.maxResults);
      recorded.push({
        via: "jobs.query",
        sql,
        parameters,
        parameterMode: body.parameterMode as string,
        dryRun,
        location,
        maxResults,
      });
      if (body.useLegacySql !== false)
        throw invalid("The double speaks GoogleSQL only (useLegacySql: false)");
      const result = evaluate(sql, parameters, location);
      if (dryRun) {
        return {
          kind: "bigquery#queryResponse",
          jobReference: { projectId, location: location ?? "US" },
          schema: { fields: result.fields },
          totalBytesProcessed: String(result.bytes),
          jobComplete: true,
          cacheHit: false,
        };
      }
      checkBilling(result.bytes, body.maximumBytesBilled);
      const jobId = `job_${randomUUID().replaceAll("-", "")}`;
      jobs.set(jobId, {
        projectId,
        location: location ?? "US",
        result,
        resource: null,
        pollsLeft: double.runningPolls,
      });
      return { kind: "bigquery#queryResponse", ...page(jobId, undefined, maxResults) };
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const maxResults = search.get("maxResults");
      return {
        kind: "bigquery#getQueryResultsResponse",
        ...page(
          decodeURIComponent(m[2]!),
          search.get("pageToken") ?? undefined,
          maxResults ? Number(maxResults) : undefined,
        ),
      };
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(path);
    if (m && method === "POST") {
      const projectId = decodeURIComponent(m[1]!);
      const configuration = (body.configuration ?? {}) as Record<string, unknown>;
      const query = (configuration.query ?? {}) as Record<string, unknown>;
      const reference = (body.jobReference ?? {}) as { jobId?: string; location?: string };
      const jobId = reference.jobId ?? `job_${randomUUID()}`;
      const location = reference.location;
      const sql = String(query.query ?? "");
      const parameters = (query.queryParameters as QueryParameter[] | undefined) ?? [];
      const dryRun = configuration.dryRun === true;
      recorded.push({
        via: "jobs.insert",
        sql,
        parameters,
        parameterMode: query.parameterMode as string,
        dryRun,
        location,
      });
      if (query.useLegacySql !== false)
        throw invalid("The double speaks GoogleSQL only (useLegacySql: false)");
      if (jobs.has(jobId))
        throw new ApiFailure(409, "duplicate", `Already Exists: Job ${projectId}:${jobId}`);
      const result = evaluate(sql, parameters, location);
      const resource = jobResource(projectId, jobId, location ?? "US", configuration, result.bytes);
      if (!dryRun) {
        checkBilling(result.bytes, query.maximumBytesBilled);
        jobs.set(jobId, { projectId, location: location ?? "US", result, resource, pollsLeft: 0 });
      }
      return resource;
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const job = jobs.get(decodeURIComponent(m[2]!));
      if (!job) throw new ApiFailure(404, "notFound", `Not found: Job ${m[1]}:${m[2]}`);
      return job.resource ?? jobResource(job.projectId, m[2]!, job.location, {}, job.result.bytes);
    }
    throw new ApiFailure(404, "notFound", `The double does not implement ${method} ${path}`);
  }

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

  const double: BigQueryDouble = {
    url: `http://127.0.0.1:${port}`,
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
  return double;
}
