import "server-only";
import type { ArchiveQuery } from "@/server/integrations/event-archive/event-archive";
import { ArchiveQueryError } from "./errors";

// What the BigQuery archive accepts, checked before any SQL is built. Table names cannot be query
// parameters, so event types are held to the recorder's naming rule and become backtick-quoted
// identifiers; every other user value (time bounds, JSON paths, filter values) travels as a query
// parameter, and the rules here only keep it sane (length, well-formed Unicode).

/** A CloudEvent type the recorder can have a table for: dot-separated words of `A-Z a-z 0-9 _ -`. */
export const EVENT_TYPE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
/** A BigQuery table id as the recorder makes them (type with `.` → `_`); ≤ 1024 characters. */
export const TABLE_ID = /^[A-Za-z0-9_-]{1,1024}$/;
/** A payload path: `$` then 1–10 `.identifier` segments. No wildcards, brackets, quotes or recursion. */
export const JSON_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*){1,10}$/;
export const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;

export const MAX_TYPES = 50;
export const MAX_DATA_CONDITIONS = 20;
export const MAX_VALUE_LENGTH = 8 * 1024;

const ATTRIBUTES_RULE =
  "the BigQuery archive holds only event payloads (the recorder stores event.Data(), no CloudEvent attributes); filter on data paths instead";

export interface DataCondition {
  path: string;
  op: "equals" | "prefix";
  value: string;
}

export interface ArchiveTable {
  type: string;
  tableId: string;
}

export interface ValidSelection {
  tables: ArchiveTable[];
  from: Date;
  to: Date;
  data: DataCondition[];
}

export const tableIdOf = (type: string) => type.replaceAll(".", "_");

function checkValue(field: string, value: unknown): string {
  if (typeof value !== "string") throw new ArchiveQueryError(field, "must be a string");
  if (value.length > MAX_VALUE_LENGTH)
    throw new ArchiveQueryError(field, `at most ${MAX_VALUE_LENGTH} characters`);
  if (!value.isWellFormed())
    throw new ArchiveQueryError(field, "must be well-formed Unicode (no lone surrogates)");
  return value;
}

function checkTime(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new ArchiveQueryError(field, "must be a valid Date");
  return value;
}

export function validateSelection(query: ArchiveQuery): ValidSelection {
  if (query.subject !== undefined) throw new ArchiveQueryError("subject", ATTRIBUTES_RULE);
  if (query.source !== undefined) throw new ArchiveQueryError("source", ATTRIBUTES_RULE);
  if (query.extensions !== undefined && query.extensions.length > 0) {
    throw new ArchiveQueryError("extensions", ATTRIBUTES_RULE);
  }

  if (!Array.isArray(query.types) || query.types.length === 0) {
    throw new ArchiveQueryError("types", "at least one event type");
  }
  if (query.types.length > MAX_TYPES)
    throw new ArchiveQueryError("types", `at most ${MAX_TYPES} event types`);
  const byTable = new Map<string, string>();
  const tables = query.types.map((type, i): ArchiveTable => {
    const field = `types[${i}]`;
    if (typeof type !== "string" || !EVENT_TYPE.test(type)) {
      throw new ArchiveQueryError(
        field,
        "an event type is dot-separated words of letters, digits, '_' and '-' (the recorder's table naming rule)",
      );
    }
    const tableId = tableIdOf(type);
    if (!TABLE_ID.test(tableId)) throw new ArchiveQueryError(field, "at most 1024 characters");
    const earlier = byTable.get(tableId);
    if (earlier !== undefined) {
      throw new ArchiveQueryError(field, `reads the same table (${tableId}) as ${JSON.stringify(earlier)}`);
    }
    byTable.set(tableId, type);
    return { type, tableId };
  });

  const from = checkTime("from", query.from);
  const to = checkTime("to", query.to);
  if (to.getTime() <= from.getTime()) throw new ArchiveQueryError("to", "must be after from");

  const conditions = query.data ?? [];
  if (!Array.isArray(conditions)) throw new ArchiveQueryError("data", "must be a list of conditions");
  if (conditions.length > MAX_DATA_CONDITIONS) {
    throw new ArchiveQueryError("data", `at most ${MAX_DATA_CONDITIONS} conditions`);
  }
  const data = conditions.map((c, i): DataCondition => {
    if (typeof c !== "object" || c === null)
      throw new ArchiveQueryError(`data[${i}]`, "must be {path, op, value}");
    const path = c.path;
    if (typeof path !== "string" || !JSON_PATH.test(path)) {
      throw new ArchiveQueryError(
        `data[${i}].path`,
        "a JSON path is '$' followed by 1 to 10 '.name' segments, each name [A-Za-z_][A-Za-z0-9_]*",
      );
    }
    if (c.op !== "equals" && c.op !== "prefix")
      throw new ArchiveQueryError(`data[${i}].op`, "'equals' or 'prefix'");
    return { path, op: c.op, value: checkValue(`data[${i}].value`, c.value) };
  });

  return { tables, from, to, data };
}
