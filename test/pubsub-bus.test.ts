import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import net from "node:net";
import { PubSub, v1, type protos } from "@google-cloud/pubsub";
import { status } from "@grpc/grpc-js";
import type { CloudEventData } from "@/lib/events/cloudevent";
import type { BusEvent, EventBus } from "@/server/integrations/event-bus/event-bus";
import {
  pubsubEventBus,
  TAIL_SUBSCRIPTION_PREFIX,
  typeFilter,
  PubSubBusError,
} from "@/server/integrations/pubsub/pubsub-bus";
import { log } from "@/server/observability/logger";
import { compileFilter, startPubSubDouble, type PubSubDouble } from "./support/pubsub-double";

process.env.METADATA_SERVER_DETECTION = "none";

const EMULATOR = "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator";
const PROJECT = "meridian-test";
const R1 = "us-central1";
const R2 = "europe-west1";
const NO_TOPIC = "asia-east1";
const PUSH = "dev.chainguard.github.push";
const ISSUE = "dev.chainguard.github.issues";
const WEIRD = 'dev.acme."quoted"\\type'; // needs escaping in a filter literal

const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0a, 0xe2, 0x82]);
let sequence = 0;
const event = (overrides: Partial<CloudEventData> = {}): CloudEventData => ({
  specversion: "1.0",
  id: `evt-${++sequence}`,
  source: "//github.com/acme/checkout",
  type: PUSH,
  extensions: {},
  data: new TextEncoder().encode(`{"n":${sequence}}`),
  ...overrides,
});

interface Server {
  endpoint: string;
  stop(): Promise<void>;
  double?: PubSubDouble;
}

