import "server-only";
import { BigQueryArchiveError } from "./errors";
import { COLUMN_NAME, type ArchiveTable } from "./validate-query";

// How one recorder table keeps time, read from its metadata (tables.get):
//   - partitioned on a column (`partition_field`): that TIMESTAMP column is the event time, and the
//     window on it is also the partition filter;
//   - ingestion-time partitioned (no `partition_field`): `_PARTITIONTIME` is the day the row was
//     loaded. If the table has a top-level TIMESTAMP column named `timeColumn` (github-events'
//     `when`), that is the event time and the partition filter is widened to every load day an event
//     of the window can have landed on; otherwise the load day is the only time there is.

export interface TableLayout extends ArchiveTable {
  /** `project.dataset.table`, every part validated (safe inside backticks). */
  fqn: string;
  partition: { kind: "ingestion" } | { kind: "column"; column: string };
  /** The TIMESTAMP column giving each row's event time; null: only the load day (`_PARTITIONTIME`) is known. */
  eventTime: string | null;
}

/** The parts of a tables.get resource this reads. */
export interface TableMetadata {
  timePartitioning?: { type?: string; field?: string };
  schema?: { fields?: { name?: string; type?: string; mode?: string }[] };
}

const TIMESTAMP_TYPES = new Set(["TIMESTAMP"]);

export function tableLayout(
  table: ArchiveTable,
  fqn: string,
  metadata: TableMetadata,
  timeColumn: string | null,
): TableLayout {
  const fields = metadata.schema?.fields ?? [];
  const typeOf = (name: string) => fields.find((f) => f.name === name)?.type?.toUpperCase();
  const partitioning = metadata.timePartitioning;
  if (!partitioning) {
    throw new BigQueryArchiveError(
      "invalid-table",
      `Table ${fqn} is not time-partitioned; recorder tables are partitioned by day`,
      fqn,
      null,
    );
  }
  const field = partitioning.field;
  if (field) {
    if (!COLUMN_NAME.test(field) || !TIMESTAMP_TYPES.has(typeOf(field) ?? "")) {
      throw new BigQueryArchiveError(
        "invalid-table",
        `Table ${fqn} is partitioned on ${JSON.stringify(field)}, which is not a TIMESTAMP column; the archive reads TIMESTAMP partition fields only`,
        fqn,
        null,
      );
    }
    return { ...table, fqn, partition: { kind: "column", column: field }, eventTime: field };
  }
  const eventTime = timeColumn !== null && TIMESTAMP_TYPES.has(typeOf(timeColumn) ?? "") ? timeColumn : null;
  return { ...table, fqn, partition: { kind: "ingestion" }, eventTime };
}
