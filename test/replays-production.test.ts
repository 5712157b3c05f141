import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplayEstimate, ReplayView } from "@/lib/replays";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { startBigQueryDouble, type BigQueryDouble, type DoubleRow } from "./support/bigquery-double";
import { startCloudEventTarget, type CloudEventTarget } from "./support/cloudevent-target";
import { startMetadataDouble, type MetadataDouble } from "./support/metadata-double";
import { startPubSubDouble, type PubSubDouble } from "./support/pubsub-double";
import { as } from "./support/replays";

// Replays wired as in production: the archive is the recorder's BigQuery table (REST double), the
// bus is Pub/Sub (gRPC double), and a replay to one trigger is pushed straight to the service's
// regional Cloud Run URL with a Google ID token from the metadata server (double), so only that
// service receives it; a replay to a region's broker is published to the broker's topic.

const PROJECT = "meridian-test";
const TYPE = "dev.meridian.checkout.order.placed"; // inventory-service's trigger
const TRIGGER = "inventory-service-order-placed";
const FROM = new Date(Date.now() - 60 * 60_000);

let portal: PortalEnvironment;
let bigquery: BigQueryDouble;
let pubsub: PubSubDouble;
let metadata: MetadataDouble;
let target: CloudEventTarget;
let replays: typeof import("@/app/api/replays/route");
let replay: typeof import("@/app/api/replays/[id]/route");
let estimate: typeof import("@/app/api/replays/estimate/route");
let worker: import("@/server/services/jobs/job-worker").JobWorker;

/** Order rows as the recorder stores them: only the payload, which carries the order's event id. */
function orders(count: number, startMinute: number): DoubleRow[] {
  return Array.from({ length: count }, (_, i) => ({
    data: {
      id: `order-event-${startMinute + i}`,
      when: new Date(FROM.getTime() + (startMinute + i) * 60_000).toISOString(),
      total: 10 + i,
    },
  }));
}

beforeAll(async () => {
  [bigquery, pubsub, metadata] = await Promise.all([
    startBigQueryDouble(),
    startPubSubDouble(),
    startMetadataDouble(),
  ]);
  target = await startCloudEventTarget(metadata.jwksUrl);
  bigquery.addTable(
    {
      projectId: PROJECT,
      datasetId: "cloudevents_events_rec",
      tableId: TYPE.replaceAll(".", "_"),
      schema: [
        { name: "id", type: "STRING" },
        { name: "when", type: "TIMESTAMP" },
        { name: "total", type: "INTEGER" },
      ],
      partitionField: "when",
    },
    orders(12, 0),
  );
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_EVENT_BUS: "pubsub",
    MERIDIAN_ARCHIVE: "bigquery",
    GCP_PROJECT_ID: PROJECT,
    MERIDIAN_RECORDER: "events-rec",
    BIGQUERY_ENDPOINT: bigquery.url,
    PUBSUB_EMULATOR_HOST: pubsub.endpoint,
    GCE_METADATA_HOST: metadata.host,
    MERIDIAN_SERVICE_URL_TEMPLATE: target.template,
  });
  replays = await import("@/app/api/replays/route");
  replay = await import("@/app/api/replays/[id]/route");
  estimate = await import("@/app/api/replays/estimate/route");
  const { getDb } = await import("@/server/db/client");
  const { startReplayWorker } = await import("@/server/services/replays/replay-worker");
  worker = startReplayWorker(await getDb());
});
afterAll(async () => {
  await worker?.stop();
  await portal?.dispose();
  await Promise.all([bigquery?.close(), pubsub?.close(), metadata?.close(), target?.close()]);
});

const window = (fromMinute: number, toMinute: number) => ({
  from: new Date(FROM.getTime() + fromMinute * 60_000).toISOString(),
  to: new Date(FROM.getTime() + toMinute * 60_000).toISOString(),
});
const create = (body: object) =>
  call<{ id: string }>(replays.POST, "/api/replays", {
    method: "POST",
    json: body,
    headers: as("grace@meridian.dev"),
  });
const toTrigger = (fromMinute: number, toMinute: number) => ({
  service: "inventory-service",
  selection: { types: [TYPE], ...window(fromMinute, toMinute) },
  target: { kind: "trigger", trigger: TRIGGER },
  ratePerSecond: 100,
});

