import "server-only";
import { ATTRIBUTE_NAME, CONTEXT_ATTRIBUTES, type CloudEventData } from "@/lib/events/cloudevent";
import { log } from "@/server/observability/logger";

// CloudEvent <-> Pub/Sub message in the platform's binary mode (DOMAIN.md §3.1, the Go
// `pkg/pubsub.FromCloudEvent`): context attributes become `ce-<name>` attributes, datacontenttype
// becomes `content-type`, the data is the message body. Where the Go code writes an attribute for
// an unset value (`ce-subject: ""`, `content-type: ""`, `ce-time` of the zero time), we leave the
// attribute out, and read either form back as unset.

/** The message fields a CloudEvent maps to (what `Topic.publishMessage` takes). */
export interface PubSubMessageFields {
  data: Buffer;
  attributes: Record<string, string>;
  /** Only with ordering: the `partitionkey` extension, as the broker ingress publishes. */
  orderingKey?: string;
}

/** A received message, as the client library or the raw API hands it over. */
export interface ReceivedMessageFields {
  data?: Uint8Array | string | null;
  attributes?: Record<string, string> | null;
}

/** Pub/Sub's per-message limits (https://cloud.google.com/pubsub/quotas#resource_limits). */
export const PUBSUB_MESSAGE_LIMITS = {
  attributes: 100,
  attributeKeyBytes: 256,
  attributeValueBytes: 1024,
  orderingKeyBytes: 1024,
} as const;

/** An event that cannot become a Pub/Sub message, or a message that is not a CloudEvent. */
export class CloudEventMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CloudEventMappingError";
  }
}

const CONTENT_TYPE = "content-type";
const PARTITION_KEY = "partitionkey";
/** What Go's `time.Time{}.UTC().Format(time.RFC3339)` writes for an event without a time. */
const GO_ZERO_TIME = "0001-01-01T00:00:00Z";
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const reserved = new Set<string>(CONTEXT_ATTRIBUTES);

/**
 * `time` as Go's `Time.UTC().Format(time.RFC3339)` writes it: UTC, whole seconds (the platform
 * drops fractions of a second, so a consumer behind the ingress sees exactly this).
 */
