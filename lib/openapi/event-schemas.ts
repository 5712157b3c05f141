import { z } from "zod";
import {
  TAIL_DATA_LIMIT,
  type EventPayload,
  type EventTypeSummary,
  type EventView,
  type PublishResult,
  type ServiceEvents,
  type TriggerHealth,
} from "../events/api";
import type { CloudEventAttributes } from "../events/cloudevent";
import {
  MAX_ATTRIBUTE_BYTES,
  MAX_BODY_BYTES,
  MAX_EXTENSIONS,
  RESERVED_EXTENSIONS,
} from "../events/cloudevent-rules";
import { apiSchemas, doc, triggerFilterSchema, type Same } from "./response-schemas";

// Response mirrors of the event API (lib/events/api.ts, lib/events/cloudevent.ts), and the
// structured-mode CloudEvent the ingest endpoint reads (server/services/events/parse-http-cloudevent.ts
// checks it by hand, not with zod, so it is described here).

const isoDateTime = z.iso.datetime();
const reserved = RESERVED_EXTENSIONS.join(", ");

export const publishResultSchema = z.object({
  id: doc(z.string(), "The CloudEvent's `id`, as sent."),
  type: z.string(),
  region: doc(z.string(), "The broker region it was published to (`?region=`)."),
  messageId: doc(
    z.string(),
    "The bus's id: the embedded log's sequence number (also the live tail's SSE `id`), or the Pub/Sub message id.",
  ),
  publishedAt: doc(isoDateTime, "When the broker accepted it."),
});
apiSchemas.add(publishResultSchema, {
  id: "PublishResult",
  description: "A CloudEvent the broker of one region accepted.",
});

export const cloudEventAttributesSchema = z.object({
  specversion: z.literal("1.0"),
  id: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string().optional(),
  time: doc(isoDateTime.optional(), "RFC 3339, normalised to UTC."),
  datacontenttype: z.string().optional(),
  dataschema: z.string().optional(),
  extensions: doc(
    z.record(z.string(), z.string()),
    `Every other attribute, as a string (as Pub/Sub carries it). \`actor\` is the verified identity of the publisher, set by the portal; \`replayid\` and \`replayedfrom\` mark replayed events.`,
  ),
});
apiSchemas.add(cloudEventAttributesSchema, {
  id: "CloudEventAttributes",
  description: "The context attributes of a CloudEvent 1.0, extensions apart.",
});

export const eventPayloadSchema = z.object({
  encoding: doc(
    z.enum(["json", "text", "base64"]),
    "How `value` holds the data: JSON (re-serialised), UTF-8 text, or base64 of other bytes.",
  ),
  value: z.string(),
  bytes: doc(z.number().int(), "Size of the whole data, in bytes."),
  truncated: doc(z.boolean(), `True when \`value\` holds only the first ${TAIL_DATA_LIMIT} bytes.`),
});
apiSchemas.add(eventPayloadSchema, { id: "EventPayload", description: "An event's data, as shown." });

export const eventViewSchema = z.object({
  messageId: doc(
    z.string(),
    "The bus's id: the embedded log's sequence number (the SSE `id`), or the Pub/Sub message id.",
  ),
  region: z.string(),
  publishedAt: isoDateTime,
  attributes: cloudEventAttributesSchema,
  data: eventPayloadSchema,
});
apiSchemas.add(eventViewSchema, {
  id: "EventView",
  description: "One event as the API and the live tail show it (the `data` of an SSE `event` message).",
});

export const triggerHealthSchema = z.object({
  region: z.string(),
  pushedLastHour: doc(z.number().int(), "Events pushed (2xx) in the last hour."),
  latencyP50Ms: doc(
    z.number().nullable(),
    "Push latency (publication to 2xx) over the last hour; null without pushes.",
  ),
  latencyP99Ms: z.number().nullable(),
  backlog: doc(z.number().int(), "Events waiting to be delivered (not yet acknowledged)."),
  oldestUnackedSeconds: doc(z.number().nullable(), "Age of the oldest of them; null when there is none."),
  deadLettered: doc(
    z.number().int().nullable(),
    "Events dead-lettered in the last 24 hours; null where the source does not tell (Cloud Monitoring).",
  ),
  lastFailure: doc(
    z.object({ at: isoDateTime, status: z.number().int().nullable(), error: z.string() }).nullable(),
    "The most recent failed push in the last 24 hours: when, the HTTP status (null when no response came) and the error.",
  ),
});
apiSchemas.add(triggerHealthSchema, {
  id: "TriggerHealth",
  description: "Delivery health of one trigger in one region.",
});

