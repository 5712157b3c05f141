import "server-only";
import { ArchiveQueryError } from "./errors";
import { TABLE_ID } from "./validate-query";

// The keyset position of a row in the time-ordered read: event time in microseconds, then the
// table, then a hash of the row's JSON, then the row's rank among byte-identical rows of the same
// table and time (identical payloads are interchangeable, so any numbering of them reads each once).

export interface RowKey {
  /** Event time, microseconds since the epoch (exact, as UNIX_MICROS returns it). */
  us: bigint;
  table: string;
  /** Hex SHA-256 of the row's TO_JSON_STRING. */
  hash: string;
  /** 1-based rank among identical rows. */
  dup: number;
}

export function encodeCursor(key: RowKey): string {
  const json = JSON.stringify([1, key.us.toString(), key.table, key.hash, key.dup]);
  return Buffer.from(json, "utf8").toString("base64url");
}

const invalid = () => new ArchiveQueryError("after", "not a cursor this archive returned");

export function decodeCursor(cursor: string): RowKey {
  if (typeof cursor !== "string" || cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== 1) throw invalid();
  const [, us, table, hash, dup] = parsed as unknown[];
  if (typeof us !== "string" || !/^-?\d{1,19}$/.test(us)) throw invalid();
  if (typeof table !== "string" || !TABLE_ID.test(table)) throw invalid();
  if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) throw invalid();
  if (typeof dup !== "number" || !Number.isSafeInteger(dup) || dup < 1) throw invalid();
  return { us: BigInt(us), table, hash, dup };
}
