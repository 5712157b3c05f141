// A local Pub/Sub on the protos shipped in @google-cloud/pubsub, for the real client (plain-text
// gRPC, no auth), in memory. It implements what the client library calls for topics, pull
// subscriptions and the streaming subscriber, with the service's semantics where a test could
// notice them:
// - Publisher: CreateTopic, GetTopic, ListTopics, ListTopicSubscriptions, DeleteTopic, Publish
//   (message ids, publish times, Pub/Sub's per-message limits, NOT_FOUND for a missing topic).
// - Subscriber: CreateSubscription (name rules, the ack-deadline / retention / expiration bounds,
//   and `filter`), GetSubscription, ListSubscriptions, DeleteSubscription (open streams end with
//   NOT_FOUND), Pull, StreamingPull (bidi: the first request names the subscription, later ones ack,
//   modify deadlines and keep alive; flow control by max outstanding messages / bytes; messages
//   spread over a subscription's streams), Acknowledge, ModifyAckDeadline (0 = nack).
// - A subscription receives what is published after it was created and matches its filter.
//   Unacked messages are redelivered (with a new ack id) when their deadline passes; messages older
//   than the retention are dropped.
// - Filters: the whole attribute syntax of https://cloud.google.com/pubsub/docs/subscription-message-filter
//   (`attributes.k = "v"`, `!=`, `attributes:k`, `hasPrefix(attributes.k, "p")`, NOT, AND, OR,
//   parentheses; AND and OR may not be mixed without parentheses; quoted keys; string escapes).
// Not implemented (UNIMPLEMENTED, or refused at CreateSubscription): push, BigQuery and Cloud
// Storage subscriptions, dead lettering, exactly-once delivery, snapshots, seek, schemas, updates.
// Subscriptions never expire here (the shortest TTL is a day), and ordering keys are carried but
// delivery is simply in publish order.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { protos } from "@google-cloud/pubsub";
import path from "node:path";
import { packageRoot } from "./package-root";

/** A google.pubsub.v1 message as a plain object, e.g. I<"Topic"> is ITopic. */
type I<K extends keyof Interfaces> = Interfaces[K];
interface Interfaces {
  Topic: protos.google.pubsub.v1.ITopic;
  Subscription: protos.google.pubsub.v1.ISubscription;
  PubsubMessage: protos.google.pubsub.v1.IPubsubMessage;
  StreamingPullRequest: protos.google.pubsub.v1.IStreamingPullRequest;
  StreamingPullResponse: protos.google.pubsub.v1.IStreamingPullResponse;
  ReceivedMessage: protos.google.pubsub.v1.IReceivedMessage;
  PublishRequest: protos.google.pubsub.v1.IPublishRequest;
  PullRequest: protos.google.pubsub.v1.IPullRequest;
  GetTopicRequest: protos.google.pubsub.v1.IGetTopicRequest;
  ListTopicsRequest: protos.google.pubsub.v1.IListTopicsRequest;
  ListTopicSubscriptionsRequest: protos.google.pubsub.v1.IListTopicSubscriptionsRequest;
  DeleteTopicRequest: protos.google.pubsub.v1.IDeleteTopicRequest;
  GetSubscriptionRequest: protos.google.pubsub.v1.IGetSubscriptionRequest;
  ListSubscriptionsRequest: protos.google.pubsub.v1.IListSubscriptionsRequest;
  DeleteSubscriptionRequest: protos.google.pubsub.v1.IDeleteSubscriptionRequest;
  AcknowledgeRequest: protos.google.pubsub.v1.IAcknowledgeRequest;
  ModifyAckDeadlineRequest: protos.google.pubsub.v1.IModifyAckDeadlineRequest;
}
type ITopic = I<"Topic">;
type ISubscription = I<"Subscription">;
type IPubsubMessage = I<"PubsubMessage">;
type IStreamingPullRequest = I<"StreamingPullRequest">;
type IStreamingPullResponse = I<"StreamingPullResponse">;
type IReceivedMessage = I<"ReceivedMessage">;
type IDuration = { seconds?: unknown; nanos?: number | null } | null | undefined;

