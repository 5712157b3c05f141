import { publishQuery, streamQuery, TAIL_DATA_LIMIT } from "../events/api";
import { MAX_ATTRIBUTE_BYTES, MAX_EXTENSIONS, RESERVED_EXTENSIONS } from "../events/cloudevent-rules";
import { parameterRef } from "./parameters";
import { schemaRef } from "./refs";
import { operation, queryParameters, response, success } from "./operation";
import type { OpenApiDocument } from "./types";

// The operations of CloudEvents: publishing to the broker of a region, what flows through a
// service and its live tail, and the event types.

/** Documentation of each event-stream query parameter; one missing for a schema key fails the typecheck. */
const streamQueryDocs: Record<keyof typeof streamQuery.shape, string> = {
  type: "Only these of the service's event types; comma-separated or repeated (at most 50).",
  region:
    "Only these of the service's regions, e.g. `us-central1`; comma-separated or repeated (at most 50).",
  attr: "Only events whose attributes have exactly these values: `name=value` pairs separated by commas (at most 20), e.g. `attr=subject=orders/o-1,testmode=true`. A name is any CloudEvents attribute: `id`, `source`, `type`, `subject`, `time`, or an extension.",
};

const publishQueryDocs: Record<keyof typeof publishQuery.shape, string> = {
  region: "The broker region to publish to: one of the environment's regions (`MERIDIAN_REGIONS`).",
};

const reservedExtensions = RESERVED_EXTENSIONS.map((e) => `\`${e}\``).join(", ");

/** Binary mode's attribute headers (`ce-<attribute>`), values percent-encoded UTF-8. */
const cloudEventHeaders = (
  [
    ["ce-specversion", "Binary mode, required: `1.0`. Its presence selects binary mode."],
    ["ce-id", "Binary mode, required: the event's id, unique per source."],
    ["ce-type", "Binary mode, required: e.g. `dev.meridian.checkout.order.placed`."],
    ["ce-source", "Binary mode, required: the producer, e.g. `//checkout-api/orders`."],
    ["ce-subject", "Binary mode: the subject, e.g. `orders/o-1`."],
    ["ce-time", "Binary mode: RFC 3339, e.g. `2026-12-04T09:30:00Z`; stored in UTC."],
    ["ce-dataschema", "Binary mode: an absolute URI."],
  ] as const
).map(([name, description]) => ({
  name,
  in: "header",
  required: false,
  description,
  schema: { type: "string" },
}));

const sseExample = `retry: 2000
: tail of checkout-api

id: 1042
event: event
data: {"messageId":"1042","region":"us-central1","publishedAt":"2026-12-04T09:30:00.123Z","attributes":{"specversion":"1.0","id":"o-1","source":"//checkout-api/orders","type":"dev.meridian.checkout.order.placed","subject":"orders/o-1","datacontenttype":"application/json","extensions":{"actor":"dev@meridian.local"}},"data":{"encoding":"json","value":"{\\"orderId\\":\\"o-1\\"}","bytes":17,"truncated":false}}

event: dropped
data: {"count":12}

: keep-alive
`;

