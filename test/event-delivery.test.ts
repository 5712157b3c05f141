import http from "node:http";
import type { AddressInfo } from "node:net";
import { HTTP } from "cloudevents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// The embedded broker end to end: events published through the API are matched against the
// catalog's triggers, pushed as binary-mode CloudEvents to a local endpoint with the platform's
// retry policy (exponential backoff, bounded attempts, then dead letters), delivered to the inbox
// of a service without an endpoint, and copied to the archive when their type is recorded.

let portal: PortalEnvironment;
let route: typeof import("@/app/api/events/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;
let workers: import("@/server/services/events/event-workers").EventWorkers;

interface Received {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
let received: Received[] = [];
let answers: number[] = [];
let endpoint: http.Server;
let endpointUrl: string;

beforeAll(async () => {
  endpoint = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = answers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/events`;
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  route = await import("@/app/api/events/route");
  const client = await import("@/server/db/client");
  db = await client.getDb();
  const { EventWorkers } = await import("@/server/services/events/event-workers");
  workers = new EventWorkers(db, client.listenDb);
});
afterAll(async () => {
  await workers?.stop();
  await portal?.dispose();
  endpoint?.close();
});

async function publish(
  type: string,
  region: string,
  extensions: Record<string, string> = {},
  id = `e-${Math.random()}`,
) {
  const headers: Record<string, string> = {
    "ce-specversion": "1.0",
    "ce-id": id,
    "ce-type": type,
    "ce-source": "//test/publisher",
    "content-type": "application/json",
  };
  for (const [k, v] of Object.entries(extensions)) headers[`ce-${k}`] = v;
  const res = await call(route.POST, `/api/events?region=${region}`, {
    method: "POST",
    headers,
    body: '{"n":1}',
  });
  expect(res.status).toBe(202);
  return BigInt(res.body.messageId);
}

async function setEndpoint(trigger: string, data: Record<string, unknown>) {
  await db.trigger.update({ where: { name: trigger }, data });
}

/** Runs the workers until `done` holds (each round does all the work that is due). */
async function workUntil(done: () => Promise<boolean>, limitMs = 20_000) {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > limitMs) throw new Error("the workers did not get there");
    await workers.wake();
    await new Promise((r) => setTimeout(r, 20));
  }
}

const deliveriesOf = (seq: bigint) =>
  db.delivery.findMany({ where: { busEventSeq: seq }, include: { trigger: { select: { name: true } } } });

describe("delivery", () => {
  it("a failing endpoint is retried with growing backoff until it answers 2xx", async () => {
    // refund-processor consumes refund.requested in us-central1 and us-east4.
    await setEndpoint("refund-processor-refund-requested", {
      pushEndpoint: endpointUrl,
      minimumBackoffSeconds: 0.2,
      maximumBackoffSeconds: 5,
    });
    received = [];
    answers = [503, 500];
    const seq = await publish(
      "dev.meridian.payments.refund.requested",
      "us-east4",
      { reason: "damaged" },
      "refund-9",
    );
    await workUntil(async () => (await deliveriesOf(seq))[0]?.status === "delivered");
    const [delivery] = await deliveriesOf(seq);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 204, region: "us-east4" });
    expect(delivery!.latencyMs).toBeGreaterThan(0);
    expect(received).toHaveLength(3);
    // backoff 0.2 s, then 0.4 s
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(190);
    expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(390);
    // What arrived is a binary-mode CloudEvent the SDK's receiver reads back whole.
    const ce = HTTP.toEvent({ headers: received[2]!.headers, body: received[2]!.body });
    expect(ce).toMatchObject({
      id: "refund-9",
      type: "dev.meridian.payments.refund.requested",
      reason: "damaged",
      actor: "dev@meridian.local",
    });
    expect(received[2]!.headers["content-type"]).toBe("application/json");
    expect(received[2]!.body.toString()).toBe('{"n":1}');
  });

  it("an endpoint that never recovers is dead-lettered after the trigger's attempts", async () => {
    await setEndpoint("refund-processor-refund-requested", {
      pushEndpoint: endpointUrl,
      minimumBackoffSeconds: 0.05,
      maximumBackoffSeconds: 0.1,
      maxDeliveryAttempts: 4,
    });
    received = [];
    answers = [500, 500, 500, 500, 500, 500];
    const seq = await publish("dev.meridian.payments.refund.requested", "us-central1");
    await workUntil(async () => (await deliveriesOf(seq))[0]?.status === "dead_lettered");
    const [delivery] = await deliveriesOf(seq);
    expect(delivery).toMatchObject({
      attempts: 4,
      lastStatus: 500,
      lastError: "HTTP 500 Internal Server Error",
    });
    expect(delivery!.finishedAt).not.toBeNull();
    await workers.wake();
    expect(received).toHaveLength(4);
  });

  it("an endpoint that does not listen counts as a failed attempt, with the reason", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await setEndpoint("refund-processor-refund-requested", {
      pushEndpoint: `http://127.0.0.1:${port}/`,
      maxDeliveryAttempts: 1,
    });
    const seq = await publish("dev.meridian.payments.refund.requested", "us-central1");
    await workUntil(async () => (await deliveriesOf(seq))[0]?.status === "dead_lettered");
    expect((await deliveriesOf(seq))[0]!.lastError).toBe("ECONNREFUSED");
  });

  it("without an endpoint, every matching trigger in the event's region gets it in its inbox", async () => {
    // order.placed is consumed by inventory-service (us-central1, europe-west1, asia-northeast1)
    // and order-audit style receivers; only those running in europe-west1 get this one.
    const seq = await publish("dev.meridian.checkout.order.placed", "europe-west1");
    await workUntil(async () => (await deliveriesOf(seq)).length > 0);
    const deliveries = await deliveriesOf(seq);
    const expected = await db.trigger.findMany({
      where: {
        eventType: { type: "dev.meridian.checkout.order.placed" },
        service: { regions: { has: "europe-west1" } },
      },
    });
    expect(deliveries.map((d) => d.trigger.name).sort()).toEqual(expected.map((t) => t.name).sort());
    expect(deliveries.every((d) => d.status === "delivered" && d.region === "europe-west1")).toBe(true);
    const elsewhere = await db.trigger.findMany({
      where: {
        eventType: { type: "dev.meridian.checkout.order.placed" },
        NOT: { service: { regions: { has: "europe-west1" } } },
      },
    });
    for (const t of elsewhere) expect(deliveries.map((d) => d.triggerId)).not.toContain(t.id);
  });

  it("a filtered trigger does not receive what its filter excludes", async () => {
    // receipt-mailer: payments.authorized, NOT attributes:ce-testmode
    const test = await publish("dev.meridian.payments.authorized", "us-central1", { testmode: "true" });
    const real = await publish("dev.meridian.payments.authorized", "us-central1");
    await workUntil(async () => (await deliveriesOf(real)).length > 0);
    expect((await deliveriesOf(real)).map((d) => d.trigger.name)).toContain(
      "receipt-mailer-payments-authorized",
    );
    expect((await deliveriesOf(test)).map((d) => d.trigger.name)).not.toContain(
      "receipt-mailer-payments-authorized",
    );
  });
});

