import "server-only";
import { redact, scrubString, secretValues } from "./redact";
import { currentRequestContext } from "./request-context";

// One JSON object per line on stdout, in the shape Cloud Logging's agent reads from Cloud Run:
// `severity`, `message`, `time`, `logging.googleapis.com/trace` (+ spanId, trace_sampled) while a
// request with a trace is being served, `httpRequest` for request logs, everything else as
// jsonPayload. Every line passes through `redact` first: secrets never reach stdout.

export type Severity = "DEBUG" | "INFO" | "WARNING" | "ERROR";
const RANK: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };
const LEVELS = { debug: "DEBUG", info: "INFO", warning: "WARNING", error: "ERROR" } as const;

export type LogFields = Record<string, unknown>;

type Sink = (line: string) => void;
let sink: Sink = (line) => void process.stdout.write(`${line}\n`);

/** Sends log lines elsewhere (tests); returns the function that restores the previous sink. */
export function setLogSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

function minimum(): Severity {
  const level = process.env.MERIDIAN_LOG_LEVEL?.trim().toLowerCase();
  return level && level in LEVELS ? LEVELS[level as keyof typeof LEVELS] : "INFO";
}

function project(): string | undefined {
  return process.env.GCP_PROJECT_ID?.trim() || process.env.GOOGLE_CLOUD_PROJECT?.trim() || undefined;
}

/**
 * Writes one entry. `detail` is either fields (merged into the entry) or an error / other value,
 * logged under `error` (name, code, message, stack: all scrubbed); an error is also the entry's
 * `stack_trace`, so Error Reporting groups ERROR entries.
 */
export function writeLog(severity: Severity, message: string, detail?: unknown): void {
  if (RANK[severity] < RANK[minimum()]) return;
  const secrets = secretValues();
  const entry: Record<string, unknown> = {
    severity,
    message: scrubString(message, secrets),
    time: new Date().toISOString(),
  };
  const context = currentRequestContext();
  if (context) {
    entry.requestId = context.requestId;
    if (context.trace) {
      const gcp = project();
      entry["logging.googleapis.com/trace"] = gcp
        ? `projects/${gcp}/traces/${context.trace.traceId}`
        : context.trace.traceId;
      if (context.trace.spanId) entry["logging.googleapis.com/spanId"] = context.trace.spanId;
      entry["logging.googleapis.com/trace_sampled"] = context.trace.sampled;
    }
  }
  const isFields =
    detail !== null && typeof detail === "object" && !(detail instanceof Error) && !Array.isArray(detail);
  const fields = isFields ? (redact(detail, secrets) as LogFields) : {};
  if (!isFields && detail !== undefined) fields.error = redact(detail, secrets);
  const stack = (fields.error as { stack?: unknown } | undefined)?.stack;
  if (severity === "ERROR" && typeof stack === "string") fields.stack_trace = stack;
  let line: string;
  try {
    line = JSON.stringify({ ...entry, ...fields, ...entry });
  } catch {
    line = JSON.stringify({ ...entry, logError: "the entry's fields could not be serialised" });
  }
  sink(line);
}

/** The portal's logger: `log.error("pull request poll failed", error)`, `log.info("…", { fields })`. */
export const log = {
  debug: (message: string, detail?: unknown) => writeLog("DEBUG", message, detail),
  info: (message: string, detail?: unknown) => writeLog("INFO", message, detail),
  warn: (message: string, detail?: unknown) => writeLog("WARNING", message, detail),
  error: (message: string, detail?: unknown) => writeLog("ERROR", message, detail),
};
