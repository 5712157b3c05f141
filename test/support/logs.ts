import { setLogSink } from "@/server/observability/logger";

/* eslint-disable @typescript-eslint/no-explicit-any -- log entries are checked field by field */
export interface CapturedLogs {
  /** The raw lines, as they would have reached stdout. */
  raw: string[];
  /** Each line parsed (every line must be one JSON object). */
  entries(): any[];
  /** Stops capturing (the lines go to stdout again). */
  restore(): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Captures the portal's log lines instead of writing them to stdout. */
export function captureLogs(): CapturedLogs {
  const raw: string[] = [];
  const restore = setLogSink((line) => raw.push(line));
  return { raw, entries: () => raw.map((line) => JSON.parse(line)), restore };
}
