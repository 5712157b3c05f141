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
//
// The pieces: the protos, errors and resource names (pubsub-protos.ts), topics, subscriptions,
// publish and pull (pubsub-model.ts), leases and delivery (pubsub-delivery.ts), filters
// (pubsub-filter.ts) and the gRPC handlers (pubsub-services.ts); this file starts and closes the server.
import * as grpc from "@grpc/grpc-js";
import { pubsubModel } from "./pubsub-model";
import { RpcError, type IPubsubMessage } from "./pubsub-protos";
import { addPubSubServices } from "./pubsub-services";

export { compileFilter } from "./pubsub-filter";

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

/** Listens on 127.0.0.1:`port` (default: a free port). */
export async function startPubSubDouble({ port = 0 }: { port?: number } = {}): Promise<PubSubDouble> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 20 * 1024 * 1024 });
  const failures = new Map<string, { code: grpc.status; message: string }[]>();

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

  const model = pubsubModel(double);
  const { subscriptions, pump } = model;

  const timer = setInterval(() => subscriptions.forEach(pump), 200);
  timer.unref();

  addPubSubServices(server, model, record);

  double.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  double.endpoint = `127.0.0.1:${double.port}`;
  return double;
}
