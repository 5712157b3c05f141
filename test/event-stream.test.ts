import { spawn } from "node:child_process";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventView, ServiceEvents } from "@/lib/events/api";
import { BASE, call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { SseReader } from "./support/sse";

// A service's events through the API: what it publishes and consumes with delivery health, the
// event types, and the live tail over SSE (scope, filters, Last-Event-ID resume, and events
// published by another portal process).

let portal: PortalEnvironment;
let publishRoute: typeof import("@/app/api/events/route");
let eventsRoute: typeof import("@/app/api/services/[name]/events/route");
let streamRoute: typeof import("@/app/api/services/[name]/events/stream/route");
let typesRoute: typeof import("@/app/api/event-types/route");
let typeRoute: typeof import("@/app/api/event-types/[type]/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;
let workers: import("@/server/services/events/event-workers").EventWorkers;
const readers: SseReader[] = [];
const aborts: AbortController[] = [];

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  publishRoute = await import("@/app/api/events/route");
  eventsRoute = await import("@/app/api/services/[name]/events/route");
  streamRoute = await import("@/app/api/services/[name]/events/stream/route");
  typesRoute = await import("@/app/api/event-types/route");
  typeRoute = await import("@/app/api/event-types/[type]/route");
  const client = await import("@/server/db/client");
  db = await client.getDb();
  const { EventWorkers } = await import("@/server/services/events/event-workers");
  workers = new EventWorkers(db, client.listenDb);
});
afterAll(async () => {
  for (const a of aborts) a.abort();
  for (const r of readers) await r.close();
  await workers?.stop();
  const { eventBus } = await import("@/server/integrations/event-bus");
  await eventBus().close();
  await portal?.dispose();
});

async function publish(
  type: string,
  region: string,
  extensions: Record<string, string> = {},
  id = crypto.randomUUID(),
) {
  const headers: Record<string, string> = {
    "ce-specversion": "1.0",
    "ce-id": id,
    "ce-type": type,
    "ce-source": "//test",
    "content-type": "application/json",
  };
  for (const [k, v] of Object.entries(extensions)) headers[`ce-${k}`] = v;
  const res = await call(publishRoute.POST, `/api/events?region=${region}`, {
    method: "POST",
    headers,
    body: `{"id":"${id}"}`,
  });
  expect(res.status).toBe(202);
  return res.body.messageId as string;
}

