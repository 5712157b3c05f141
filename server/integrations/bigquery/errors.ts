import "server-only";

// A selection the archive refuses is the archive contract's ArchiveQueryError (field + rule).
export { ArchiveQueryError } from "@/server/integrations/event-archive/archive-query";

export type ArchiveFailure = "table-not-found" | "permission-denied" | "invalid-table" | "bigquery";

/** BigQuery refused or failed a call; `table` is the fully qualified table it was about, when known. */
export class BigQueryArchiveError extends Error {
  readonly reason: ArchiveFailure;
  readonly table: string | null;
  /** The HTTP status BigQuery answered with, when it answered. */
  readonly status: number | null;

  constructor(
    reason: ArchiveFailure,
    message: string,
    table: string | null,
    status: number | null,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "BigQueryArchiveError";
    this.reason = reason;
    this.table = table;
    this.status = status;
  }
}
