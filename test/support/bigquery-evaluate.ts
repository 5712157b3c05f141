// Evaluation in the BigQuery double (bigquery-double.ts): a parsed archive statement run over the
// in-memory tables with its named parameters applied for real (partition pruning, window bounds,
// JSON_VALUE filters, ROW_NUMBER, the keyset cursor, ORDER BY and LIMIT), and the GoogleSQL
// functions it stands in for.
import { createHash } from "node:crypto";
import { parseArchiveSql, type Column } from "./bigquery-sql";
import { invalid, type DoubleRow, type SchemaField, type Table } from "./bigquery-tables";

export interface QueryParameter {
  name?: string;
  parameterType?: { type?: string };
  parameterValue?: { value?: string };
}

const DAY_US = 86_400_000_000n;

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

// ---- evaluation ----

interface ResultRow {
  payload: string;
  event_us: bigint;
  table_id: string;
  row_hash: string;
  dup?: number;
}

export interface Result {
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

/** Runs `sql` with the parameters in `list`; `tableFor` looks a table up (or throws as BigQuery answers). */
export function evaluate(
  sql: string,
  list: QueryParameter[],
  location: string | undefined,
  tableFor: (fqn: string, location: string | undefined) => Table,
): Result {
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
        if (field.type !== "TIMESTAMP") throw invalid(`No matching signature for UNIX_MICROS(${field.type})`);
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
