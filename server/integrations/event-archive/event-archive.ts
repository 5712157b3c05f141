import "server-only";
import type { CloudEventData } from "@/lib/events/cloudevent";

/** A condition on one value: equal to, or starting with, a literal. */
export interface ValueCondition {
  op: "equals" | "prefix";
  value: string;
}

/**
 * What a replay selects from the archive. Every value here is user input: implementations pass it
 * as data (query parameters), never as SQL text.
 */
export interface ArchiveQuery {
  /** Recorded event types (at least one). */
  types: string[];
  /** Event time window, [from, to). */
  from: Date;
  to: Date;
  /** CloudEvent attributes (embedded archive only: BigQuery rows hold only the payload). */
  subject?: ValueCondition;
  source?: ValueCondition;
  extensions?: ({ name: string } & ValueCondition)[];
  /** Payload fields by JSON path (`$.order.id`, `$.body.action`), compared as strings. */
  data?: ({ path: string } & ValueCondition)[];
}

/** One recorded event, rebuilt as a CloudEvent. */
export interface ArchivedEvent {
  /** Opaque position in the time-ordered read; `read(after = cursor)` continues after it. */
  cursor: string;
  /** The event's time (the window is on it). */
  time: Date;
  /** The id of the event as it was first published, when known (the embedded archive keeps it;
   * BigQuery rows have it only when the payload carries one). */
  originalId: string | null;
  /** The broker region it was recorded from, when known. */
  region: string | null;
  event: CloudEventData;
}

export interface ArchiveEstimate {
  count: number;
  /** Bytes the selection scans (BigQuery dry run); null where there is no such cost. */
  bytesScanned: number | null;
  sample: ArchivedEvent[];
}

/** Where replays read recorded events from: the recorder's BigQuery tables or the embedded table. */
export interface EventArchive {
  readonly kind: "embedded" | "bigquery";
  estimate(query: ArchiveQuery, sampleSize: number): Promise<ArchiveEstimate>;
  /** The next `limit` events after `after` (null: from the start), ordered by time. */
  read(query: ArchiveQuery, after: string | null, limit: number): Promise<ArchivedEvent[]>;
}