export const serviceEventsSchema = z.object({
  service: z.string(),
  regions: z.array(z.string()),
  bus: doc(z.enum(["embedded", "pubsub"]), "The broker the portal runs with."),
  healthSource: doc(
    z.enum(["deliveries", "cloud-monitoring"]),
    "Where `health` comes from: the embedded broker's delivery records, or Cloud Monitoring's subscription metrics.",
  ),
  healthError: doc(
    z.string().nullable(),
    "Why delivery health could not be read (the rest of the answer stands, `health` is empty); null when it was.",
  ),
  publishes: z.array(
    z.object({
      type: z.string(),
      description: z.string(),
      recorded: doc(z.boolean(), "Whether events of the type are archived."),
      consumers: doc(
        z.array(z.object({ service: z.string(), trigger: z.string() })),
        "Triggers, of any service, that receive this type.",
      ),
    }),
  ),
  consumes: z.array(
    z.object({
      name: doc(z.string(), "The trigger's name."),
      type: z.string(),
      filter: triggerFilterSchema,
      pubsubFilter: doc(
        z.string(),
        "The Pub/Sub subscription filter the cloudevent-trigger module builds for it.",
      ),
      pushEndpoint: doc(
        z.string().nullable(),
        "Embedded mode: where matched events are pushed; null: delivered to the service's inbox.",
      ),
      producers: doc(z.array(z.string()), "Services that publish this type."),
      health: doc(z.array(triggerHealthSchema), "One entry per region the service runs in."),
    }),
  ),
});
apiSchemas.add(serviceEventsSchema, {
  id: "ServiceEvents",
  description: "What flows through a service: the types it publishes and its triggers, with delivery health.",
});

export const eventTypeSummarySchema = z.object({
  type: z.string(),
  description: z.string(),
  recorded: doc(z.boolean(), "Whether events of the type are archived."),
  schema: doc(z.unknown(), "The JSON Schema of the data, when the catalog has one; null otherwise."),
  producers: doc(z.array(z.string()), "Services that publish it."),
  consumers: doc(
    z.array(
      z.object({
        service: z.string(),
        trigger: z.string(),
        filter: doc(z.string(), "The trigger's Pub/Sub subscription filter."),
      }),
    ),
    "Triggers that receive it.",
  ),
});
apiSchemas.add(eventTypeSummarySchema, {
  id: "EventTypeSummary",
  description: "An event type the catalog knows, with who publishes and who receives it.",
});

export const eventTypeListSchema = z.array(eventTypeSummarySchema);
apiSchemas.add(eventTypeListSchema, {
  id: "EventTypeList",
  description: "Every event type, by type (not paged).",
});

const extensionValue = z.union([z.string(), z.number(), z.boolean()]);

export const structuredCloudEventSchema = z
  .object({
    specversion: z.literal("1.0"),
    id: doc(z.string().min(1), "Unique per source."),
    source: doc(z.string().min(1), "URI-reference of the producer, e.g. `//checkout-api/orders`."),
    type: doc(z.string().min(1), "E.g. `dev.meridian.checkout.order.placed`."),
    subject: z.string().min(1).optional(),
    time: doc(z.string().optional(), "RFC 3339, e.g. `2026-12-04T09:30:00Z`; stored in UTC."),
    datacontenttype: doc(
      z.string().optional(),
      "Media type of `data`; `application/json` when `data` is sent without it.",
    ),
    dataschema: doc(z.string().optional(), "Absolute URI."),
    data: doc(
      z.unknown().optional(),
      "The data: any JSON value for a JSON `datacontenttype` (or none), a string otherwise.",
    ),
    data_base64: doc(z.string().optional(), "Binary data, base64; not together with `data`."),
  })
  .catchall(extensionValue);
apiSchemas.add(structuredCloudEventSchema, {
  id: "StructuredCloudEvent",
  description: `One CloudEvent 1.0 in the structured JSON format (\`application/cloudevents+json\`). Every other member is an extension: its name 1-20 lower-case letters or digits, not one of ${reserved} (set by Meridian), its value a string, number or boolean (stored as a string); at most ${MAX_EXTENSIONS} extensions. Attribute values are non-empty, at most ${MAX_ATTRIBUTE_BYTES} bytes of UTF-8, without control characters. The whole document is at most ${MAX_BODY_BYTES} bytes (1 MB).`,
});

const _driftChecks: {
  publishResult: Same<z.infer<typeof publishResultSchema>, PublishResult>;
  attributes: Same<z.infer<typeof cloudEventAttributesSchema>, CloudEventAttributes>;
  payload: Same<z.infer<typeof eventPayloadSchema>, EventPayload>;
  eventView: Same<z.infer<typeof eventViewSchema>, EventView>;
  triggerHealth: Same<z.infer<typeof triggerHealthSchema>, TriggerHealth>;
  serviceEvents: Same<z.infer<typeof serviceEventsSchema>, ServiceEvents>;
  eventType: Same<z.infer<typeof eventTypeSummarySchema>, EventTypeSummary>;
} = {
  publishResult: true,
  attributes: true,
  payload: true,
  eventView: true,
  triggerHealth: true,
  serviceEvents: true,
  eventType: true,
};
void _driftChecks;
