import { z } from "zod";
import {
  DEFAULT_CONFIRM_THRESHOLD,
  MAX_WINDOW_DAYS,
  replaySelection,
  replayStatuses,
  replayTarget,
  type ReplayEstimate,
  type ReplayView,
} from "../replays";
import { eventViewSchema } from "./event-schemas";
import { apiSchemas, doc, type Same } from "./response-schemas";

// Response mirrors of the replay API (lib/replays.ts). The selection and target inside a
// ReplayView are the request schemas themselves (ReplayView declares them as their inferred types),
// registered here as components; the request bodies are in ./json-schema.ts.

const isoDateTime = z.iso.datetime();

apiSchemas.add(replaySelection, {
  id: "ReplaySelection",
  description: `Which recorded events a replay sends: events of \`types\` (recorded types only) whose event time is in [\`from\`, \`to\`) (at most ${MAX_WINDOW_DAYS} days), narrowed by every condition given (AND). \`subject\`, \`source\` and \`extensions\` compare CloudEvent attributes and work on the embedded archive only; the BigQuery archive holds only payloads and refuses them (422). \`data\` compares payload fields by JSON path (\`$.order.id\`, dotted names only), as strings. \`op\` is \`equals\` or \`prefix\`.`,
});

apiSchemas.add(replayTarget, {
  id: "ReplayTarget",
  description:
    "Where replayed events go: one trigger of the service (`kind: trigger`; only it receives them; embedded broker only), or the whole broker of one region (`kind: broker`; every matching trigger there receives them; needs `confirm`).",
});

export const replayEstimateSchema = z.object({
  count: doc(z.number().int(), "How many recorded events the selection matches."),
  bytesScanned: doc(
    z.number().int().nullable(),
    "BigQuery archive: the bytes the selection scans (from a dry run); reading it all may cost that per page. Null on the embedded archive.",
  ),
  sample: doc(
    z.array(eventViewSchema),
    "The first `sampleSize` events of the selection in time order, as CloudEvents. `messageId` is the archive's cursor, `publishedAt` the event time, `region` the region it was recorded from (empty when the archive does not know, as on BigQuery).",
  ),
  archive: doc(
    z.enum(["embedded", "bigquery"]),
    "Where recorded events are read from: the embedded table, or the recorder's BigQuery tables.",
  ),
  confirmAbove: doc(
    z.number().int(),
    `\`MERIDIAN_REPLAY_CONFIRM_THRESHOLD\` (default ${DEFAULT_CONFIRM_THRESHOLD}): a replay of more events than this needs \`confirm\` (a broker target always does).`,
  ),
});
apiSchemas.add(replayEstimateSchema, {
  id: "ReplayEstimate",
  description: "What a replay of the selection would send; nothing is changed.",
});

export const replayViewSchema = z.object({
  id: z.uuid(),
  service: doc(z.string(), "The service the replay is for (its team may control it)."),
  requestedBy: doc(z.string(), "Who started it; replayed events carry them as `actor`."),
  target: replayTarget,
  // The shared instance, so it stays the ReplaySelection component (doc() would replace its id).
  selection: replaySelection,
  ratePerSecond: doc(z.number(), "Events per second."),
  status: doc(
    z.enum(replayStatuses),
    "queued → running → completed or failed; paused (resume: queued again); cancelling (a running job stops after the batch in flight) → cancelled.",
  ),
  total: doc(z.number().int(), "Events the selection matched when the replay was created."),
  sent: doc(z.number().int(), "Events handed to the target."),
  failed: doc(z.number().int(), "Events the target refused (Pub/Sub publish failures)."),
  remaining: doc(z.number().int(), "`total - sent - failed`, at least 0."),
  etaSeconds: doc(
    z.number().int().nullable(),
    "Seconds to go at `ratePerSecond` while queued or running; null otherwise.",
  ),
  failures: doc(
    z.array(z.object({ originalId: z.string().nullable(), reason: z.string() })),
    "The first 20 failed events: the original event id (null when unknown) and why.",
  ),
  error: doc(z.string().nullable(), "Why the replay failed; null unless `failed`."),
  createdAt: isoDateTime,
  startedAt: doc(isoDateTime.nullable(), "When a worker first claimed it."),
  finishedAt: doc(isoDateTime.nullable(), "When it was completed, cancelled or failed."),
});
apiSchemas.add(replayViewSchema, {
  id: "Replay",
  description:
    "A replay job: a durable job any portal process's worker carries out, reading the archive in time order and committing its cursor with each batch. `selection` is the selection as run: its `to` is cut at the time the replay was created.",
});

export const replayListSchema = z.array(replayViewSchema);
apiSchemas.add(replayListSchema, { id: "ReplayList", description: "Replays, newest first (at most 100)." });

export const replayAcceptedSchema = z.object({ id: z.uuid() });
apiSchemas.add(replayAcceptedSchema, { id: "ReplayAccepted", description: "The queued replay's id." });

const _driftChecks: {
  estimate: Same<z.infer<typeof replayEstimateSchema>, ReplayEstimate>;
  view: Same<z.infer<typeof replayViewSchema>, ReplayView>;
} = { estimate: true, view: true };
void _driftChecks;