async function finished(id: string, ms = 30_000): Promise<ReplayView> {
  const start = Date.now();
  for (;;) {
    const { body } = await call<ReplayView>(replay.GET, `/api/replays/${id}`, {}, { id });
    if (["completed", "failed", "cancelled"].includes(body.status)) return body;
    if (Date.now() - start > ms) throw new Error(`replay ${id} stuck at ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// First, while no ID token is cached yet: a metadata server that gives none fails the job, saying so.
describe("without an ID token", () => {
  it("the job fails naming the service URL, and nothing is pushed", async () => {
    metadata.identityStatus = 500;
    try {
      const res = await create(toTrigger(0, 2));
      expect(res.status).toBe(202);
      const done = await finished(res.body.id);
      expect(done.status).toBe("failed");
      expect(done.error).toContain(`no Google ID token for ${target.origin}`);
      expect(done.sent).toBe(0);
      expect(target.received).toHaveLength(0);
    } finally {
      metadata.identityStatus = null;
    }
  });
});

describe("a replay to one trigger on Pub/Sub", () => {
  it("estimates from BigQuery", async () => {
    const res = await call<ReplayEstimate>(estimate.POST, "/api/replays/estimate", {
      method: "POST",
      json: { service: "inventory-service", selection: { types: [TYPE], ...window(0, 12) } },
      headers: as("grace@meridian.dev"),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 12, archive: "bigquery" });

    // A recorded type the recorder has no table for is the selection's fault, said so.
    const missing = await call(estimate.POST, "/api/replays/estimate", {
      method: "POST",
      json: {
        service: "inventory-service",
        selection: { types: ["dev.meridian.payments.authorized"], ...window(0, 12) },
      },
      headers: as("grace@meridian.dev"),
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues).toEqual([
      {
        field: "body.selection.types",
        rule: `has no table in the recorder's dataset (${PROJECT}.cloudevents_events_rec.dev_meridian_payments_authorized)`,
      },
    ]);
  });

  it("is pushed to the service's regional URL with an ID token for it; nothing is published", async () => {
    const res = await create(toTrigger(0, 12));
    expect(res.status).toBe(202);
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: "completed", total: 12, sent: 12, failed: 0 });

    expect(target.refused).toEqual([]);
    const got = target.received.filter((r) => r.event.replayid === res.body.id);
    expect(got).toHaveLength(12);
    for (const r of got) {
      // Only inventory-service, in its first region (BigQuery rows do not say where they came from).
      expect(r).toMatchObject({
        service: "inventory-service",
        region: "us-central1",
        caller: metadata.email,
      });
      expect(r.event).toMatchObject({ type: TYPE, actor: "grace@meridian.dev", specversion: "1.0" });
      expect(r.headers["ce-type"]).toBe(TYPE); // binary mode, as the trigger's push subscription delivers
    }
    // Every recorded event once, in time order (one lane per event at this batch size is not
    // guaranteed, so compare as sets), with its original id.
    expect(new Set(got.map((r) => r.event.replayedfrom))).toEqual(
      new Set(Array.from({ length: 12 }, (_, i) => `order-event-${i}`)),
    );
    expect(new Set(got.map((r) => r.event.id)).size).toBe(12);
    // The token was asked for the service's URL (its audience), and reused across the batch.
    expect(new Set(metadata.identityRequests)).toEqual(new Set([target.origin]));
    expect(pubsub.calls.filter((c) => c.method === "Publish")).toEqual([]);
  });

  it("a push the service answers 5xx is retried; one it refuses is counted as failed with the reason", async () => {
    target.failNext(2, 503);
    const retried = await create(toTrigger(0, 3));
    const first = await finished(retried.body.id);
    expect(first).toMatchObject({ status: "completed", sent: 3, failed: 0 });
    expect(target.received.filter((r) => r.event.replayid === retried.body.id)).toHaveLength(3);

    target.failNext(1, 403);
    const refused = await create(toTrigger(0, 3));
    const second = await finished(refused.body.id);
    expect(second).toMatchObject({ status: "completed", sent: 2, failed: 1 });
    expect(second.failures).toHaveLength(1);
    expect(second.failures[0]!.reason).toMatch(/\/us-central1\/inventory-service: HTTP 403/);
    expect(second.failures[0]!.originalId).toMatch(/^order-event-[0-2]$/);
  });
});

describe("a replay to a region's broker on Pub/Sub", () => {
  it("publishes every event to that region's broker topic, marked, after the typed confirmation", async () => {
    const admin = new PubSub({ projectId: PROJECT, apiEndpoint: pubsub.endpoint, emulatorMode: true });
    await admin.createTopic("broker-europe-west1");
    const pushedBefore = target.received.length;
    const res = await create({
      ...toTrigger(3, 8),
      target: { kind: "broker", region: "europe-west1" },
      confirm: "inventory-service",
    });
    expect(res.status).toBe(202);
    expect(await finished(res.body.id)).toMatchObject({ status: "completed", sent: 5, failed: 0 });
    const published = pubsub.calls
      .filter((c) => c.method === "Publish")
      .flatMap((c) => {
        const request = c.request as { topic: string; messages: { attributes: Record<string, string> }[] };
        return request.messages.map((m): Record<string, string> => ({
          topic: request.topic,
          ...m.attributes,
        }));
      });
    expect(published).toHaveLength(5);
    for (const m of published)
      expect(m).toMatchObject({
        topic: `projects/${PROJECT}/topics/broker-europe-west1`,
        "ce-type": TYPE,
        "ce-replayid": res.body.id,
      });
    expect(new Set(published.map((m) => m["ce-replayedfrom"]))).toEqual(
      new Set([3, 4, 5, 6, 7].map((i) => `order-event-${i}`)),
    );
    expect(target.received.length).toBe(pushedBefore);
    await admin.close();
  });
});