export interface PubSubDouble {
  port: number;
  /** "127.0.0.1:<port>", for `new PubSub({ apiEndpoint })` or PUBSUB_EMULATOR_HOST. */
  endpoint: string;
  /** Every call (each StreamingPull request message counts as one), decoded as the client's protos decode. */
  calls: { method: string; request: unknown }[];
  /** The next call of this method (e.g. "Publish") fails with this status; failures queue up. */
  failNext(method: string, code: grpc.status, message: string): void;
  /** Messages each subscription has been handed (every delivery, redeliveries included), by subscription name. */
  delivered: Map<string, IPubsubMessage[]>;
  /** How long a Pull without messages waits for one, in ms (the service waits for a while). */
  pullWaitMs: number;
  close(): Promise<void>;
}

let services: { publisher: grpc.ServiceDefinition; subscriber: grpc.ServiceDefinition } | undefined;

function pubsubServices() {
  if (services) return services;
  const definition = protoLoader.loadSync("google/pubsub/v1/pubsub.proto", {
    includeDirs: [
      path.join(packageRoot("@google-cloud/pubsub"), "build/protos"),
      path.join(packageRoot("google-gax"), "build/protos"),
    ],
    // The options google-gax loads with, so requests decode as the client encodes them.
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    google: {
      pubsub: { v1: { Publisher: grpc.ServiceClientConstructor; Subscriber: grpc.ServiceClientConstructor } };
    };
  };
  services = {
    publisher: loaded.google.pubsub.v1.Publisher.service,
    subscriber: loaded.google.pubsub.v1.Subscriber.service,
  };
  return services;
}

class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(details);
  }
}

const invalid = (details: string) => new RpcError(grpc.status.INVALID_ARGUMENT, details);
const notFound = (id: string) => new RpcError(grpc.status.NOT_FOUND, `Resource not found (resource=${id}).`);

const RESOURCE_ID = /^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/;
const DAY = 24 * 60 * 60;
const LIMITS = {
  attributes: 100,
  keyBytes: 256,
  valueBytes: 1024,
  orderingKeyBytes: 1024,
  requestBytes: 10e6,
};

function parseName(name: string | null | undefined, kind: "topics" | "subscriptions") {
  const match = new RegExp(`^projects/([^/]+)/${kind}/([^/]+)$`).exec(name ?? "");
  if (!match || !RESOURCE_ID.test(match[2]!)) throw invalid(`Invalid [${kind}] name: (name=${name ?? ""})`);
  return { project: match[1]!, id: match[2]! };
}

function projectOf(project: string | null | undefined): string {
  const match = /^projects\/([^/]+)$/.exec(project ?? "");
  if (!match) throw invalid(`Invalid [projects] name: (name=${project ?? ""})`);
  return match[1]!;
}

function seconds(duration: IDuration): number | undefined {
  if (!duration) return undefined;
  return Number(duration.seconds ?? 0) + (duration.nanos ?? 0) / 1e9;
}

const duration = (s: number) => ({ seconds: String(Math.floor(s)), nanos: 0 });

function page<T>(items: T[], pageSize: number | null | undefined, pageToken: string | null | undefined) {
  const offset = pageToken ? Number(pageToken) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid("Invalid page token");
  const size = pageSize && pageSize > 0 ? pageSize : 1000;
  const end = offset + size;
  return { items: items.slice(offset, end), nextPageToken: end < items.length ? String(end) : "" };
}

interface StoredMessage {
  message: IPubsubMessage;
  publishedMs: number;
  bytes: number;
}

interface Lease {
  ackId: string;
  stored: StoredMessage;
  attempt: number;
  deadline: number;
  stream?: StreamState;
}

interface StreamState {
  call: grpc.ServerDuplexStream<IStreamingPullRequest, IStreamingPullResponse>;
  ackDeadlineSeconds: number;
  maxMessages: number;
  maxBytes: number;
  leased: number;
  leasedBytes: number;
  open: boolean;
}