/** Publishing, a service's events and live tail, and the event types. */
export function eventPaths(): OpenApiDocument["paths"] {
  const serviceNameParam = parameterRef("ServiceName");

  return {
    "/api/events": {
      post: operation({
        operationId: "publishEvent",
        summary: "Publish a CloudEvent to the broker of a region",
        description: `One CloudEvent 1.0 over HTTP, in **binary mode** (attributes as \`ce-*\` headers, \`Content-Type\` is its \`datacontenttype\`, the body is the data; a JSON content type must carry JSON) or **structured mode** (\`Content-Type: application/cloudevents+json\`, the body is the whole event, schema \`StructuredCloudEvent\`); batched mode is refused. Published to the broker of \`?region=\` as the broker's ingress does: the caller's verified identity is stamped as the \`actor\` extension (Pub/Sub attribute \`ce-actor\`). Anyone signed in may publish. Limits: body at most 1 MB, attribute values at most ${MAX_ATTRIBUTE_BYTES} bytes of UTF-8 (non-empty, no control characters), at most ${MAX_EXTENSIONS} extensions named with 1-20 lower-case letters or digits; ${reservedExtensions} are set by Meridian and refused. Any problem is a 400 naming each field (\`headers.ce-id\`, \`headers.content-type\`, \`body\`, \`body.time\`, \`query.region\`) and its rule; nothing is published.`,
        tags: ["events"],
        parameters: [...queryParameters(publishQuery, publishQueryDocs), ...cloudEventHeaders],
        requestBody: {
          required: true,
          description:
            "Structured mode: the event as JSON. Binary mode: the data, of the media type `Content-Type` names (any other `ce-<name>` header is an extension).",
          content: {
            "application/cloudevents+json": {
              schema: schemaRef("StructuredCloudEvent"),
              example: {
                specversion: "1.0",
                id: "o-1",
                source: "//checkout-api/orders",
                type: "dev.meridian.checkout.order.placed",
                subject: "orders/o-1",
                data: { orderId: "o-1" },
              },
            },
            "*/*": { schema: {}, example: { orderId: "o-1" } },
          },
        },
        ok: { "202": response("Accepted by the broker.", "PublishResult") },
        errors: [400, 403],
      }),
    },
    "/api/services/{name}/events": {
      get: operation({
        operationId: "getServiceEvents",
        summary: "What flows through a service",
        description:
          "The types the service publishes (with the triggers that consume them) and its triggers (filter, Pub/Sub filter, producers), each with delivery health per region: from the embedded broker's delivery records, or Cloud Monitoring when the bus is Pub/Sub (`healthSource`).",
        tags: ["events"],
        parameters: [serviceNameParam],
        ok: success("The service's events.", "ServiceEvents"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/events/stream": {
      get: operation({
        operationId: "streamServiceEvents",
        summary: "A service's live tail as Server-Sent Events",
        description: `The events of the types the service publishes, and those its triggers receive (the same matching as delivery), in its regions, narrowed by \`type\`, \`region\` and \`attr\`. Messages: \`event\` (data: EventView, data cut to ${TAIL_DATA_LIMIT / 1024} KiB; \`id\` is its \`messageId\`), \`dropped\` (data: \`{count}\`) before the next event when the client fell 500 messages behind and that many were skipped, and a keep-alive comment every 15 s; the stream opens with \`retry: 2000\`. On the embedded bus a reconnect with \`Last-Event-ID\` first replays, from the durable log, up to 1,000 events of the scope published after that id, oldest first, then continues live. On Pub/Sub a tail starts at the moment of connection and \`Last-Event-ID\` is ignored.`,
        tags: ["events"],
        parameters: [
          serviceNameParam,
          ...queryParameters(streamQuery, streamQueryDocs),
          {
            name: "Last-Event-ID",
            in: "header",
            required: false,
            description:
              "Embedded bus: replay what was published after this message id (at most 1,000 events).",
            schema: { type: "string" },
          },
        ],
        ok: {
          "200": {
            description: "The event stream.",
            content: { "text/event-stream": { schema: { type: "string" }, example: sseExample } },
          },
        },
        errors: [400, 404],
      }),
    },
    "/api/event-types": {
      get: operation({
        operationId: "listEventTypes",
        summary: "Every event type",
        description: "Every type the catalog knows, by type, with its producers and consumers; not paged.",
        tags: ["events"],
        ok: success("The event types.", "EventTypeList"),
      }),
    },
    "/api/event-types/{type}": {
      get: operation({
        operationId: "getEventType",
        summary: "One event type",
        tags: ["events"],
        parameters: [parameterRef("EventType")],
        ok: success("The event type.", "EventTypeSummary"),
        errors: [400, 404],
      }),
    },
  };
}
