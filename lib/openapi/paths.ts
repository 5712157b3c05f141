import type { z } from "zod";
import { dashboardQuery, fleetHealthQuery } from "../dashboards/dashboard-query";
import { publishQuery, streamQuery, TAIL_DATA_LIMIT } from "../events/api";
import { MAX_ATTRIBUTE_BYTES, MAX_EXTENSIONS, RESERVED_EXTENSIONS } from "../events/cloudevent-rules";
import { runListQuery } from "../scaffold-runs";
import { DEFAULT_CONFIRM_THRESHOLD, MAX_WINDOW_DAYS, replayListQuery } from "../replays";
import { fleetAlertsQuery } from "../alerts/alert-api";
import { DEV_USER_COOKIE } from "../identity";
import { errorResponseRef, type ErrorStatus } from "./errors";
import { jsonSchema } from "./json-schema";
import { catalogQueryParameters, parameterRef } from "./parameters";
import { jsonContent, schemaRef } from "./refs";
import type { JsonObject, OpenApiDocument, OpenApiOperation } from "./types";

// The operations of the JSON API, one per route handler under app/api/ and method it exports;
// test/openapi.test.ts fails when one is missing here or has no handler.

const tagDescriptions = {
  catalog: "Services in the catalog.",
  teams: "Teams and their members.",
  dashboards: "Service metrics per region, and the fleet's health.",
  events:
    "CloudEvents: publishing to the broker of a region, what flows through a service, its live tail, and the event types.",
  replays:
    "Replays of recorded events: an estimate, then a durable job that sends the selection to one trigger or a region's broker at a set rate, with pause, resume, cancel and live progress.",
  alerts: "The portal's alert policies per service with live state per region, incidents, and thresholds.",
  templates: "Service templates, and the preview of what a new service would generate.",
  scaffold: "Scaffold runs: a new service carried out as a durable job that ends in a pull request.",
  "pull-requests": "Pull requests the portal opened; merging and closing local ones.",
  webhooks: "Deliveries from GitHub, authenticated by their signature instead of identity.",
  identity: "Who you are.",
  dev: "Embedded mode only: act as another person, or make a demo region degrade.",
  metrics: "Embedded mode only: metrics sent by services over OTLP.",
  meta: "Health and this document.",
};

type Tag = keyof typeof tagDescriptions;

/** The document's `tags`, in the order the operations' tags are listed. */
export const apiTags = (): OpenApiDocument["tags"] =>
  Object.entries(tagDescriptions).map(([name, description]) => ({ name, description }));

interface OperationSpec extends Omit<OpenApiOperation, "tags" | "responses" | "security"> {
  tags: Tag[];
  /** Success responses by status. */
  ok: Record<string, JsonObject>;
  /** Error statuses besides 401 and 500, which every authenticated operation has. */
  errors?: ErrorStatus[];
  /** Served without identity (the health probe). */
  open?: boolean;
}

function operation({ ok, errors = [], open = false, ...rest }: OperationSpec): OpenApiOperation {
  const statuses: ErrorStatus[] = open
    ? errors
    : [...new Set<ErrorStatus>([...errors, 401, 500])].sort((a, b) => a - b);
  return {
    ...rest,
    ...(open ? { security: [] } : {}),
    responses: { ...ok, ...Object.fromEntries(statuses.map((s) => [String(s), errorResponseRef(s)])) },
  };
}

const fleetAlertsQueryDocs: Record<keyof typeof fleetAlertsQuery.shape, string> = {
  state: "Which state to list: `firing` (default), `no_data` or `ok`.",
  team: "Only services of this team.",
};

const runListQueryDocs: Record<keyof typeof runListQuery.shape, string> = {
  requestedBy: "Only runs started by this person (email).",
  template: "Only runs of this template id.",
  status: "Only runs in this state: queued, running, succeeded, failed, cancelled.",
  limit: "At most this many runs, newest first (1-200, default 50).",
};

/** Documentation of each dashboard query parameter; one missing for a schema key fails the typecheck. */
const dashboardQueryDocs: Record<keyof typeof dashboardQuery.shape, string> = {
  range:
    "Preset window ending now, aligned to its step: `1h` and `6h` (1-minute steps), `24h` (5 minutes), `7d` (1 hour). Default `6h`; not with `from`/`to`.",
  from: "Start of an explicit window (ISO 8601 with time zone); with `to`, before it and at most 8 days before it.",
  to: "End of an explicit window (ISO 8601 with time zone), at most a minute in the future; with `from`. The step is the smallest of 1 minute, 5 minutes, 1 hour giving at most 400 points.",
};

