// The in-memory topics and subscriptions of the Pub/Sub double (pubsub-double.ts) and what the
// Publisher and Subscriber calls do to them: create, get, delete, publish (with Pub/Sub's limits) and
// pull. Delivery from a subscription is in pubsub-delivery.ts.
import * as grpc from "@grpc/grpc-js";
import { pubsubDelivery, type StoredMessage, type SubState } from "./pubsub-delivery";
import { compileFilter } from "./pubsub-filter";
import {
  invalid,
  notFound,
  parseName,
  RpcError,
  type I,
  type IPubsubMessage,
  type ISubscription,
  type ITopic,
} from "./pubsub-protos";

type IDuration = { seconds?: unknown; nanos?: number | null } | null | undefined;

const DAY = 24 * 60 * 60;
const LIMITS = {
  attributes: 100,
  keyBytes: 256,
  valueBytes: 1024,
  orderingKeyBytes: 1024,
  requestBytes: 10e6,
};

function seconds(duration: IDuration): number | undefined {
  if (!duration) return undefined;
  return Number(duration.seconds ?? 0) + (duration.nanos ?? 0) / 1e9;
}

const duration = (s: number) => ({ seconds: String(Math.floor(s)), nanos: 0 });

/**
 * The double's topics and subscriptions. Deliveries are logged in `double.delivered`; `double.pullWaitMs`
 * is read at each Pull.
 */
export function pubsubModel(double: { delivered: Map<string, IPubsubMessage[]>; pullWaitMs: number }) {
  const topics = new Map<string, ITopic>();
  const subscriptions = new Map<string, SubState>();
  let nextMessageId = 4_000_000_000_000_000;
  const delivery = pubsubDelivery(double);
  const { lease, received, pump } = delivery;

  function subscriptionState(name: string | null | undefined): SubState {
    const { id } = parseName(name, "subscriptions");
    const sub = subscriptions.get(name!);
    if (!sub) throw notFound(id);
    return sub;
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

  return {
    ...delivery,
    topics,
    subscriptions,
    subscriptionState,
    createTopic,
    getTopic,
    publish,
    createSubscription,
    deleteSubscription,
    pull,
  };
}

export type PubSubModel = ReturnType<typeof pubsubModel>;
