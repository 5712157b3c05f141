import "server-only";
import { randomBytes } from "node:crypto";
import type { Message, Subscription, Topic } from "@google-cloud/pubsub";
import { status } from "@grpc/grpc-js";
import type { BusEvent, EventBus, Tail, TailOptions } from "@/server/integrations/event-bus/event-bus";
import { log } from "@/server/observability/logger";
import { fromPubSubMessage, toPubSubMessage } from "./cloudevent-message";
import { createPubSubClient, type PubSubConfig } from "./client";

export interface PubSubBusOptions extends PubSubConfig {
  /** The broker's name: its topic in a region is `<broker>-<region>` (DOMAIN.md §3.1). */
  broker: string;
  /**
   * Publish the `partitionkey` extension as the ordering key, as the broker ingress does (default
   * true, so a trigger with `enable_message_ordering` sees the portal's events in order like any
   * other). After a failed publish the key is resumed at once, as the ingress does: liveness over
   * order.
   */
  messageOrdering?: boolean;
}

/** Tail subscriptions are `meridian-tail-<region>-<random>`. */
export const TAIL_SUBSCRIPTION_PREFIX = "meridian-tail-";
/** The shortest expiration Pub/Sub allows: a tail a crashed portal leaves behind goes after a day idle. */
export const TAIL_EXPIRATION_SECONDS = 24 * 60 * 60;
/** The shortest retention Pub/Sub allows. */
export const TAIL_RETENTION_SECONDS = 10 * 60;
/** Pub/Sub's limit on a subscription filter. */
export const MAX_FILTER_BYTES = 256;

const REGION = /^[a-z][a-z0-9-]{1,62}$/;
const TOPIC_ID = /^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/;

/** A failed Pub/Sub call, e.g. "Pub/Sub topic projects/p/topics/b-us-east1 (region us-east1) does not exist". */
export class PubSubBusError extends Error {
  constructor(
    message: string,
    /** The gRPC status code, when the error came from Pub/Sub. */
    readonly code?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "PubSubBusError";
  }
}

export function brokerTopicId(broker: string, region: string): string {
  if (!REGION.test(region)) throw new PubSubBusError(`${JSON.stringify(region)} is not a region name`);
  return `${broker}-${region}`;
}

/**
 * The subscription filter for a tail of these event types: `attributes.ce-type = "a" OR
 * attributes.ce-type = "b"`, each value a quoted string literal. Undefined when there are no types
 * or Pub/Sub cannot take the filter (longer than 256 bytes, or a type with control characters);
 * the tail then filters what it receives itself.
 */
export function typeFilter(types: readonly string[]): string | undefined {
  const unique = [...new Set(types)];
  if (unique.length === 0 || unique.some((type) => /[\u0000-\u001f\u007f]/.test(type))) return undefined;
  const filter = unique
    .map((type) => `attributes.ce-type = "${type.replace(/[\\"]/g, (c) => `\\${c}`)}"`)
    .join(" OR ");
  return Buffer.byteLength(filter) <= MAX_FILTER_BYTES ? filter : undefined;
}

/**
 * EventBus on Google Pub/Sub: publishes each event to its region's broker topic, as the ingress
 * would (without stamping `ce-actor`: pass it as the `actor` extension), and tails regions through
 * short-lived pull subscriptions of its own. The topics are the broker's (Terraform creates them);
 * the bus never creates or deletes a topic. One client per bus.
 */