/** A strict query schema as `in: query` parameters, each with its line of documentation. */
function queryParameters(schema: z.ZodObject, docs: Record<string, string>) {
  const input = jsonSchema(schema, "input");
  const required = new Set(input.required ?? []);
  return Object.entries(input.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    description: docs[name],
    schema: property,
  }));
}

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

/** The `Idempotency-Key` request header of a POST that queues a job (`what`: run, replay). */
const idempotencyKey = (what: string) => ({
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: `1-200 printable ASCII characters; the same key always answers the same ${what}.`,
  schema: { type: "string" },
});

const replayListQueryDocs: Record<keyof typeof replayListQuery.shape, string> = {
  service: "Only the replays of this service.",
};

const replayExample = {
  id: "5b0e7c1e-8a3f-4f7e-9d59-2f0c1a7e4b21",
  service: "inventory-service",
  requestedBy: "grace@meridian.dev",
  target: { kind: "trigger", trigger: "inventory-service-order-placed" },
  selection: {
    types: ["dev.meridian.checkout.order.placed"],
    from: "2026-12-04T08:00:00.000Z",
    to: "2026-12-04T10:00:00.000Z",
    data: [{ path: "$.order.id", op: "prefix", value: "o-1" }],
  },
  ratePerSecond: 10,
  status: "running",
  total: 120,
  sent: 40,
  failed: 0,
  remaining: 80,
  etaSeconds: 8,
  failures: [],
  error: null,
  createdAt: "2026-12-04T10:02:11.204Z",
  startedAt: "2026-12-04T10:02:11.390Z",
  finishedAt: null,
};

const replayCompleted = {
  ...replayExample,
  status: "completed",
  sent: 120,
  remaining: 0,
  etaSeconds: null,
  finishedAt: "2026-12-04T10:02:23.512Z",
};

const replaySseExample = `retry: 2000

id: 40
event: replay
data: ${JSON.stringify(replayExample)}

id: 120
event: replay
data: ${JSON.stringify(replayCompleted)}

event: end
data: {"status":"completed"}
`;

/** The answer of pause, resume and cancel: the replay after the change. */
const replayControl = (operationId: string, summary: string, description: string): OpenApiOperation =>
  operation({
    operationId,
    summary,
    description: `${description} Members of the team owning the replay's service, and admins (403 otherwise). A status the control does not apply to, or a change by someone else meanwhile, is 409 and changes nothing.`,
    tags: ["replays"],
    parameters: [parameterRef("ReplayId")],
    ok: success("The replay after the change.", "Replay"),
    errors: [400, 403, 404, 409],
  });

const response = (description: string, schemaId: string) => ({ description, content: jsonContent(schemaId) });
const success = (description: string, schemaId: string) => ({ "200": response(description, schemaId) });