describe("recorder", () => {
  it("archives events of recorded types with their attributes, and only those", async () => {
    const recorded = await publish(
      "dev.meridian.payments.declined",
      "us-east4",
      { card: "visa" },
      "declined-1",
    );
    const notRecorded = await publish("dev.meridian.payments.refunded", "us-east4");
    await workUntil(
      async () => (await db.busCursor.findUnique({ where: { name: "dispatcher" } }))!.seq >= notRecorded,
    );
    const row = await db.recordedEvent.findUniqueOrThrow({ where: { busEventSeq: recorded } });
    expect(row).toMatchObject({
      type: "dev.meridian.payments.declined",
      eventId: "declined-1",
      region: "us-east4",
      extensions: { card: "visa", actor: "dev@meridian.local" },
    });
    expect(await db.recordedEvent.findUnique({ where: { busEventSeq: notRecorded } })).toBeNull();
  });
});

describe("two portal processes' workers", () => {
  it("push every event exactly once", async () => {
    await setEndpoint("refund-processor-refund-requested", {
      pushEndpoint: endpointUrl,
      maxDeliveryAttempts: 5,
    });
    received = [];
    answers = [];
    const { EventWorkers } = await import("@/server/services/events/event-workers");
    const { listenDb } = await import("@/server/db/client");
    const other = new EventWorkers(db, listenDb);
    const ids = Array.from({ length: 30 }, (_, i) => `twice-${i}`);
    const seqs = await Promise.all(
      ids.map((id) => publish("dev.meridian.payments.refund.requested", "us-central1", {}, id)),
    );
    await Promise.all([workers.wake(), other.wake(), workers.wake(), other.wake()]);
    await workUntil(
      async () =>
        (await db.delivery.count({ where: { busEventSeq: { in: seqs }, status: "delivered" } })) === 30,
    );
    const pushed = received.map((r) => r.headers["ce-id"]).sort();
    expect(pushed).toEqual([...ids].sort());
    await other.stop();
  });
});

describe("backoff", () => {
  it("doubles from the minimum and stops at the maximum (Pub/Sub's retry policy)", async () => {
    const { backoffSeconds } = await import("@/server/services/events/deliver-events");
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffSeconds(n, 10, 600))).toEqual([
      10, 20, 40, 80, 160, 320, 600, 600,
    ]);
  });
});