async function startDouble(): Promise<Server> {
  const double = await startPubSubDouble();
  return { endpoint: double.endpoint, stop: () => double.close(), double };
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

async function startEmulator(): Promise<Server> {
  const port = await freePort();
  const child = spawn(EMULATOR, ["--host=127.0.0.1", `--port=${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the emulator did not start in 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`listening on ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}):\n${output}`));
    });
  });
  return {
    endpoint: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** Collects a tail's events; `next(n)` waits until n have arrived. */
function collector() {
  const events: BusEvent[] = [];
  const waiters: (() => void)[] = [];
  return {
    events,
    onEvent: (e: BusEvent) => {
      events.push(e);
      waiters.splice(0).forEach((wake) => wake());
    },
    async next(n: number, timeoutMs = 10_000): Promise<BusEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`only ${events.length} of ${n} events arrived`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return events.slice(0, n);
    },
  };
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** The contract every Pub/Sub server must pass; `start` gives a fresh, empty server. */
function eventBusContract(start: () => Promise<Server>) {
  let server: Server;
  let admin: PubSub;
  let subscriber: v1.SubscriberClient;
  let bus: EventBus;
  const broker = `broker-${randomBytes(3).toString("hex")}`;
  const topicPath = (region: string) => `projects/${PROJECT}/topics/${broker}-${region}`;

  beforeAll(async () => {
    server = await start();
    admin = new PubSub({ projectId: PROJECT, apiEndpoint: server.endpoint });
    await Promise.all([R1, R2].map((region) => admin.createTopic(`${broker}-${region}`)));
    const config = await admin.getClientConfig();
    subscriber = new v1.SubscriberClient({
      ...config,
      port: config.port === undefined ? undefined : Number(config.port),
    });
    bus = pubsubEventBus({ projectId: PROJECT, broker, apiEndpoint: server.endpoint });
  });

  afterAll(async () => {
    await bus?.close();
    await subscriber?.close();
    await admin?.close();
    await server?.stop();
  });

  afterEach(() => vi.restoreAllMocks());

  /** A plain pull subscription on a region's topic, to see the raw messages. */
  async function rawSubscription(region: string): Promise<string> {
    const [subscription] = await admin.createSubscription(
      topicPath(region),
      `raw-${randomBytes(4).toString("hex")}`,
    );
    return subscription.name;
  }

  async function pull(subscription: string, n: number): Promise<protos.google.pubsub.v1.IReceivedMessage[]> {
    const received: protos.google.pubsub.v1.IReceivedMessage[] = [];
    const deadline = Date.now() + 10_000;
    while (received.length < n && Date.now() < deadline) {
      const [response] = await subscriber.pull({ subscription, maxMessages: n - received.length });
      const messages = response.receivedMessages ?? [];
      if (messages.length > 0) {
        await subscriber.acknowledge({ subscription, ackIds: messages.map((m) => m.ackId!) });
        received.push(...messages);
      }
    }
    return received;
  }

  async function tailSubscriptions(): Promise<protos.google.pubsub.v1.ISubscription[]> {
    const [subscriptions] = await admin.getSubscriptions();
    const names = subscriptions
      .map((s) => s.name)
      .filter((name) => name.startsWith(`projects/${PROJECT}/subscriptions/${TAIL_SUBSCRIPTION_PREFIX}`));
    return Promise.all(names.map(async (name) => (await admin.subscription(name).getMetadata())[0]));
  }

  it("delivers a published event to a tail of its region with every attribute intact", async () => {
    const raw = await rawSubscription(R1);
    const got = collector();
    const tail = await bus.tail({ regions: [R1] }, got.onEvent);
    const sent = event({
      subject: "refs/heads/main",
      time: "2026-12-04T09:30:15Z",
      datacontenttype: "application/octet-stream",
      dataschema: "https://schemas.acme.dev/push.json",
      extensions: { actor: "alice@acme.dev", partitionkey: "checkout-42", traceparent: "00-abc-def-01" },
      data: binary,
    });
    const before = Date.now();
    const published = await bus.publish(R1, sent);
    const after = Date.now();

    expect(published.region).toBe(R1);
    expect(published.messageId).toMatch(/^\d+$/);
    expect(published.event).toEqual(sent);
    const [received] = await got.next(1);
    expect(received).toEqual({
      event: sent,
      region: R1,
      messageId: published.messageId,
      publishedAt: expect.any(Date),
    });
    expect(received!.publishedAt.getTime()).toBeGreaterThanOrEqual(before - 2_000);
    expect(received!.publishedAt.getTime()).toBeLessThanOrEqual(after + 2_000);

    const [message] = await pull(raw, 1);
    expect(message?.message?.messageId).toBe(published.messageId);
    expect(message?.message?.attributes).toEqual({
      "ce-id": sent.id,
      "ce-specversion": "1.0",
      "ce-type": PUSH,
      "ce-source": "//github.com/acme/checkout",
      "ce-subject": "refs/heads/main",
      "ce-time": "2026-12-04T09:30:15Z",
      "content-type": "application/octet-stream",
      "ce-dataschema": "https://schemas.acme.dev/push.json",
      "ce-actor": "alice@acme.dev",
      "ce-partitionkey": "checkout-42",
      "ce-traceparent": "00-abc-def-01",
    });
    expect([...(message?.message?.data as Uint8Array)]).toEqual([...binary]);
    expect(message?.message?.orderingKey).toBe("checkout-42");

    await tail.close();
    await admin.subscription(raw).delete();
  });

  it("delivers an event without subject, time or data, and many extensions", async () => {
    const got = collector();
    const tail = await bus.tail({ regions: [R1] }, got.onEvent);
    const extensions = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`ext${i}`, `value ${i}`]));
    const bare = event({ data: new Uint8Array(), extensions });
    const published = await bus.publish(R1, bare);
    const [received] = await got.next(1);
    expect(received?.event).toEqual(bare);
    expect(received?.messageId).toBe(published.messageId);
    await tail.close();
  });

  it("tails only the given types, with the filter on the subscription", async () => {
    const typed = collector();
    const every = collector();
    const before = new Set((await tailSubscriptions()).map((s) => s.name));
    const typedTail = await bus.tail({ regions: [R1], types: [PUSH, WEIRD] }, typed.onEvent);
    const everyTail = await bus.tail({ regions: [R1] }, every.onEvent);

    const created = (await tailSubscriptions()).filter((s) => !before.has(s.name));
    expect(created.map((s) => s.filter ?? "").sort()).toEqual([
      "",
      'attributes.ce-type = "dev.chainguard.github.push" OR attributes.ce-type = "dev.acme.\\"quoted\\"\\\\type"',
    ]);

    await bus.publish(R1, event({ type: PUSH }));
    await bus.publish(R1, event({ type: ISSUE }));
    await bus.publish(R1, event({ type: WEIRD }));
    // The unfiltered tail sees all three, so the issue event did reach the topic.
    expect((await every.next(3)).map((e) => e.event.type).sort()).toEqual([ISSUE, PUSH, WEIRD].sort());
    await typed.next(2);
    await settle();
    expect(typed.events.map((e) => e.event.type).sort()).toEqual([PUSH, WEIRD].sort());

    if (server.double) {
      // The double honours filters, so the tail never even received the issue event.
      const filtered = created.find((s) => s.filter)!.name!;
      const delivered = server.double.delivered.get(filtered) ?? [];
      expect(delivered.map((m) => m.attributes?.["ce-type"]).sort()).toEqual([PUSH, WEIRD].sort());
    }
    await Promise.all([typedTail.close(), everyTail.close()]);
  });

  it("tails two regions, each event marked with its region", async () => {
    const got = collector();
    const tail = await bus.tail({ regions: [R1, R2] }, got.onEvent);
    const inR2 = await bus.publish(R2, event());
    const inR1 = await bus.publish(R1, event());
    const received = await got.next(2);
    const byId = new Map(received.map((e) => [e.event.id, e]));
    expect(byId.get(inR1.event.id)).toMatchObject({ region: R1, messageId: inR1.messageId });
    expect(byId.get(inR2.event.id)).toMatchObject({ region: R2, messageId: inR2.messageId });
    await tail.close();
  });

  it("creates short-lived subscriptions of its own and deletes them on close()", async () => {
    const before = new Set((await tailSubscriptions()).map((s) => s.name));
    const got = collector();
    const tail = await bus.tail({ regions: [R1, R2], types: [ISSUE] }, got.onEvent);
    const created = (await tailSubscriptions()).filter((s) => !before.has(s.name));

    expect(created).toHaveLength(2);
    expect(created.map((s) => s.topic).sort()).toEqual([topicPath(R1), topicPath(R2)].sort());
    for (const subscription of created) {
      const region = subscription.topic === topicPath(R1) ? R1 : R2;
      expect(subscription.name).toMatch(
        new RegExp(`^projects/${PROJECT}/subscriptions/meridian-tail-${region}-[0-9a-f]{12}$`),
      );
      expect(subscription.filter).toBe(typeFilter([ISSUE]));
      expect(Number(subscription.expirationPolicy?.ttl?.seconds)).toBe(86_400);
      expect(Number(subscription.messageRetentionDuration?.seconds)).toBe(600);
      expect(subscription.labels).toEqual({ "managed-by": "meridian" });
    }

    await tail.close();
    await tail.close(); // idempotent
    const left = new Set((await tailSubscriptions()).map((s) => s.name));
    for (const subscription of created) expect(left.has(subscription.name)).toBe(false);

    // Nothing arrives after close().
    await bus.publish(R1, event({ type: ISSUE }));
    await settle();
    expect(got.events).toEqual([]);
  });

  it("fails to publish to a region without a topic, naming the topic", async () => {
    const error = await bus.publish(NO_TOPIC, event()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PubSubBusError);
    expect((error as PubSubBusError).code).toBe(status.NOT_FOUND);
    expect((error as Error).message).toBe(
      `Pub/Sub topic ${topicPath(NO_TOPIC)} (region ${NO_TOPIC}) does not exist: publish failed`,
    );
  });

  it("fails to tail a region without a topic, naming it and leaving no subscription behind", async () => {
    const before = new Set((await tailSubscriptions()).map((s) => s.name));
    await expect(bus.tail({ regions: [R1, NO_TOPIC] }, () => {})).rejects.toThrow(
      `Pub/Sub topic ${topicPath(NO_TOPIC)} (region ${NO_TOPIC}) does not exist: cannot tail region ${NO_TOPIC}`,
    );
    expect((await tailSubscriptions()).filter((s) => !before.has(s.name))).toEqual([]);
  });

  it("skips messages that are not CloudEvents and survives an onEvent that throws", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    const got = collector();
    let calls = 0;
    const tail = await bus.tail({ regions: [R2] }, (e) => {
      got.onEvent(e);
      if (++calls === 1) throw new Error("boom");
    });
    await admin
      .topic(topicPath(R2))
      .publishMessage({ data: Buffer.from("not an event"), attributes: { a: "b" } });
    const first = await bus.publish(R2, event());
    const second = await bus.publish(R2, event());
    const received = await got.next(2);
    expect(received.map((e) => e.messageId).sort()).toEqual([first.messageId, second.messageId].sort());
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("is not a CloudEvent"));
    expect(error).toHaveBeenCalledWith(expect.stringContaining("onEvent threw"), expect.any(Error));
    await tail.close();
  });
}

describe("pubsubEventBus on the local gRPC double", () => {
  eventBusContract(startDouble);
});

describe.runIf(existsSync(EMULATOR))("pubsubEventBus on Google's Pub/Sub emulator", () => {
  eventBusContract(startEmulator);
});

describe("pubsubEventBus, what only the double can show", () => {
  let double: PubSubDouble;
  let admin: PubSub;
  let bus: EventBus;
  const broker = "orders";

  beforeAll(async () => {
    double = await startPubSubDouble();
    admin = new PubSub({ projectId: PROJECT, apiEndpoint: double.endpoint });
    await admin.createTopic(`${broker}-${R1}`);
    bus = pubsubEventBus({ projectId: PROJECT, broker, apiEndpoint: double.endpoint });
  });

  afterAll(async () => {
    await bus?.close();
    await admin?.close();
    await double?.close();
  });

  it("reports another publish error with its status, and resumes the ordering key after it", async () => {
    double.failNext("Publish", status.PERMISSION_DENIED, "User not authorized to perform this action.");
    const keyed = { extensions: { partitionkey: "order-7" } };
    await expect(bus.publish(R1, event(keyed))).rejects.toThrow(
      `Pub/Sub topic projects/${PROJECT}/topics/orders-${R1} (region ${R1}): publish failed: ` +
        "PERMISSION_DENIED: User not authorized to perform this action.",
    );
    const next = await bus.publish(R1, event(keyed));
    expect(next.messageId).toMatch(/^\d+$/);
    const publish = double.calls.filter((c) => c.method === "Publish").at(-1)?.request as {
      messages: { orderingKey: string }[];
    };
    expect(publish.messages[0]?.orderingKey).toBe("order-7");
  });

  it("publishes without ordering keys when ordering is off", async () => {
    const unordered = pubsubEventBus({
      projectId: PROJECT,
      broker,
      apiEndpoint: double.endpoint,
      messageOrdering: false,
    });
    await unordered.publish(R1, event({ extensions: { partitionkey: "order-8" } }));
    await unordered.close();
    const publish = double.calls.filter((c) => c.method === "Publish").at(-1)?.request as {
      messages: { orderingKey: string; attributes: Record<string, string> }[];
    };
    expect(publish.messages[0]?.orderingKey).toBe("");
    expect(publish.messages[0]?.attributes["ce-partitionkey"]).toBe("order-8");
  });

  it("acks what the tail receives, over one stream", async () => {
    const got = collector();
    const tail = await bus.tail({ regions: [R1] }, got.onEvent);
    const published = await Promise.all([1, 2, 3].map(() => bus.publish(R1, event())));
    await got.next(3);
    await settle(300); // acks are batched for up to 100 ms
    const acked = double.calls
      .filter((c) => c.method === "Acknowledge")
      .flatMap((c) => (c.request as { ackIds: string[] }).ackIds);
    expect(acked).toHaveLength(3);
    // The client confirms receipt of each message with ModifyAckDeadline before it acks.
    const receipts = double.calls
      .filter((c) => c.method === "ModifyAckDeadline")
      .flatMap((c) => (c.request as { ackIds: string[] }).ackIds);
    expect(receipts.sort()).toEqual([...acked].sort());
    const opened = double.calls.filter(
      (c) => c.method === "StreamingPull" && (c.request as { subscription: string }).subscription,
    );
    expect(opened).toHaveLength(1);
    expect(got.events.map((e) => e.messageId).sort()).toEqual(published.map((p) => p.messageId).sort());
    await tail.close();
  });

  it("filters on the server only when Pub/Sub can take the filter", () => {
    expect(typeFilter([])).toBeUndefined();
    expect(typeFilter(["a", "a", "b"])).toBe('attributes.ce-type = "a" OR attributes.ce-type = "b"');
    expect(typeFilter(["line\nbreak"])).toBeUndefined();
    const many = Array.from({ length: 8 }, (_, i) => `dev.chainguard.github.event${i}`);
    expect(Buffer.byteLength(typeFilter(many.slice(0, 4)) ?? "x".repeat(999))).toBeLessThanOrEqual(256);
    expect(typeFilter(many)).toBeUndefined(); // over 256 bytes
  });

  it("still tails only the given types when the filter is too long for Pub/Sub", async () => {
    const many = Array.from({ length: 8 }, (_, i) => `dev.chainguard.github.event${i}`);
    const got = collector();
    const tail = await bus.tail({ regions: [R1], types: many }, got.onEvent);
    await bus.publish(R1, event({ type: PUSH }));
    await bus.publish(R1, event({ type: many[7]! }));
    await got.next(1);
    await settle();
    expect(got.events.map((e) => e.event.type)).toEqual([many[7]]);
    await tail.close();
  });

  it("refuses a bad region or broker name before calling Pub/Sub", async () => {
    await expect(bus.publish("../topics/x", event())).rejects.toThrow('"../topics/x" is not a region name');
    expect(() => pubsubEventBus({ projectId: PROJECT, broker: "goog-x" })).toThrow("is not a broker name");
  });

  it("logs a tail subscription deleted under it, and still closes", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    const tail = await bus.tail({ regions: [R1] }, () => {});
    const [subscriptions] = await admin.getSubscriptions();
    const mine = subscriptions.filter((s) => s.name.includes(`/${TAIL_SUBSCRIPTION_PREFIX}`));
    expect(mine).toHaveLength(1);
    await mine[0]!.delete();
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith(expect.stringContaining("NOT_FOUND")));
    await expect(tail.close()).resolves.toBeUndefined();
  });

  it("finds the server through PUBSUB_EMULATOR_HOST", async () => {
    vi.stubEnv("PUBSUB_EMULATOR_HOST", double.endpoint);
    try {
      const fromEnv = pubsubEventBus({ projectId: PROJECT, broker });
      const published = await fromEnv.publish(R1, event());
      await fromEnv.close();
      expect(published.messageId).toMatch(/^\d+$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("is closed after close()", async () => {
    const other = pubsubEventBus({ projectId: PROJECT, broker, apiEndpoint: double.endpoint });
    await other.close();
    await expect(other.publish(R1, event())).rejects.toThrow("the Pub/Sub event bus is closed");
  });
});

describe("the Pub/Sub double", () => {
  let double: PubSubDouble;
  let admin: PubSub;
  let subscriber: v1.SubscriberClient;

  beforeAll(async () => {
    double = await startPubSubDouble();
    double.pullWaitMs = 50;
    admin = new PubSub({ projectId: PROJECT, apiEndpoint: double.endpoint });
    const config = await admin.getClientConfig();
    subscriber = new v1.SubscriberClient({ ...config, port: Number(config.port) });
    await admin.createTopic("events-x");
  });

  afterAll(async () => {
    await subscriber?.close();
    await admin?.close();
    await double?.close();
  });

  it("evaluates the filter syntax as Pub/Sub documents it", () => {
    const a = { "ce-type": "x", "ce-source": "github.com/acme", odd: 'q"\\' };
    const cases: [string, boolean][] = [
      ['attributes.ce-type = "x"', true],
      ['attributes.ce-type="y" OR attributes.ce-type = "x"', true],
      ['attributes.ce-type = "x" AND attributes:missing', false],
      ["NOT attributes:missing", true],
      ['attributes.missing != "x"', true],
      ['attributes.ce-type != "x"', false],
      ['attributes.ce-type != "y"', true],
      ['hasPrefix(attributes.ce-source, "github.com/")', true],
      ['(attributes.ce-type = "y" OR attributes:odd) AND NOT attributes.ce-type = "z"', true],
      ['attributes."odd" = "q\\"\\\\"', true],
      ['attributes.ce-type = "\\x78"', true],
    ];
    for (const [filter, expected] of cases)
      expect([filter, compileFilter(filter)(a)]).toEqual([filter, expected]);
    expect(() => compileFilter('attributes.a = "1" OR attributes.b = "2" AND attributes:c')).toThrow(
      /parentheses/,
    );
    expect(() => compileFilter("attributes.a = b")).toThrow(/string literal/);
  });

  it("refuses a bad filter and out-of-range settings at CreateSubscription", async () => {
    const create = (name: string, options: Record<string, unknown>) =>
      admin.createSubscription("events-x", name, options).catch((e: { code: number }) => e.code);
    expect(
      await create("bad-filter", { filter: 'attributes.a = "1" OR attributes.b = "2" AND attributes:c' }),
    ).toBe(status.INVALID_ARGUMENT);
    expect(await create("short-ttl", { expirationPolicy: { ttl: { seconds: 3600 } } })).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(await create("short-retention", { messageRetentionDuration: 60 })).toBe(status.INVALID_ARGUMENT);
    expect(await create("x", {})).toBe(status.INVALID_ARGUMENT); // names are at least 3 characters
  });

  it("redelivers a nacked message with a new ack id, and drops it once acked", async () => {
    const [subscription] = await admin.createSubscription("events-x", "redeliver");
    await admin.topic("events-x").publishMessage({ data: Buffer.from("m") });
    const pull = async () => (await subscriber.pull({ subscription: subscription.name, maxMessages: 5 }))[0];
    const first = await pull();
    expect(first.receivedMessages).toHaveLength(1);
    expect((await pull()).receivedMessages).toEqual([]); // leased
    const ackId = first.receivedMessages![0]!.ackId!;
    await subscriber.modifyAckDeadline({
      subscription: subscription.name,
      ackIds: [ackId],
      ackDeadlineSeconds: 0,
    });
    const second = await pull();
    expect(second.receivedMessages?.[0]?.message?.messageId).toBe(
      first.receivedMessages![0]!.message!.messageId,
    );
    expect(second.receivedMessages?.[0]?.ackId).not.toBe(ackId);
    await subscriber.acknowledge({
      subscription: subscription.name,
      ackIds: [second.receivedMessages![0]!.ackId!],
    });
    await subscriber.modifyAckDeadline({
      subscription: subscription.name,
      ackIds: [second.receivedMessages![0]!.ackId!],
      ackDeadlineSeconds: 0,
    });
    expect((await pull()).receivedMessages).toEqual([]);
  });
});