async function tail(service: string, search = "", lastEventId?: string): Promise<SseReader> {
  const abort = new AbortController();
  aborts.push(abort);
  const request = new NextRequest(new URL(`/api/services/${service}/events/stream${search}`, BASE), {
    headers: lastEventId ? { "last-event-id": lastEventId } : {},
    signal: abort.signal,
  });
  const response = await streamRoute.GET(request, { params: Promise.resolve({ name: service }) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = new SseReader(response.body!);
  readers.push(reader);
  return reader;
}

const ids = (r: SseReader) => r.events<EventView>().map((e) => e.attributes.id);

describe("GET /api/services/{name}/events", () => {
  it("lists published and consumed types with producers, consumers, filters and health per region", async () => {
    const res = await call<ServiceEvents>(
      eventsRoute.GET,
      "/api/services/refund-processor/events",
      {},
      { name: "refund-processor" },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      service: "refund-processor",
      bus: "embedded",
      healthSource: "deliveries",
      regions: ["us-central1", "us-east4"],
    });
    expect(res.body.publishes.map((p) => p.type)).toEqual(["dev.meridian.payments.refunded"]);
    const [trigger] = res.body.consumes;
    expect(trigger).toMatchObject({
      name: "refund-processor-refund-requested",
      type: "dev.meridian.payments.refund.requested",
      producers: ["checkout-api"],
      pubsubFilter: 'attributes.ce-type="dev.meridian.payments.refund.requested"',
    });
    expect(trigger!.health.map((h) => h.region)).toEqual(["us-central1", "us-east4"]);
  });

  it("health counts what happened: a backlog with its age, pushes, dead letters and the last failure", async () => {
    await db.trigger.update({
      where: { name: "refund-processor-refund-requested" },
      data: { pushEndpoint: "http://127.0.0.1:1/closed", maxDeliveryAttempts: 1 },
    });
    await publish("dev.meridian.payments.refund.requested", "us-east4");
    await workers.wake();
    await db.trigger.update({
      where: { name: "refund-processor-refund-requested" },
      data: { pushEndpoint: "http://127.0.0.1:1/closed", maxDeliveryAttempts: 5, minimumBackoffSeconds: 600 },
    });
    await publish("dev.meridian.payments.refund.requested", "us-east4");
    await workers.wake();
    const res = await call<ServiceEvents>(
      eventsRoute.GET,
      "/api/services/refund-processor/events",
      {},
      { name: "refund-processor" },
    );
    const east = res.body.consumes[0]!.health.find((h) => h.region === "us-east4")!;
    expect(east.deadLettered).toBe(1);
    expect(east.backlog).toBe(1);
    expect(east.oldestUnackedSeconds).toBeGreaterThanOrEqual(0);
    expect(east.lastFailure?.error).toBeTruthy();
    const central = res.body.consumes[0]!.health.find((h) => h.region === "us-central1")!;
    expect(central).toMatchObject({ backlog: 0, deadLettered: 0, pushedLastHour: 0, lastFailure: null });
  });

  it("an unknown service is a 404, a malformed name a 400", async () => {
    expect((await call(eventsRoute.GET, "/api/services/nope/events", {}, { name: "nope" })).status).toBe(404);
    expect(
      (await call(eventsRoute.GET, "/api/services/Bad_Name/events", {}, { name: "Bad_Name" })).status,
    ).toBe(400);
  });
});

describe("GET /api/event-types", () => {
  it("lists every type with its producers and consumers; one type by name", async () => {
    const all = await call(typesRoute.GET, "/api/event-types");
    const placed = all.body.find((t: { type: string }) => t.type === "dev.meridian.checkout.order.placed");
    expect(placed).toMatchObject({ recorded: true, producers: ["checkout-api"] });
    expect(placed.consumers.map((c: { service: string }) => c.service)).toContain("inventory-service");
    const one = await call(
      typeRoute.GET,
      "/api/event-types/x",
      {},
      { type: "dev.meridian.payments.authorized" },
    );
    expect(one.body.consumers[0]).toMatchObject({
      service: "receipt-mailer",
      filter: 'attributes.ce-type="dev.meridian.payments.authorized" AND NOT attributes:ce-testmode',
    });
    expect((await call(typeRoute.GET, "/api/event-types/x", {}, { type: "dev.nothing" })).status).toBe(404);
  });
});

describe("the live tail", () => {
  it("shows what the service publishes and what its triggers receive, nothing else", async () => {
    const reader = await tail("receipt-mailer");
    const unrelated = crypto.randomUUID();
    const filteredOut = crypto.randomUUID();
    const received = crypto.randomUUID();
    await publish("dev.meridian.shipping.shipment.dispatched", "us-central1", {}, unrelated);
    await publish("dev.meridian.payments.authorized", "us-central1", { testmode: "true" }, filteredOut);
    await publish("dev.meridian.payments.authorized", "europe-west1", {}, received);
    await reader.until((r) => ids(r).includes(received));
    expect(ids(reader)).not.toContain(unrelated);
    expect(ids(reader)).not.toContain(filteredOut);
    const [event] = reader.events<EventView>().filter((e) => e.attributes.id === received);
    expect(event).toMatchObject({
      region: "europe-west1",
      attributes: { type: "dev.meridian.payments.authorized", extensions: { actor: "dev@meridian.local" } },
      data: { encoding: "json", value: `{"id":"${received}"}` },
    });
  });

  it("narrows by type, region and attribute", async () => {
    const reader = await tail(
      "checkout-api",
      "?type=dev.meridian.payments.refund.requested&region=us-east4&attr=reason=late",
    );
    const wrongType = crypto.randomUUID();
    const wrongRegion = crypto.randomUUID();
    const wrongAttr = crypto.randomUUID();
    const right = crypto.randomUUID();
    await publish("dev.meridian.checkout.order.placed", "us-east4", { reason: "late" }, wrongType);
    await publish("dev.meridian.payments.refund.requested", "us-central1", { reason: "late" }, wrongRegion);
    await publish("dev.meridian.payments.refund.requested", "us-east4", { reason: "damaged" }, wrongAttr);
    await publish("dev.meridian.payments.refund.requested", "us-east4", { reason: "late" }, right);
    await reader.until((r) => ids(r).includes(right));
    expect(ids(reader)).toEqual([right]);
  });

  it("a bad filter is a 400 naming it", async () => {
    const res = await call(
      streamRoute.GET,
      "/api/services/checkout-api/events/stream?attr=Bad",
      {},
      { name: "checkout-api" },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toBe("query.attr");
  });

  it("a reconnect with Last-Event-ID gets what was published in between, in order", async () => {
    const first = await tail("checkout-api");
    const a = crypto.randomUUID();
    await publish("dev.meridian.checkout.order.placed", "us-central1", {}, a);
    await first.until((r) => ids(r).includes(a));
    const lastId = first.messages.filter((m) => m.event === "event").at(-1)!.id!;
    await first.close();
    const missed = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const id of missed) await publish("dev.meridian.checkout.order.placed", "europe-west1", {}, id);
    const resumed = await tail("checkout-api", "", lastId);
    await resumed.until((r) => missed.every((id) => ids(r).includes(id)));
    expect(ids(resumed).filter((id) => missed.includes(id))).toEqual(missed);
    expect(ids(resumed)).not.toContain(a);
  });

  it("a resume longer than the connection's queue is paced, not dropped", async () => {
    const first = await tail("campaign-mailer");
    const marker = crypto.randomUUID();
    await publish("dev.meridian.checkout.order.placed", "europe-west1", {}, marker);
    await first.until((r) => ids(r).includes(marker));
    const lastId = first.messages.filter((m) => m.event === "event").at(-1)!.id!;
    await first.close();
    const { eventBus } = await import("@/server/integrations/event-bus");
    const missed: string[] = [];
    for (let i = 0; i < 700; i++) {
      const id = `missed-${i}-${crypto.randomUUID()}`;
      missed.push(id);
      await eventBus().publish("europe-west1", {
        specversion: "1.0",
        id,
        type: "dev.meridian.checkout.order.placed",
        source: "//test/backlog",
        extensions: {},
        data: new Uint8Array(),
      });
    }
    const resumed = await tail("campaign-mailer", "", lastId);
    await resumed.until((r) => ids(r).filter((id) => id.startsWith("missed-")).length === 700, 20_000);
    expect(ids(resumed).filter((id) => id.startsWith("missed-"))).toEqual(missed);
    expect(resumed.messages.some((m) => m.event === "dropped")).toBe(false);
  });

  it.runIf(process.env.DATABASE_URL)("sees events that another portal process published", async () => {
    const reader = await tail("inventory-service");
    const id = crypto.randomUUID();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "test/support/publish-process.ts"],
      {
        env: process.env,
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    child.stdin.end(
      JSON.stringify({
        region: "asia-northeast1",
        event: {
          specversion: "1.0",
          id,
          type: "dev.meridian.checkout.order.placed",
          source: "//other-process",
          extensions: {},
          data: "{}",
        },
      }) + "\n",
    );
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await reader.until((r) => ids(r).includes(id), 30_000);
    expect(await exited).toBe(0);
    expect(reader.events<EventView>().find((e) => e.attributes.id === id)?.region).toBe("asia-northeast1");
  });
});