export function formatCeTime(time: string): string {
  const ms = RFC3339.test(time) ? Date.parse(time) : NaN;
  if (Number.isNaN(ms)) throw new CloudEventMappingError(`time ${JSON.stringify(time)} is not RFC 3339`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The Pub/Sub message for an event (`pkg/pubsub.FromCloudEvent[WithOrdering]`). */
export function toPubSubMessage(
  event: CloudEventData,
  options: { ordering?: boolean } = {},
): PubSubMessageFields {
  if (event.specversion !== "1.0")
    throw new CloudEventMappingError(`specversion ${JSON.stringify(event.specversion)} is not 1.0`);
  for (const name of ["id", "source", "type"] as const)
    if (!event[name]) throw new CloudEventMappingError(`the event has no ${name}`);

  const attributes: Record<string, string> = {
    "ce-id": event.id,
    "ce-specversion": event.specversion,
    "ce-type": event.type,
    "ce-source": event.source,
  };
  if (event.subject) attributes["ce-subject"] = event.subject;
  if (event.time) attributes["ce-time"] = formatCeTime(event.time);
  if (event.datacontenttype) attributes[CONTENT_TYPE] = event.datacontenttype;
  // Not in the Go mapping (it drops dataschema); `ce-dataschema` is the binary-mode name for it.
  if (event.dataschema) attributes["ce-dataschema"] = event.dataschema;

  for (const [name, value] of Object.entries(event.extensions)) {
    if (reserved.has(name)) {
      log.warn(
        `CloudEvent ${event.id}: extension ${JSON.stringify(name)} takes a context attribute name; skipped`,
      );
      continue;
    }
    if (!ATTRIBUTE_NAME.test(name))
      throw new CloudEventMappingError(
        `extension name ${JSON.stringify(name)} is not a CloudEvents attribute name`,
      );
    attributes[`ce-${name}`] = String(value);
  }
  checkLimits(attributes);

  const message: PubSubMessageFields = { data: Buffer.from(event.data), attributes };
  const partitionKey = event.extensions[PARTITION_KEY];
  if (options.ordering && partitionKey) {
    if (Buffer.byteLength(partitionKey) > PUBSUB_MESSAGE_LIMITS.orderingKeyBytes)
      throw new CloudEventMappingError(
        `partitionkey is longer than Pub/Sub's ${PUBSUB_MESSAGE_LIMITS.orderingKeyBytes}-byte ordering key`,
      );
    message.orderingKey = partitionKey;
  }
  return message;
}

function checkLimits(attributes: Record<string, string>) {
  const entries = Object.entries(attributes);
  if (entries.length > PUBSUB_MESSAGE_LIMITS.attributes)
    throw new CloudEventMappingError(
      `the event needs ${entries.length} Pub/Sub attributes; a message carries at most ${PUBSUB_MESSAGE_LIMITS.attributes}`,
    );
  for (const [key, value] of entries) {
    if (Buffer.byteLength(key) > PUBSUB_MESSAGE_LIMITS.attributeKeyBytes)
      throw new CloudEventMappingError(`attribute name ${key} is longer than Pub/Sub allows`);
    if (Buffer.byteLength(value) > PUBSUB_MESSAGE_LIMITS.attributeValueBytes)
      throw new CloudEventMappingError(
        `attribute ${key} is longer than Pub/Sub's ${PUBSUB_MESSAGE_LIMITS.attributeValueBytes} bytes`,
      );
  }
}

/**
 * The CloudEvent a binary-mode Pub/Sub message carries; `ce-actor` (stamped by the ingress) is the
 * `actor` extension like any other `ce-X`. Attributes without the `ce-` prefix (other than
 * `content-type`) and `ce-` names that are not CloudEvents attribute names are not part of the
 * event. Throws CloudEventMappingError for a message that is not a CloudEvents 1.0 event.
 */
export function fromPubSubMessage(message: ReceivedMessageFields): CloudEventData {
  const attributes = message.attributes ?? {};
  const required = (name: string) => {
    const value = attributes[`ce-${name}`];
    if (!value) throw new CloudEventMappingError(`the message has no ce-${name} attribute`);
    return value;
  };
  const specversion = required("specversion");
  if (specversion !== "1.0")
    throw new CloudEventMappingError(`ce-specversion ${JSON.stringify(specversion)} is not 1.0`);

  const event: CloudEventData = {
    specversion,
    id: required("id"),
    source: required("source"),
    type: required("type"),
    extensions: {},
    data: toBytes(message.data),
  };
  const subject = attributes["ce-subject"];
  if (subject) event.subject = subject;
  const time = readTime(attributes["ce-time"]);
  if (time) event.time = time;
  const contentType = attributes[CONTENT_TYPE];
  if (contentType) event.datacontenttype = contentType;
  const dataschema = attributes["ce-dataschema"];
  if (dataschema) event.dataschema = dataschema;

  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith("ce-")) continue;
    const name = key.slice(3);
    if (reserved.has(name) || !ATTRIBUTE_NAME.test(name)) continue;
    event.extensions[name] = value;
  }
  return event;
}

/** An RFC 3339 time in UTC, as precise as it came; a missing, zero or malformed time is unset. */
function readTime(value: string | undefined): string | undefined {
  if (!value || value === GO_ZERO_TIME || !RFC3339.test(value) || Number.isNaN(Date.parse(value)))
    return undefined;
  if (/[Zz]$/.test(value)) return value.slice(0, -1).replace("t", "T") + "Z";
  return new Date(Date.parse(value)).toISOString();
}

function toBytes(data: ReceivedMessageFields["data"]): Uint8Array {
  if (data === null || data === undefined) return new Uint8Array();
  // The REST/JSON form carries base64; gRPC hands over bytes.
  if (typeof data === "string") return new Uint8Array(Buffer.from(data, "base64"));
  return new Uint8Array(data);
}