export function pubsubEventBus(options: PubSubBusOptions): EventBus {
  const { broker, projectId } = options;
  if (!TOPIC_ID.test(`${broker}-x`))
    throw new PubSubBusError(`${JSON.stringify(broker)} is not a broker name`);
  const ordering = options.messageOrdering ?? true;
  const pubsub = createPubSubClient(options);
  const topics = new Map<string, Topic>();
  const tails = new Set<Tail>();
  let closed = false;

  const topicPath = (region: string) => `projects/${projectId}/topics/${brokerTopicId(broker, region)}`;
  const assertOpen = () => {
    if (closed) throw new PubSubBusError("the Pub/Sub event bus is closed");
  };

  function topicFor(region: string): Topic {
    let topic = topics.get(region);
    if (!topic) {
      topic = pubsub.topic(topicPath(region), { messageOrdering: ordering });
      topics.set(region, topic);
    }
    return topic;
  }

  async function createTailSubscription(region: string, filter: string | undefined): Promise<Subscription> {
    const name = `${TAIL_SUBSCRIPTION_PREFIX}${region}-${randomBytes(6).toString("hex")}`;
    try {
      const [created] = await pubsub.createSubscription(topicPath(region), name, {
        ...(filter !== undefined && { filter }),
        expirationPolicy: { ttl: { seconds: TAIL_EXPIRATION_SECONDS } },
        messageRetentionDuration: TAIL_RETENTION_SECONDS,
        retainAckedMessages: false,
        ackDeadlineSeconds: 10,
        labels: { "managed-by": "meridian" },
      });
      // One stream is plenty for samples (the client opens five by default).
      return pubsub.subscription(created.name, { streamingOptions: { maxStreams: 1 } });
    } catch (error) {
      throw callError(error, `cannot tail region ${region}`, topicPath(region), region);
    }
  }

  return {
    kind: "pubsub",

    async publish(region, event): Promise<BusEvent> {
      assertOpen();
      const topic = topicFor(region);
      const message = toPubSubMessage(event, { ordering });
      let messageId: string;
      try {
        messageId = await topic.publishMessage(message);
      } catch (error) {
        if (message.orderingKey) topic.resumePublishing(message.orderingKey);
        throw callError(error, "publish failed", topic.name, region);
      }
      // The event as the topic now carries it (and a tail will read it back).
      return { event: fromPubSubMessage(message), region, publishedAt: new Date(), messageId };
    },

    async tail({ regions, types }: TailOptions, onEvent): Promise<Tail> {
      assertOpen();
      const wanted = [...new Set(types ?? [])];
      const filter = typeFilter(wanted);
      // Also checked here: not every server honours filters (the emulator ignores them).
      const accepts = wanted.length === 0 ? () => true : (type: string) => wanted.includes(type);
      const unique = [...new Set(regions)];
      unique.forEach((region) => brokerTopicId(broker, region));

      const created = await Promise.allSettled(
        unique.map((region) => createTailSubscription(region, filter)),
      );
      const subscriptions = created.flatMap((result, i) =>
        result.status === "fulfilled" ? [{ region: unique[i]!, subscription: result.value }] : [],
      );
      const failed = created.find((result) => result.status === "rejected");
      if (failed) {
        await Promise.allSettled(subscriptions.map(({ subscription }) => deleteSubscription(subscription)));
        throw failed.reason;
      }

      let open = true;
      for (const { region, subscription } of subscriptions) {
        subscription.on("message", (message: Message) => {
          message.ack();
          if (!open) return;
          const busEvent = readMessage(message, region, subscription.name);
          if (!busEvent || !accepts(busEvent.event.type)) return;
          try {
            onEvent(busEvent);
          } catch (error) {
            log.error(`Pub/Sub tail ${subscription.name}: onEvent threw`, error);
          }
        });
        subscription.on("error", (error: unknown) => {
          log.error(`Pub/Sub tail ${subscription.name} (${region}): ${describe(error)}`);
        });
      }

      let closing: Promise<void> | undefined;
      const tail: Tail = {
        close() {
          open = false;
          tails.delete(tail);
          closing ??= closeSubscriptions(subscriptions.map((s) => s.subscription));
          return closing;
        },
      };
      tails.add(tail);
      return tail;
    },

    async close() {
      if (closed) return;
      closed = true;
      const results = await Promise.allSettled([...tails].map((tail) => tail.close()));
      await pubsub.close();
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
    },
  };
}

function readMessage(message: Message, region: string, subscription: string): BusEvent | undefined {
  try {
    return {
      event: fromPubSubMessage(message),
      region,
      publishedAt: new Date(message.publishTime.getTime()),
      messageId: message.id,
    };
  } catch (error) {
    log.warn(`Pub/Sub tail ${subscription}: message ${message.id} is not a CloudEvent: ${describe(error)}`);
    return undefined;
  }
}

async function closeSubscriptions(subscriptions: Subscription[]): Promise<void> {
  const results = await Promise.allSettled(
    subscriptions.map(async (subscription) => {
      subscription.removeAllListeners("message");
      await subscription.close();
      await deleteSubscription(subscription);
    }),
  );
  const failures = results.flatMap((result, i) =>
    result.status === "rejected" ? [`${subscriptions[i]!.name}: ${describe(result.reason)}`] : [],
  );
  if (failures.length > 0)
    throw new PubSubBusError(`cannot delete Pub/Sub tail subscriptions: ${failures.join("; ")}`);
}

/** Deletes a tail subscription; one already gone (expired, or deleted by hand) is fine. */
async function deleteSubscription(subscription: Subscription): Promise<void> {
  try {
    await subscription.delete();
  } catch (error) {
    if (codeOf(error) !== status.NOT_FOUND) throw error;
  }
}

function callError(error: unknown, what: string, topic: string, region: string): PubSubBusError {
  const code = codeOf(error);
  if (code === status.NOT_FOUND)
    return new PubSubBusError(`Pub/Sub topic ${topic} (region ${region}) does not exist: ${what}`, code, {
      cause: error,
    });
  return new PubSubBusError(`Pub/Sub topic ${topic} (region ${region}): ${what}: ${describe(error)}`, code, {
    cause: error,
  });
}

function codeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

function describe(error: unknown): string {
  const code = codeOf(error);
  const details = (error as { details?: unknown } | null)?.details;
  const text =
    typeof details === "string" && details ? details : error instanceof Error ? error.message : String(error);
  return code === undefined ? text : `${status[code] ?? code}: ${text}`;
}
