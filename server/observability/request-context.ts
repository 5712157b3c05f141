import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one API request carries. */
export interface RequestContext {
  requestId: string;
  /** The trace the request belongs to (from the active span, or the incoming trace header). */
  trace?: { traceId: string; spanId?: string; sampled: boolean };
}

// On globalThis, so that every bundle of the server (each route's, instrumentation's) shares it.
const storage = ((
  globalThis as { meridianRequestContext?: AsyncLocalStorage<RequestContext> }
).meridianRequestContext ??= new AsyncLocalStorage<RequestContext>());

export const runWithRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/** The trace of an incoming `traceparent` (W3C) or `x-cloud-trace-context` (Google) header. */
export function traceFromHeaders(headers: Headers): RequestContext["trace"] {
  const parent = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/.exec(
    headers.get("traceparent")?.trim() ?? "",
  );
  if (parent && !/^0+$/.test(parent[1]!))
    return { traceId: parent[1]!, spanId: parent[2]!, sampled: (parseInt(parent[3]!, 16) & 1) === 1 };
  // TRACE_ID/SPAN_ID;o=OPTIONS, the span id in decimal.
  const cloud = /^([\da-f]{32})(?:\/(\d+))?(?:;o=(\d))?$/i.exec(
    headers.get("x-cloud-trace-context")?.trim() ?? "",
  );
  if (cloud) {
    const spanId = cloud[2] ? BigInt(cloud[2]).toString(16).padStart(16, "0").slice(-16) : undefined;
    return { traceId: cloud[1]!.toLowerCase(), spanId, sampled: cloud[3] === "1" };
  }
  return undefined;
}
