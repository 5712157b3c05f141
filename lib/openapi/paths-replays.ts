import { DEFAULT_CONFIRM_THRESHOLD, MAX_WINDOW_DAYS, replayListQuery } from "../replays";
import { parameterRef } from "./parameters";
import { jsonContent, schemaRef } from "./refs";
import { idempotencyKey, operation, queryParameters, success } from "./operation";
import type { OpenApiDocument, OpenApiOperation } from "./types";

// The operations of replays: the estimate, the job, pause, resume and cancel, and its progress as
// Server-Sent Events.

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

/** Replays of recorded events. */
export function replayPaths(): OpenApiDocument["paths"] {
  return {
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
  };
}
