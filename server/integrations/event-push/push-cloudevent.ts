import "server-only";
import { binaryHeaderValue as headerValue, type CloudEventData } from "@/lib/events/cloudevent";

export interface PushResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * The request a Pub/Sub push subscription with `no_wrapper { write_metadata = true }` makes
 * (DOMAIN.md §3.2): a binary-mode CloudEvent, attributes as `ce-*` headers, data as the body.
 */
export function binaryModeRequest(event: CloudEventData): {
  headers: Record<string, string>;
  body: Uint8Array;
} {
  const headers: Record<string, string> = {
    "ce-specversion": event.specversion,
    "ce-id": headerValue(event.id),
    "ce-source": headerValue(event.source),
    "ce-type": headerValue(event.type),
  };
  if (event.subject !== undefined) headers["ce-subject"] = headerValue(event.subject);
  if (event.time !== undefined) headers["ce-time"] = event.time;
  if (event.dataschema !== undefined) headers["ce-dataschema"] = headerValue(event.dataschema);
  if (event.datacontenttype !== undefined) headers["content-type"] = event.datacontenttype;
  for (const [k, v] of Object.entries(event.extensions)) headers[`ce-${k}`] = headerValue(v);
  return { headers, body: event.data };
}

/**
 * Pushes one event; 2xx acknowledges it. Never throws: failures come back as the result.
 * `authorization` is sent as is, e.g. the `Bearer <ID token>` a private Cloud Run service requires.
 */
export async function pushCloudEvent(
  endpoint: string,
  event: CloudEventData,
  timeoutMs: number,
  authorization?: string,
): Promise<PushResult> {
  const { headers, body } = binaryModeRequest(event);
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: authorization ? { ...headers, authorization } : headers,
      body: Buffer.from(body),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      status: response.status,
      error: ok ? null : `HTTP ${response.status} ${response.statusText}`.trim(),
    };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason =
      e.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, error: reason };
  }
}