interface SubState {
  subscription: ISubscription;
  matches: (attributes: Record<string, string>) => boolean;
  retentionMs: number;
  backlog: { stored: StoredMessage; attempt: number }[];
  leases: Map<string, Lease>;
  streams: StreamState[];
  pullWaiters: Set<() => void>;
  nextStream: number;
}

/** Listens on 127.0.0.1:`port` (default: a free port). */
export async function startPubSubDouble({ port = 0 }: { port?: number } = {}): Promise<PubSubDouble> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 20 * 1024 * 1024 });
  const topics = new Map<string, ITopic>();
  const subscriptions = new Map<string, SubState>();
  const failures = new Map<string, { code: grpc.status; message: string }[]>();
  let nextMessageId = 4_000_000_000_000_000;
  let nextAckId = 1;

  const double: PubSubDouble = {
    port: 0,
    endpoint: "",
    calls: [],
    failNext(method, code, message) {
      failures.set(method, [...(failures.get(method) ?? []), { code, message }]);
    },
    delivered: new Map(),
    pullWaitMs: 500,
    close: async () => {
      clearInterval(timer);
      for (const sub of subscriptions.values()) for (const wake of sub.pullWaiters) wake();
      server.forceShutdown();
    },
  };

  function record(method: string, request: unknown) {
    double.calls.push({ method, request });
    const failure = failures.get(method)?.shift();
    if (failure) throw new RpcError(failure.code, failure.message);
  }

  function subscriptionState(name: string | null | undefined): SubState {
    const { id } = parseName(name, "subscriptions");
    const sub = subscriptions.get(name!);
    if (!sub) throw notFound(id);
    return sub;
  }

  // --- delivery ---

  function release(sub: SubState, lease: Lease) {
    sub.leases.delete(lease.ackId);
    if (lease.stream) {
      lease.stream.leased--;
      lease.stream.leasedBytes -= lease.stored.bytes;
    }
  }

  function hasRoom(stream: StreamState) {
    return (
      stream.open &&
      (stream.maxMessages <= 0 || stream.leased < stream.maxMessages) &&
      (stream.maxBytes <= 0 || stream.leasedBytes < stream.maxBytes)
    );
  }

  function lease(sub: SubState, item: { stored: StoredMessage; attempt: number }, deadlineSeconds: number) {
    const entry: Lease = {
      ackId: `ack-${nextAckId++}`,
      stored: item.stored,
      attempt: item.attempt,
      deadline: Date.now() + deadlineSeconds * 1000,
    };
    sub.leases.set(entry.ackId, entry);
    const name = sub.subscription.name!;
    double.delivered.set(name, [...(double.delivered.get(name) ?? []), item.stored.message]);
    return entry;
  }

  const received = (entry: Lease): IReceivedMessage => ({
    ackId: entry.ackId,
    message: entry.stored.message,
    deliveryAttempt: 0, // only set with a dead-letter policy
  });

  function pump(sub: SubState) {
    const now = Date.now();
    const expired = [...sub.leases.values()].filter((entry) => entry.deadline <= now);
    for (const entry of expired) release(sub, entry);
    sub.backlog.unshift(...expired.map((entry) => ({ stored: entry.stored, attempt: entry.attempt + 1 })));
    sub.backlog = sub.backlog.filter((item) => now - item.stored.publishedMs < sub.retentionMs);

    while (sub.backlog.length > 0) {
      const ready = sub.streams.filter(hasRoom);
      if (ready.length === 0) break;
      const stream = ready[sub.nextStream++ % ready.length]!;
      const batch: Lease[] = [];
      while (sub.backlog.length > 0 && hasRoom(stream) && batch.length < 1000) {
        const entry = lease(sub, sub.backlog.shift()!, stream.ackDeadlineSeconds);
        entry.stream = stream;
        stream.leased++;
        stream.leasedBytes += entry.stored.bytes;
        batch.push(entry);
      }
      stream.call.write({
        receivedMessages: batch.map(received),
        subscriptionProperties: {
          exactlyOnceDeliveryEnabled: false,
          messageOrderingEnabled: sub.subscription.enableMessageOrdering ?? false,
        },
      });
    }
    if (sub.backlog.length > 0) for (const wake of sub.pullWaiters) wake();
  }

  const timer = setInterval(() => subscriptions.forEach(pump), 200);
  timer.unref();

  function acknowledge(sub: SubState, ackIds: string[]) {
    for (const ackId of ackIds) {
      const entry = sub.leases.get(ackId);
      if (entry) release(sub, entry);
    }
  }

  function modifyDeadline(sub: SubState, ackIds: string[], deadlineSeconds: number) {
    if (!Number.isInteger(deadlineSeconds) || deadlineSeconds < 0 || deadlineSeconds > 600)
      throw invalid(`Invalid ack deadline given: ${deadlineSeconds} (must be between 0 and 600 seconds)`);
    for (const ackId of ackIds) {
      const entry = sub.leases.get(ackId);
      if (entry) entry.deadline = Date.now() + deadlineSeconds * 1000;
    }
    if (deadlineSeconds === 0) pump(sub);
  }

  function checkAckIds(ackIds: string[]) {
    if (ackIds.length === 0) throw invalid("No ack ids specified.");
    const bad = ackIds.find((ackId) => !/^ack-\d+$/.test(ackId));
    if (bad !== undefined) throw invalid(`Invalid ack id (ack_id=${bad})`);
  }

  // --- publisher ---

  function createTopic(request: ITopic): ITopic {
    const { id } = parseName(request.name, "topics");
    if (topics.has(request.name!))
      throw new RpcError(
        grpc.status.ALREADY_EXISTS,
        `Resource already exists in the project (resource=${id}).`,
      );
    const topic: ITopic = {
      name: request.name!,
      labels: request.labels ?? {},
      messageStoragePolicy: request.messageStoragePolicy ?? null,
      kmsKeyName: request.kmsKeyName ?? "",
      messageRetentionDuration: request.messageRetentionDuration ?? null,
      state: "ACTIVE" as unknown as ITopic["state"],
    };
    topics.set(topic.name!, topic);
    return topic;
  }

  function getTopic(name: string | null | undefined): ITopic {
    const { id } = parseName(name, "topics");
    const topic = topics.get(name!);
    if (!topic) throw notFound(id);
    return topic;
  }

  function publish(request: I<"PublishRequest">) {
    const topic = getTopic(request.topic);
    const messages = request.messages ?? [];
    if (messages.length === 0) throw invalid("The request must contain at least one message.");
    let total = 0;
    for (const message of messages) {
      const attributes = Object.entries(message.attributes ?? {});
      if ((message.data?.length ?? 0) === 0 && attributes.length === 0)
        throw invalid(
          "Some messages in the publish request are empty. Each message must contain data or attributes.",
        );
      if (attributes.length > LIMITS.attributes)
        throw invalid(`A message may have at most ${LIMITS.attributes} attributes.`);
      for (const [key, value] of attributes) {
        if (key.length === 0 || Buffer.byteLength(key) > LIMITS.keyBytes)
          throw invalid(`Attribute key "${key.slice(0, 32)}" must be 1 to ${LIMITS.keyBytes} bytes.`);
        if (key.startsWith("goog")) throw invalid(`Attribute key "${key}" is reserved.`);
        if (Buffer.byteLength(value) > LIMITS.valueBytes)
          throw invalid(`Attribute "${key}" has a value longer than ${LIMITS.valueBytes} bytes.`);
      }
      if (Buffer.byteLength(message.orderingKey ?? "") > LIMITS.orderingKeyBytes)
        throw invalid(`An ordering key must be at most ${LIMITS.orderingKeyBytes} bytes.`);
      total += (message.data?.length ?? 0) + attributes.reduce((n, [k, v]) => n + k.length + v.length, 0);
    }
    if (total > LIMITS.requestBytes) throw invalid("The publish request is larger than 10 MB.");

    const now = Date.now();
    const publishTime = { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1e6 };
    const messageIds: string[] = [];
    for (const message of messages) {
      const stored: StoredMessage = {
        message: {
          data: Buffer.from(message.data ?? []),
          attributes: { ...message.attributes },
          messageId: String(nextMessageId++),
          publishTime,
          orderingKey: message.orderingKey ?? "",
        },
        publishedMs: now,
        bytes: message.data?.length ?? 0,
      };
      messageIds.push(stored.message.messageId!);
      for (const sub of subscriptions.values()) {
        if (sub.subscription.topic !== topic.name || sub.subscription.detached) continue;
        // A message the filter rejects is acknowledged at once: it is never delivered.
        if (sub.matches(stored.message.attributes ?? {})) sub.backlog.push({ stored, attempt: 1 });
      }
    }
    for (const sub of subscriptions.values()) if (sub.subscription.topic === topic.name) pump(sub);
    return { messageIds };
  }

  // --- subscriber ---

  function createSubscription(request: ISubscription): ISubscription {
    const { id } = parseName(request.name, "subscriptions");
    parseName(request.topic, "topics");
    if (subscriptions.has(request.name!))
      throw new RpcError(
        grpc.status.ALREADY_EXISTS,
        `Resource already exists in the project (resource=${id}).`,
      );
    if (!topics.has(request.topic!)) throw notFound(parseName(request.topic, "topics").id);
    if (request.pushConfig?.pushEndpoint || request.bigqueryConfig || request.cloudStorageConfig)
      throw new RpcError(grpc.status.UNIMPLEMENTED, "The double has pull subscriptions only.");
    if (request.deadLetterPolicy || request.enableExactlyOnceDelivery)
      throw new RpcError(
        grpc.status.UNIMPLEMENTED,
        "The double has no dead lettering or exactly-once delivery.",
      );

    const ackDeadlineSeconds = request.ackDeadlineSeconds || 10;
    if (ackDeadlineSeconds < 10 || ackDeadlineSeconds > 600)
      throw invalid("The ack deadline must be between 10 and 600 seconds.");
    const retention = seconds(request.messageRetentionDuration) ?? 7 * DAY;
    if (retention < 600 || retention > 31 * DAY)
      throw invalid("message_retention_duration must be between 10 minutes and 31 days.");
    let expirationPolicy = request.expirationPolicy ?? { ttl: duration(31 * DAY) };
    const ttl = seconds(expirationPolicy.ttl);
    if (ttl === undefined || ttl === 0)
      expirationPolicy = { ttl: null }; // never expires
    else if (ttl < DAY || ttl > 31 * DAY || ttl < retention)
      throw invalid("expiration_policy.ttl must be between 1 day and 31 days, and at least the retention.");
    const filter = request.filter ?? "";
    if (Buffer.byteLength(filter) > 256) throw invalid("The filter is longer than 256 bytes.");
    let matches: SubState["matches"];
    try {
      matches = filter ? compileFilter(filter) : () => true;
    } catch (error) {
      throw invalid(`Invalid filter: ${(error as Error).message}`);
    }

    const subscription: ISubscription = {
      name: request.name!,
      topic: request.topic!,
      pushConfig: { pushEndpoint: "", attributes: {} },
      ackDeadlineSeconds,
      retainAckedMessages: request.retainAckedMessages ?? false,
      messageRetentionDuration: duration(retention),
      labels: request.labels ?? {},
      enableMessageOrdering: request.enableMessageOrdering ?? false,
      expirationPolicy,
      filter,
      detached: false,
      enableExactlyOnceDelivery: false,
      state: "ACTIVE" as unknown as ISubscription["state"],
    };
    subscriptions.set(subscription.name!, {
      subscription,
      matches,
      retentionMs: retention * 1000,
      backlog: [],
      leases: new Map(),
      streams: [],
      pullWaiters: new Set(),
      nextStream: 0,
    });
    return subscription;
  }

  function deleteSubscription(name: string | null | undefined) {
    const sub = subscriptionState(name);
    subscriptions.delete(name!);
    for (const stream of sub.streams) {
      stream.open = false;
      stream.call.emit("error", notFound(parseName(name, "subscriptions").id));
    }
    sub.streams = [];
    for (const wake of sub.pullWaiters) wake();
    return {};
  }

  async function pull(request: I<"PullRequest">) {
    const sub = subscriptionState(request.subscription);
    const max = request.maxMessages ?? 0;
    if (max <= 0) throw invalid("max_messages must be positive.");
    pump(sub);
    if (sub.backlog.length === 0 && !request.returnImmediately && double.pullWaitMs > 0) {
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(done, double.pullWaitMs);
        function done() {
          clearTimeout(timeout);
          sub.pullWaiters.delete(done);
          resolve();
        }
        sub.pullWaiters.add(done);
      });
      if (!subscriptions.has(sub.subscription.name!))
        throw notFound(parseName(request.subscription, "subscriptions").id);
    }
    const batch = sub.backlog
      .splice(0, max)
      .map((item) => lease(sub, item, sub.subscription.ackDeadlineSeconds!));
    return { receivedMessages: batch.map(received) };
  }

  function unary<Req, Res>(
    method: string,
    fn: (request: Req) => Res | Promise<Res>,
  ): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      Promise.resolve()
        .then(() => {
          record(method, call.request);
          return fn(call.request);
        })
        .then(
          (response) => callback(null, response),
          (error: unknown) =>
            callback(
              error instanceof RpcError
                ? { code: error.code, details: error.details }
                : { code: grpc.status.INTERNAL, details: String(error) },
            ),
        );
    };
  }

  const streamingPull: grpc.handleBidiStreamingCall<IStreamingPullRequest, IStreamingPullResponse> = (
    call,
  ) => {
    let state: StreamState | undefined;
    let sub: SubState | undefined;
    const detach = () => {
      if (!state) return;
      state.open = false;
      if (sub) sub.streams = sub.streams.filter((stream) => stream !== state);
    };
    call.on("data", (request: IStreamingPullRequest) => {
      try {
        record("StreamingPull", request);
        if (!state) {
          if (!request.subscription) throw invalid("The first request must name the subscription.");
          sub = subscriptionState(request.subscription);
          const deadline = request.streamAckDeadlineSeconds ?? 0;
          if (deadline < 10 || deadline > 600)
            throw invalid(`Invalid stream_ack_deadline_seconds: ${deadline} (must be between 10 and 600).`);
          state = {
            call,
            ackDeadlineSeconds: deadline,
            maxMessages: Number(request.maxOutstandingMessages ?? 0),
            maxBytes: Number(request.maxOutstandingBytes ?? 0),
            leased: 0,
            leasedBytes: 0,
            open: true,
          };
          sub.streams.push(state);
        } else if (request.subscription && request.subscription !== sub!.subscription.name) {
          throw invalid("A stream serves one subscription.");
        } else if (request.streamAckDeadlineSeconds) {
          if (request.streamAckDeadlineSeconds < 10 || request.streamAckDeadlineSeconds > 600)
            throw invalid("Invalid stream_ack_deadline_seconds.");
          state.ackDeadlineSeconds = request.streamAckDeadlineSeconds;
        }
        if (!subscriptions.has(sub!.subscription.name!))
          throw notFound(parseName(sub!.subscription.name, "subscriptions").id);
        const modifyIds = request.modifyDeadlineAckIds ?? [];
        const modifySeconds = request.modifyDeadlineSeconds ?? [];
        if (modifyIds.length !== modifySeconds.length)
          throw invalid("modify_deadline_seconds and modify_deadline_ack_ids must be the same length.");
        acknowledge(sub!, request.ackIds ?? []);
        modifyIds.forEach((ackId, i) => modifyDeadline(sub!, [ackId], modifySeconds[i]!));
        pump(sub!);
      } catch (error) {
        detach();
        call.emit(
          "error",
          error instanceof RpcError ? error : new RpcError(grpc.status.INTERNAL, String(error)),
        );
      }
    });
    call.on("end", () => {
      detach();
      call.end();
    });
    call.on("cancelled", detach);
    call.on("error", detach);
  };

  const { publisher, subscriber } = pubsubServices();
  server.addService(publisher, {
    createTopic: unary<ITopic, ITopic>("CreateTopic", createTopic),
    getTopic: unary<I<"GetTopicRequest">, ITopic>("GetTopic", (request) => getTopic(request.topic)),
    listTopics: unary<I<"ListTopicsRequest">, unknown>("ListTopics", (request) => {
      const project = projectOf(request.project);
      const all = [...topics.values()].filter((topic) => parseName(topic.name, "topics").project === project);
      const { items, nextPageToken } = page(all, request.pageSize, request.pageToken);
      return { topics: items, nextPageToken };
    }),
    listTopicSubscriptions: unary<I<"ListTopicSubscriptionsRequest">, unknown>(
      "ListTopicSubscriptions",
      (request) => {
        const topic = getTopic(request.topic);
        const all = [...subscriptions.values()]
          .filter((sub) => sub.subscription.topic === topic.name)
          .map((sub) => sub.subscription.name!);
        const { items, nextPageToken } = page(all, request.pageSize, request.pageToken);
        return { subscriptions: items, nextPageToken };
      },
    ),
    deleteTopic: unary<I<"DeleteTopicRequest">, unknown>("DeleteTopic", (request) => {
      const topic = getTopic(request.topic);
      topics.delete(topic.name!);
      for (const sub of subscriptions.values())
        if (sub.subscription.topic === topic.name) sub.subscription.topic = "_deleted-topic_";
      return {};
    }),
    publish: unary<I<"PublishRequest">, unknown>("Publish", publish),
  });
  server.addService(subscriber, {
    createSubscription: unary<ISubscription, ISubscription>("CreateSubscription", createSubscription),
    getSubscription: unary<I<"GetSubscriptionRequest">, ISubscription>(
      "GetSubscription",
      (request) => subscriptionState(request.subscription).subscription,
    ),
    listSubscriptions: unary<I<"ListSubscriptionsRequest">, unknown>("ListSubscriptions", (request) => {
      const project = projectOf(request.project);
      const all = [...subscriptions.values()]
        .map((sub) => sub.subscription)
        .filter((subscription) => parseName(subscription.name, "subscriptions").project === project);
      const { items, nextPageToken } = page(all, request.pageSize, request.pageToken);
      return { subscriptions: items, nextPageToken };
    }),
    deleteSubscription: unary<I<"DeleteSubscriptionRequest">, unknown>("DeleteSubscription", (request) =>
      deleteSubscription(request.subscription),
    ),
    pull: unary<I<"PullRequest">, unknown>("Pull", pull),
    acknowledge: unary<I<"AcknowledgeRequest">, unknown>("Acknowledge", (request) => {
      const sub = subscriptionState(request.subscription);
      checkAckIds(request.ackIds ?? []);
      acknowledge(sub, request.ackIds ?? []);
      return {};
    }),
    modifyAckDeadline: unary<I<"ModifyAckDeadlineRequest">, unknown>("ModifyAckDeadline", (request) => {
      const sub = subscriptionState(request.subscription);
      checkAckIds(request.ackIds ?? []);
      modifyDeadline(sub, request.ackIds ?? [], request.ackDeadlineSeconds ?? 0);
      return {};
    }),
    streamingPull,
  });

  double.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  double.endpoint = `127.0.0.1:${double.port}`;
  return double;
}

