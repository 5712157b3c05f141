import "server-only";
import { TAIL_DATA_LIMIT, type EventPayload, type EventView } from "@/lib/events/api";
import { isJsonMediaType } from "@/lib/events/cloudevent-rules";
import type { BusEvent } from "@/server/integrations/event-bus/event-bus";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function payload(data: Uint8Array, contentType: string | undefined): EventPayload {
  const truncated = data.length > TAIL_DATA_LIMIT;
  const head = truncated ? data.subarray(0, TAIL_DATA_LIMIT) : data;
  let text: string | null = null;
  try {
    text = utf8.decode(head);
  } catch {
    // cut inside a multi-byte character, or not text at all
    if (truncated) {
      try {
        text = utf8.decode(head.subarray(0, TAIL_DATA_LIMIT - 3));
      } catch {
        text = null;
      }
    }
  }
  if (text === null)
    return { encoding: "base64", value: Buffer.from(head).toString("base64"), bytes: data.length, truncated };
  const json = contentType !== undefined && isJsonMediaType(contentType) && !truncated && isJson(text);
  return { encoding: json ? "json" : "text", value: text, bytes: data.length, truncated };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A bus event as the API and the tail show it. */
export function toEventView(bus: BusEvent): EventView {
  const { data, ...attributes } = bus.event;
  return {
    messageId: bus.messageId,
    region: bus.region,
    publishedAt: bus.publishedAt.toISOString(),
    attributes,
    data: payload(data, attributes.datacontenttype),
  };
}
