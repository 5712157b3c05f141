// The in-memory tables of the BigQuery double (bigquery-double.ts), looked up as BigQuery does (an
// invalid name, not found, another location, access denied), and the API errors the double answers.

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

export interface Table extends DoubleTableSpec {
  rows: DoubleRow[];
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new ApiFailure(400, "invalidQuery", message);

/** The double's tables by `project.dataset.table`, and the ones it denies access to. */
export function bigqueryTables() {
  const tables = new Map<string, Table>();
  const denied = new Set<string>();

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

  return { tables, denied, tableFor };
}