// --- filters ---

type Attributes = Record<string, string>;
type Predicate = (attributes: Attributes) => boolean;
type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; text: string }
  | { kind: "op"; text: "." | ":" | "=" | "!=" | "(" | ")" | "," };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (filter.startsWith("!=", i)) {
      tokens.push({ kind: "op", text: "!=" });
      i += 2;
    } else if (".:=(),".includes(c)) {
      tokens.push({ kind: "op", text: c as "." });
      i++;
    } else if (c === '"' || c === "'") {
      const [text, end] = readString(filter, i);
      tokens.push({ kind: "string", text });
      i = end;
    } else if (/[A-Za-z0-9_-]/.test(c)) {
      const start = i;
      while (i < filter.length && /[A-Za-z0-9_-]/.test(filter[i]!)) i++;
      tokens.push({ kind: "word", text: filter.slice(start, i) });
    } else {
      throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
    }
  }
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
  "`": "`",
  "?": "?",
};

/** A string literal from `start` (its opening quote): its value and the index after it. */
function readString(filter: string, start: number): [string, number] {
  const quote = filter[start];
  let out = "";
  let i = start + 1;
  while (i < filter.length) {
    const c = filter[i]!;
    if (c === quote) return [out, i + 1];
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = filter[i + 1] ?? "";
    const hex = (length: number) => {
      const digits = filter.slice(i + 2, i + 2 + length);
      if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(digits)) throw new Error(`bad escape at ${i}`);
      out += String.fromCodePoint(parseInt(digits, 16));
      i += 2 + length;
    };
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === "x" || e === "X") hex(2);
    else if (e === "u") hex(4);
    else if (e === "U") hex(8);
    else if (/[0-7]/.test(e)) {
      const digits = filter.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) throw new Error(`bad octal escape at ${i}`);
      out += String.fromCharCode(parseInt(digits, 8));
      i += 4;
    } else throw new Error(`bad escape at ${i}`);
  }
  throw new Error("unterminated string literal");
}

