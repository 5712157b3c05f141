import "server-only";
import { randomUUID } from "node:crypto";
import type { ArchivedEvent } from "@/server/integrations/event-archive/event-archive";
import { encodeCursor, type RowKey } from "./cursor";
import type { TableLayout } from "./table-layout";

// A recorder row back into a CloudEvent. The row is only the payload (event.Data()), so:
//   type             the table's event type;
//   id               new (the replay is a new delivery); the first id is `originalId` when the
//                    payload carries it;
//   source           //meridian/replay/bigquery/<project>.<dataset>.<table>: where this event was
//                    really read from (the first source was never recorded);
//   time             the event time when the table has one (partition field or `when`); omitted
//                    when only the load day is known, since that is not the event's time;
//   datacontenttype  application/json, data the row's JSON as recorded.
// originalId: `headers.delivery_id` of a github-events envelope ({when, headers, body}, whose
// CloudEvent id is the delivery id), else a top-level string or integer `id`.

export interface ArchiveRow {
  payload: string;
  key: RowKey;
}

/** RFC 3339 in UTC with microseconds when the time has them. */
export function rfc3339Micros(us: bigint): string {
  const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n);
  const iso = new Date(Number(ms)).toISOString();
  const micros = ((us % 1000n) + 1000n) % 1000n;
  return micros === 0n ? iso : `${iso.slice(0, -1)}${micros.toString().padStart(3, "0")}Z`;
}

export function originalIdOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const record = payload as Record<string, unknown>;
  const headers = record.headers;
  if (typeof headers === "object" && headers !== null) {
    const delivery = (headers as Record<string, unknown>).delivery_id;
    if (typeof delivery === "string" && delivery !== "") return delivery;
  }
  const id = record.id;
  if (typeof id === "string" && id !== "") return id;
  if (typeof id === "number" && Number.isSafeInteger(id)) return String(id);
  return null;
}

export function rebuildEvent(row: ArchiveRow, layout: TableLayout): ArchivedEvent {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(row.payload);
  } catch {
    // TO_JSON_STRING always yields JSON; a row that is not stays opaque data with no original id.
  }
  const ms = Number(row.key.us / 1000n);
  return {
    cursor: encodeCursor(row.key),
    time: new Date(ms),
    originalId: originalIdOf(parsed),
    region: null,
    event: {
      specversion: "1.0",
      id: randomUUID(),
      source: `//meridian/replay/bigquery/${layout.fqn}`,
      type: layout.type,
      ...(layout.eventTime === null ? {} : { time: rfc3339Micros(row.key.us) }),
      datacontenttype: "application/json",
      extensions: {},
      data: new TextEncoder().encode(row.payload),
    },
  };
}
