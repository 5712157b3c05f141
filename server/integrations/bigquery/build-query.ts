import "server-only";
import type { RowKey } from "./cursor";
import type { TableLayout } from "./table-layout";
import type { ValidSelection } from "./validate-query";

// The archive's GoogleSQL. One statement reads any number of types: a UNION ALL of one branch per
// table, each with its own partition filter, so BigQuery prunes every table to the window's days.
// Identifiers in the text are only the validated table path and time column, backtick-quoted; every
// value (window, partition bounds, JSON paths, filter values, cursor, limit) is a named parameter,
// so the text depends on the shape of the selection (how many types, which layouts, how many
// conditions of which op, cursor or not) and never on a value.
//
// Each branch yields the row as JSON (TO_JSON_STRING of the whole row: the payload as recorded),
// its event time in microseconds, its table, and a SHA-256 of the JSON. The read ranks identical
// rows (same table, time and hash) with ROW_NUMBER so the keyset (time, table, hash, rank) is total.
//
// JSON paths are parameters: GoogleSQL accepts a string literal or a query parameter as JSON_VALUE's
// JSONPath (ZetaSQL's CheckJsonArguments rejects anything else with "JSONPath must be a string
// literal or query parameter"). They are validated against a strict grammar as well.

export interface Statement {
  sql: string;
  params: Record<string, string | Date>;
  /** The BigQuery type of every parameter, so none is guessed from its JavaScript value (INT64 go as strings). */
  types: Record<string, string>;
}

export interface SelectionOptions {
  /** Days after an event that a load of it may land in an ingestion-time partition. */
  loadDelayDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const startOfUtcDay = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS);
const quoted = (identifier: string) => `\`${identifier}\``;

const COLUMNS = ["payload", "event_us", "table_id", "row_hash"] as const;

class Params {
  readonly params: Statement["params"] = {};
  readonly types: Statement["types"] = {};
  add(name: string, type: string, value: string | Date): string {
    this.params[name] = value;
    this.types[name] = type;
    return `@${name}`;
  }
}

function branch(
  layout: TableLayout,
  i: number,
  selection: ValidSelection,
  after: RowKey | null,
  options: SelectionOptions,
  p: Params,
): string {
  const afterMs = after === null ? null : Number(after.us / 1000n);
  const time = layout.eventTime === null ? "_PARTITIONTIME" : `t.${quoted(layout.eventTime)}`;
  const where: string[] = [];
  if (layout.partition.kind === "ingestion") {
    // Load days: from the day of the first event that can still be read, to the day after the
    // window's end plus the load delay (none when the load day is the only time known).
    const lowMs = Math.max(selection.from.getTime(), afterMs ?? -Infinity);
    const highMs =
      layout.eventTime === null
        ? selection.to.getTime()
        : selection.to.getTime() + options.loadDelayDays * DAY_MS;
    const pFrom = p.add(`partition_from_${i}`, "TIMESTAMP", startOfUtcDay(lowMs));
    const pTo = p.add(`partition_to_${i}`, "TIMESTAMP", new Date(highMs));
    where.push(`_PARTITIONTIME >= ${pFrom} AND _PARTITIONTIME < ${pTo}`);
  }
  if (layout.eventTime !== null) where.push(`${time} >= @from AND ${time} < @to`);
  if (after !== null) where.push(`${time} >= TIMESTAMP_MICROS(@after_us)`);
  selection.data.forEach((c, j) => {
    const value = `JSON_VALUE(TO_JSON_STRING(t), @path_${j})`;
    where.push(c.op === "equals" ? `${value} = @value_${j}` : `STARTS_WITH(${value}, @value_${j})`);
  });
  const table = p.add(`table_${i}`, "STRING", layout.tableId);
  return [
    `  SELECT TO_JSON_STRING(t) AS payload, UNIX_MICROS(${time}) AS event_us, ${table} AS table_id,` +
      ` TO_HEX(SHA256(TO_JSON_STRING(t))) AS row_hash`,
    `  FROM ${quoted(layout.fqn)} AS t`,
    `  WHERE ${where.join("\n    AND ")}`,
  ].join("\n");
}

function selection(
  layouts: TableLayout[],
  sel: ValidSelection,
  after: RowKey | null,
  options: SelectionOptions,
  p: Params,
): string {
  // A load-day-only table has no event-time column to hold to the window (its partition bounds do
  // that), so the bounds are declared only when a branch uses them.
  if (layouts.some((l) => l.eventTime !== null)) {
    p.add("from", "TIMESTAMP", sel.from);
    p.add("to", "TIMESTAMP", sel.to);
  }
  sel.data.forEach((c, j) => {
    p.add(`path_${j}`, "STRING", c.path);
    p.add(`value_${j}`, "STRING", c.value);
  });
  if (after !== null) p.add("after_us", "INT64", after.us.toString());
  return layouts.map((l, i) => branch(l, i, sel, after, options, p)).join("\n  UNION ALL\n");
}

/** The next `limit` rows after `after`, in (time, table, hash, rank) order. Also the dry-run shape. */
export function readStatement(
  layouts: TableLayout[],
  sel: ValidSelection,
  after: RowKey | null,
  limit: number,
  options: SelectionOptions,
): Statement {
  const p = new Params();
  const rows = selection(layouts, sel, after, options, p);
  const lines = [
    `SELECT ${COLUMNS.join(", ")}, dup`,
    "FROM (",
    "  SELECT *, ROW_NUMBER() OVER (PARTITION BY table_id, event_us, row_hash ORDER BY payload) AS dup",
    "  FROM (",
    rows.replace(/^/gm, "  "),
    "  )",
    ")",
  ];
  if (after !== null) {
    p.add("after_table", "STRING", after.table);
    p.add("after_hash", "STRING", after.hash);
    p.add("after_dup", "INT64", String(after.dup));
    lines.push(
      "WHERE event_us > @after_us OR (event_us = @after_us AND (table_id > @after_table OR (table_id = @after_table" +
        " AND (row_hash > @after_hash OR (row_hash = @after_hash AND dup > @after_dup)))))",
    );
  }
  lines.push("ORDER BY event_us, table_id, row_hash, dup", `LIMIT ${p.add("limit", "INT64", String(limit))}`);
  return { sql: lines.join("\n"), params: p.params, types: p.types };
}

/** How many rows the selection holds. */
export function countStatement(
  layouts: TableLayout[],
  sel: ValidSelection,
  options: SelectionOptions,
): Statement {
  const p = new Params();
  const rows = selection(layouts, sel, null, options, p);
  return { sql: ["SELECT COUNT(*) AS n", "FROM (", rows, ")"].join("\n"), params: p.params, types: p.types };
}