/** Compiles a subscription filter to a predicate on a message's attributes; throws on bad syntax. */
export function compileFilter(filter: string): Predicate {
  const tokens = tokenize(filter);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (text: string) => peek()?.kind === "word" && peek()?.text === text;
  const expectOp = (text: string) => {
    const token = tokens[at++];
    if (token?.kind !== "op" || token.text !== text) throw new Error(`expected ${text}`);
  };
  const stringLiteral = () => {
    const token = tokens[at++];
    if (token?.kind !== "string") throw new Error("expected a string literal");
    return token.text;
  };
  const key = () => {
    const token = tokens[at++];
    if (token?.kind === "word" || token?.kind === "string") return token.text;
    throw new Error("expected an attribute key");
  };

  function expression(): Predicate {
    const terms = [term()];
    let joiner: "AND" | "OR" | undefined;
    while (isWord("AND") || isWord("OR")) {
      const word = tokens[at++]!.text as "AND" | "OR";
      if (joiner && joiner !== word) throw new Error("AND and OR must be grouped with parentheses");
      joiner = word;
      terms.push(term());
    }
    if (joiner === "OR") return (a) => terms.some((t) => t(a));
    return (a) => terms.every((t) => t(a));
  }

  function term(): Predicate {
    if (isWord("NOT")) {
      at++;
      const inner = term();
      return (a) => !inner(a);
    }
    const token = peek();
    if (token?.kind === "op" && token.text === "(") {
      at++;
      const inner = expression();
      expectOp(")");
      return inner;
    }
    if (isWord("hasPrefix")) {
      at++;
      expectOp("(");
      attributesWord();
      expectOp(".");
      const k = key();
      expectOp(",");
      const prefix = stringLiteral();
      expectOp(")");
      return (a) => a[k] !== undefined && a[k].startsWith(prefix);
    }
    attributesWord();
    const op = tokens[at++];
    if (op?.kind === "op" && op.text === ":") {
      const k = key();
      return (a) => Object.hasOwn(a, k);
    }
    if (op?.kind !== "op" || op.text !== ".") throw new Error("expected attributes.KEY or attributes:KEY");
    const k = key();
    const comparison = tokens[at++];
    if (comparison?.kind !== "op" || (comparison.text !== "=" && comparison.text !== "!="))
      throw new Error("expected = or !=");
    const value = stringLiteral();
    if (comparison.text === "=") return (a) => a[k] === value;
    // "Messages without the key and the value" (the filter docs): a message without the key matches.
    return (a) => a[k] !== value;
  }

  function attributesWord() {
    if (!isWord("attributes")) throw new Error("expected attributes");
    at++;
  }

  const predicate = expression();
  if (at !== tokens.length) throw new Error("unexpected input after the expression");
  return predicate;
}