/** The document's `paths`. */
export function apiPaths(): OpenApiDocument["paths"] {
  const serviceNameParam = parameterRef("ServiceName");
  const teamNameParam = parameterRef("TeamName");

  return {
    "/api/health": {
      get: operation({
        operationId: "getHealth",
        summary: "Liveness and database status",
        description:
          "Open without identity, so load balancers and probes can call it. Not an `ErrorBody` endpoint: it always answers `Health`.",
        tags: ["meta"],
        open: true,
        ok: {
          "200": response("The database answers.", "Health"),
          "503": response("The database does not answer (`status: degraded`).", "Health"),
        },
      }),
    },
    "/api/openapi.json": {
      get: operation({
        operationId: "getOpenApiDocument",
        summary: "This OpenAPI 3.1 document",
        tags: ["meta"],
        ok: {
          "200": {
            description: "The document.",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
      }),
    },
    "/api/me": {
      get: operation({
        operationId: "getMe",
        summary: "The signed-in person",
        description:
          "Email, name, whether they are an admin, and their teams. People unknown to the catalog are viewers with no teams.",
        tags: ["identity"],
        ok: success("The caller.", "Actor"),
      }),
    },
    "/api/services": {
      get: operation({
        operationId: "listServices",
        summary: "Search the catalog",
        description:
          "Search, filter, sort and page the services. Filters combine with AND; the values within one filter with OR.",
        tags: ["catalog"],
        parameters: catalogQueryParameters(),
        ok: success("One page of services.", "ServicePage"),
        errors: [400],
      }),
    },
    "/api/services/{name}": {
      get: operation({
        operationId: "getService",
        summary: "One service",
        tags: ["catalog"],
        parameters: [serviceNameParam],
        ok: success("The service.", "ServiceDetail"),
        errors: [400, 404],
      }),
      patch: operation({
        operationId: "updateService",
        summary: "Change a service's catalog entry",
        description:
          "Members of the owning team and admins only (setting `lifecycle: retired` is the `service.retire` action, allowed to the same people). Recorded in the service's activity.",
        tags: ["catalog"],
        parameters: [serviceNameParam],
        requestBody: { required: true, content: jsonContent("ServiceUpdate") },
        ok: success("The service after the change.", "ServiceDetail"),
        errors: [400, 403, 404, 422],
      }),
    },
    "/api/services/{name}/activity": {
      get: operation({
        operationId: "listServiceActivity",
        summary: "A service's audit trail",
        description: "The newest 100 entries, newest first.",
        tags: ["catalog"],
        parameters: [serviceNameParam],
        ok: success("The entries.", "ActivityList"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/dashboard": {
      get: operation({
        operationId: "getServiceDashboard",
        summary: "A service's dashboard with data",
        description:
          'The shared dashboard layout with every tile\'s series per region and combined (`region: "all"`), over an aligned window, and the region strip (requests/s, 5xx ratio, p95, degraded when at least 3× the median of the other regions). A tile whose query failed carries `error` and no series; the others still answer.',
        tags: ["dashboards"],
        parameters: [serviceNameParam, ...queryParameters(dashboardQuery, dashboardQueryDocs)],
        ok: success("The dashboard.", "ServiceDashboard"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/dashboard/terraform": {
      get: operation({
        operationId: "getServiceDashboardTerraform",
        summary: "A service's dashboard as Terraform",
        description:
          "The same layout the dashboard endpoint fills, rendered as the `google_monitoring_dashboard` resource (mosaic layout, 12 columns, every chart grouped by region) and the dashboard JSON Terraform sends, so the portal and the Cloud Console never disagree.",
        tags: ["dashboards"],
        parameters: [serviceNameParam],
        ok: success("The Terraform and JSON.", "DashboardTerraform"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/alerts": {
      get: operation({
        operationId: "getServiceAlerts",
        summary: "A service's alert policies and their state per region",
        description:
          "The portal's policies (the platform defaults of DOMAIN.md §2.5-2.6 with the service's own thresholds), each with its state per region and for all regions together as the scheduled evaluation recorded it (`since`, `lastFiredAt`), the last hour of its value per region for the chart, the newest 50 incidents, and in production Cloud Monitoring's own alert policies labelled `service=<name>` (`cloud`, marked `origin: cloud-monitoring`).",
        tags: ["alerts"],
        parameters: [serviceNameParam],
        ok: success("The service's alerts.", "ServiceAlerts"),
        errors: [400, 404],
      }),
    },
    "/api/services/{name}/alerts/{policy}": {
      put: operation({
        operationId: "setAlertThreshold",
        summary: "Set the service's threshold for one policy",
        description:
          "Members of the owning team and admins (`alert.threshold`); recorded in the service's activity with the previous and the new threshold. The threshold must satisfy the policy's `thresholdRule` (422 naming `body.threshold` and the rule). The service is evaluated again at once.",
        tags: ["alerts"],
        parameters: [serviceNameParam, parameterRef("PolicyId")],
        requestBody: { required: true, content: jsonContent("ThresholdOverride") },
        ok: success("The threshold now in force.", "AlertThreshold"),
        errors: [400, 403, 404, 422],
      }),
      delete: operation({
        operationId: "resetAlertThreshold",
        summary: "Back to the platform default threshold",
        description: "Same rights and audit as setting it.",
        tags: ["alerts"],
        parameters: [serviceNameParam, parameterRef("PolicyId")],
        ok: success("The default threshold, now in force.", "AlertThreshold"),
        errors: [400, 403, 404],
      }),
    },
    "/api/alerts": {
      get: operation({
        operationId: "listFleetAlerts",
        summary: "The fleet's alerts in one state (firing now, by default)",
        description:
          "Every (service, policy, region) of the deployed fleet in the state, with `since`, and the number of policies per service: the navigation's and the service header's firing counts.",
        tags: ["alerts"],
        parameters: queryParameters(fleetAlertsQuery, fleetAlertsQueryDocs),
        ok: success("The alerts.", "FleetAlerts"),
        errors: [400],
      }),
    },
    "/api/fleet/health": {
      get: operation({
        operationId: "getFleetHealth",
        summary: "The region strip of every service",
        description: "Every service that is not retired, by name, with its RegionHealth per region.",
        tags: ["dashboards"],
        parameters: queryParameters(fleetHealthQuery, { range: dashboardQueryDocs.range }),
        ok: success("The fleet's health.", "FleetHealth"),
        errors: [400],
      }),
    },
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
    "/api/replays/estimate": {
      post: operation({
        operationId: "estimateReplay",
        summary: "What a replay of a selection would send",
        description: `Changes nothing: how many recorded events the selection matches, \`bytesScanned\` (the BigQuery archive's dry run; null on the embedded archive), the first \`sampleSize\` events (0-20, default 5) rendered as CloudEvents, which archive answered, and the confirmation threshold. Anyone signed in may estimate. A 422 names the field: a service not in the catalog (\`body.service\`), a type that is not recorded (\`body.selection.types\`: only recorded types can be replayed), a window whose \`to\` is not after \`from\` or that spans more than ${MAX_WINDOW_DAYS} days (\`body.selection.to\`), a data path that is not \`$\` and dotted names (\`body.selection.data.<i>.path\`), and on the BigQuery archive any subject, source or extension filter (\`body.selection.subject\`, \`body.selection.source\`, \`body.selection.extensions\`: its rows hold only payloads, so filter on \`data\` paths).`,
        tags: ["replays"],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: schemaRef("ReplayEstimateRequest"),
              example: {
                service: "inventory-service",
                selection: {
                  types: ["dev.meridian.checkout.order.placed"],
                  from: "2026-12-04T08:00:00Z",
                  to: "2026-12-04T10:00:00Z",
                  data: [{ path: "$.order.id", op: "prefix", value: "o-1" }],
                },
                sampleSize: 2,
              },
            },
          },
        },
        ok: success("The estimate.", "ReplayEstimate"),
        errors: [400, 403, 422],
      }),
    },
    "/api/replays": {
      post: operation({
        operationId: "startReplay",
        summary: "Start a replay: queue a replay job",
        description: `Members of the team owning \`service\` and admins only (403). Checked before anything is created, each a 422 naming the field: the service is in the catalog (\`body.service\`); only recorded types (\`body.selection.types\`); a trigger target must be a trigger of the service (\`body.target.trigger\`) that receives the selected type (\`body.selection.types\`), and on Pub/Sub a trigger target is refused (\`body.target.kind\`: replay to a region's broker there); a broker target's region is one of \`MERIDIAN_REGIONS\` (\`body.target.region\`); the archive's rules, as for the estimate (\`body.selection.*\`); a selection that matches no event (\`body.selection\`); and a broker target, or more than \`MERIDIAN_REPLAY_CONFIRM_THRESHOLD\` (default ${DEFAULT_CONFIRM_THRESHOLD}) events, needs \`confirm\` set to the service's name (\`body.confirm\`). The window's end is cut at the current time, so the job replays a fixed set of events. Any portal process's worker then claims the job and sends the events in time order at \`ratePerSecond\`, committing its cursor with each batch; each replayed event has a new \`id\` and carries \`replayid\` (the replay), \`replayedfrom\` (the original id) and \`actor\` (the replayer). On the embedded broker every event is sent exactly once, even across a crash; on Pub/Sub a crash repeats at most one batch. An \`Idempotency-Key\` header makes a repeated POST answer the replay it first created (\`Idempotent-Replayed: true\`), whatever the body; a key someone else used is 409. Audited as \`replay.create\` (selection, target, rate, selected count, and why it needed confirmation).`,
        tags: ["replays"],
        parameters: [idempotencyKey("replay")],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: schemaRef("ReplayCreateRequest"),
              example: {
                service: "inventory-service",
                selection: {
                  types: ["dev.meridian.checkout.order.placed"],
                  from: "2026-12-04T08:00:00Z",
                  to: "2026-12-04T10:00:00Z",
                },
                target: { kind: "broker", region: "europe-west1" },
                ratePerSecond: 50,
                confirm: "inventory-service",
              },
            },
          },
        },
        ok: {
          "202": {
            description: "Queued; `Location` is the replay.",
            headers: {
              Location: { description: "`/api/replays/{id}`", schema: { type: "string" } },
              "Idempotent-Replayed": {
                description:
                  "`true` when the `Idempotency-Key` was seen before and this is the replay it created.",
                schema: { type: "string", enum: ["true"] },
              },
            },
            content: jsonContent("ReplayAccepted"),
          },
        },
        errors: [400, 403, 409, 422],
      }),
      get: operation({
        operationId: "listReplays",
        summary: "Past and current replays",
        description: "Newest first, at most 100. Anyone signed in.",
        tags: ["replays"],
        parameters: queryParameters(replayListQuery, replayListQueryDocs),
        ok: success("The replays.", "ReplayList"),
        errors: [400],
      }),
    },
    "/api/replays/{id}": {
      get: operation({
        operationId: "getReplay",
        summary: "One replay with its progress",
        tags: ["replays"],
        parameters: [parameterRef("ReplayId")],
        ok: {
          "200": {
            description: "The replay.",
            content: { "application/json": { schema: schemaRef("Replay"), example: replayExample } },
          },
        },
        errors: [400, 404],
      }),
    },
    "/api/replays/{id}/pause": {
      post: replayControl(
        "pauseReplay",
        "Pause a replay",
        "From `queued` or `running` to `paused`; a running job stops after the batch in flight, its cursor kept. Audited as `replay.pause`.",
      ),
    },
    "/api/replays/{id}/resume": {
      post: replayControl(
        "resumeReplay",
        "Resume a paused replay",
        "From `paused` to `queued`: a worker claims it again and continues from its cursor. Audited as `replay.resume`.",
      ),
    },
    "/api/replays/{id}/cancel": {
      post: replayControl(
        "cancelReplay",
        "Cancel a replay",
        "From `queued` or `paused` to `cancelled` at once; from `running` to `cancelling`, and the worker stops it after the batch in flight (then `cancelled`). What was sent stays sent. Audited as `replay.cancel`.",
      ),
    },
    "/api/replays/{id}/events": {
      get: operation({
        operationId: "streamReplayEvents",
        summary: "A replay's progress as Server-Sent Events",
        description:
          "Read from the database (every 0.5 s), so it works whichever process runs the job. `replay` events (data: Replay; `id` is `sent + failed`) whenever the replay changes, the first at once; `end` (data: `{status}`) once it is cancelled, completed or failed, and the stream closes; a keep-alive comment after 15 s without a message; `error` (data: `{message}`) if reading it fails. The stream opens with `retry: 2000`; `Last-Event-ID` is not used, every connection starts with the current state.",
        tags: ["replays"],
        parameters: [parameterRef("ReplayId")],
        ok: {
          "200": {
            description: "The event stream.",
            content: { "text/event-stream": { schema: { type: "string" }, example: replaySseExample } },
          },
        },
        errors: [400, 404],
      }),
    },
    "/api/templates": {
      get: operation({
        operationId: "listTemplates",
        summary: "The template gallery",
        tags: ["templates"],
        ok: success("Every template.", "TemplateList"),
      }),
    },
    "/api/templates/{id}": {
      get: operation({
        operationId: "getTemplate",
        summary: "One template and its form",
        description:
          "The fields that drive both the wizard's form and the server's validation, and the options of the selects: the catalog's teams, the environment's regions (`MERIDIAN_REGIONS`), GitHub events.",
        tags: ["templates"],
        parameters: [parameterRef("TemplateId")],
        ok: success("The template.", "TemplateDetail"),
        errors: [400, 404],
      }),
    },
    "/api/scaffold/preview": {
      post: operation({
        operationId: "previewScaffold",
        summary: "Every file a new service would generate, checked",
        description:
          "Renders the template for the answers without changing anything: every file under `services/<name>/` with its status against the target repository, `meridian.lock.json`, a summary in words, and the checks (Terraform parses and is in canonical format, module inputs match the platform modules, Go is gofmt-clean when the portal's machine has Go, JSON parses, names follow the platform rules). Bad answers, a taken name or an unknown version are a 422 naming each field (`body.params.<key>`) and its rule.",
        tags: ["templates"],
        requestBody: { required: true, content: jsonContent("ScaffoldPreviewRequest") },
        ok: success("The preview.", "ScaffoldPreview"),
        errors: [400, 404, 422],
      }),
    },
    "/api/scaffold/validate": {
      post: operation({
        operationId: "validateAnswers",
        summary: "Check a form's answers",
        description:
          "The preview's validation as a 200 for the live form, including what only the server knows: the team exists, the regions are the environment's, the name is free in the catalog and in the target repository.",
        tags: ["templates"],
        requestBody: { required: true, content: jsonContent("AnswerValidationRequest") },
        ok: success("The issues, none when ok.", "AnswerValidation"),
        errors: [400, 404, 422],
      }),
    },
    "/api/scaffold/runs": {
      post: operation({
        operationId: "startScaffoldRun",
        summary: "Create a new service: queue a scaffold run",
        description:
          "Checks the answers like the preview (422 naming each field, nothing created), requires membership of the chosen team (403), and queues a run that any portal process may carry out: validate → render → check-target → branch → commit → pull-request → register. An `Idempotency-Key` header makes a repeated POST answer the run it first created (`Idempotent-Replayed: true`). 409 while another run for the same name is in progress.",
        tags: ["scaffold"],
        parameters: [idempotencyKey("run")],
        requestBody: { required: true, content: jsonContent("ScaffoldPreviewRequest") },
        ok: { "202": response("Queued; `Location` is the run.", "ScaffoldRunAccepted") },
        errors: [400, 403, 404, 409, 422],
      }),
      get: operation({
        operationId: "listScaffoldRuns",
        summary: "Past and current scaffold runs",
        tags: ["scaffold"],
        parameters: queryParameters(runListQuery, runListQueryDocs),
        ok: success("The runs.", "ScaffoldRunList"),
        errors: [400],
      }),
    },
    "/api/scaffold/runs/{id}": {
      get: operation({
        operationId: "getScaffoldRun",
        summary: "One scaffold run with its steps",
        tags: ["scaffold"],
        parameters: [parameterRef("RunId")],
        ok: success("The run.", "ScaffoldRun"),
        errors: [400, 404],
      }),
    },
    "/api/scaffold/runs/{id}/events": {
      get: operation({
        operationId: "streamScaffoldRunEvents",
        summary: "A run's progress as Server-Sent Events",
        description:
          "`log` events (data: ScaffoldRunLogLine; `id` is the line's id), a `run` event (data: ScaffoldRun) whenever the run changes, and `end` (data: `{status}`) once it is finished. Reconnect with `Last-Event-ID` to resume after a line.",
        tags: ["scaffold"],
        parameters: [
          parameterRef("RunId"),
          {
            name: "Last-Event-ID",
            in: "header",
            required: false,
            description: "Resume after this log line.",
            schema: { type: "string" },
          },
        ],
        ok: {
          "200": {
            description: "The event stream.",
            content: { "text/event-stream": { schema: { type: "string" } } },
          },
        },
        errors: [400, 404],
      }),
    },
    "/api/scaffold/runs/{id}/cancel": {
      post: operation({
        operationId: "cancelScaffoldRun",
        summary: "Stop a run before its next step",
        description:
          "Possible until the pull request exists (409 after: close the pull request instead). Team members and admins.",
        tags: ["scaffold"],
        parameters: [parameterRef("RunId")],
        ok: success("The run.", "ScaffoldRun"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/scaffold/runs/{id}/retry": {
      post: operation({
        operationId: "retryScaffoldRun",
        summary: "Queue a failed run again, from the step that failed",
        tags: ["scaffold"],
        parameters: [parameterRef("RunId")],
        ok: success("The run, queued.", "ScaffoldRun"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/pull-requests/{number}": {
      get: operation({
        operationId: "getPullRequest",
        summary: "A pull request the portal opened, with its changes",
        tags: ["pull-requests"],
        parameters: [parameterRef("PullRequestNumber")],
        ok: success("The pull request.", "PullRequest"),
        errors: [400, 404],
      }),
    },
    "/api/pull-requests/{number}/merge": {
      post: operation({
        operationId: "mergePullRequest",
        summary: "Merge a local pull request",
        description:
          "A real merge commit on the base branch of the local repository; the service becomes `merged`. Members of the owning team and admins; 409 when it is not open, conflicts, or lives on GitHub.",
        tags: ["pull-requests"],
        parameters: [parameterRef("PullRequestNumber")],
        ok: success("The merged pull request.", "PullRequest"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/pull-requests/{number}/close": {
      post: operation({
        operationId: "closePullRequest",
        summary: "Close a local pull request without merging",
        description: "The proposed service is retired. Members of the owning team and admins.",
        tags: ["pull-requests"],
        parameters: [parameterRef("PullRequestNumber")],
        ok: success("The closed pull request.", "PullRequest"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/webhooks/github": {
      post: operation({
        operationId: "receiveGitHubWebhook",
        summary: "GitHub webhook deliveries",
        description:
          "Authenticated by `X-Hub-Signature-256` (HMAC-SHA256 of the body with GITHUB_WEBHOOK_SECRET), not by identity: a bad signature is 401 and changes nothing. `pull_request` events move the pull request and its service (merged → `merged`, closed → `retired`); other events are ignored. 404 when no secret is configured.",
        tags: ["webhooks"],
        open: true,
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        ok: success("What changed.", "WebhookResult"),
        errors: [400, 401, 404, 500],
      }),
    },
    "/api/teams": {
      get: operation({
        operationId: "listTeams",
        summary: "Every team",
        description: "All teams by name, with service and member counts; not paged.",
        tags: ["teams"],
        ok: success("The teams.", "TeamList"),
      }),
    },
    "/api/teams/{name}": {
      get: operation({
        operationId: "getTeam",
        summary: "One team",
        tags: ["teams"],
        parameters: [teamNameParam],
        ok: success("The team with its members and services.", "TeamDetail"),
        errors: [400, 404],
      }),
    },
    "/api/dev/session": {
      get: operation({
        operationId: "getDevSession",
        summary: "Whom you act as, and whom you could (embedded mode)",
        description: "Embedded mode only; 404 in production.",
        tags: ["dev"],
        ok: success("The current person and everyone the catalog knows.", "DevSession"),
        errors: [404],
      }),
      post: operation({
        operationId: "switchDevUser",
        summary: "Act as someone else (embedded mode)",
        description: `Embedded mode only; 404 in production. Sets the \`${DEV_USER_COOKIE}\` cookie (HttpOnly, SameSite=Lax) to the lower-cased email, so demos and tests can try every role. The email must be a user the catalog knows (422 otherwise).`,
        tags: ["dev"],
        requestBody: { required: true, content: jsonContent("DevSessionSwitch") },
        ok: {
          "200": {
            description: "Switched; later requests carrying the cookie act as this person.",
            headers: {
              "Set-Cookie": {
                description: `\`${DEV_USER_COOKIE}=<email>; Path=/; SameSite=Lax; HttpOnly\``,
                schema: { type: "string" },
              },
            },
            content: jsonContent("DevSessionSwitched"),
          },
        },
        errors: [400, 403, 404, 422],
      }),
    },
    "/api/otlp/v1/metrics": {
      post: operation({
        operationId: "exportMetrics",
        summary: "Receive OTLP metrics (embedded mode)",
        description:
          "OTLP/HTTP JSON. Every resource needs the `service.name` (a service in the catalog) and `cloud.region` attributes. Sums (delta or cumulative), gauges and histograms are stored in the embedded metrics store; the OpenTelemetry `http.server.request.duration` histogram also feeds the Cloud Run request count and latency charts. A bad payload gets 400 naming the field and nothing is stored. 404 in production.",
        tags: ["metrics"],
        requestBody: { required: true, content: jsonContent("OtlpMetricsRequest") },
        ok: {
          "200": {
            description:
              "Stored (OTLP ExportMetricsServiceResponse; `partialSuccess` lists data points that were ignored).",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
        errors: [400, 403, 404, 422],
      }),
    },
    "/api/demo/degradation": {
      post: operation({
        operationId: "forceDemoDegradation",
        summary: "Make a demo region degrade now (embedded mode)",
        description:
          "The demo traffic generator raises the 5xx ratio and latency of one region of a demo service as if it had started 10 minutes ago (those minutes are rewritten, so the next refresh shows it), until `minutes` from now. Members of the owning team and admins; audited. 404 in production.",
        tags: ["dev"],
        requestBody: { required: true, content: jsonContent("DemoDegradationRequest") },
        ok: {
          "200": {
            description: "The degradation window.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["service", "region", "from", "until", "cause"],
                  properties: {
                    service: { type: "string" },
                    region: { type: "string" },
                    from: { type: "string", format: "date-time" },
                    until: { type: "string", format: "date-time" },
                    cause: { type: "string", enum: ["scheduled", "forced"] },
                  },
                },
              },
            },
          },
        },
        errors: [400, 403, 404, 422],
      }),
    },
  };
}
