// The google.pubsub.v1 protos the Pub/Sub double (pubsub-double.ts) serves: the Publisher and
// Subscriber service definitions, loaded as the client library loads them, the message types as plain
// objects, and what its handlers share: status errors and resource names.
import * as grpc from "@grpc/grpc-js";
import type { protos } from "@google-cloud/pubsub";
import { loadGoogleProtos } from "./google-protos";

/** A google.pubsub.v1 message as a plain object, e.g. I<"Topic"> is ITopic. */
export type I<K extends keyof Interfaces> = Interfaces[K];
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
export type ITopic = I<"Topic">;
export type ISubscription = I<"Subscription">;
export type IPubsubMessage = I<"PubsubMessage">;
export type IStreamingPullRequest = I<"StreamingPullRequest">;
export type IStreamingPullResponse = I<"StreamingPullResponse">;
export type IReceivedMessage = I<"ReceivedMessage">;

let services: { publisher: grpc.ServiceDefinition; subscriber: grpc.ServiceDefinition } | undefined;

export function pubsubServices() {
  if (services) return services;
  const loaded = loadGoogleProtos("@google-cloud/pubsub", "google/pubsub/v1/pubsub.proto") as unknown as {
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

export class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(details);
  }
}

export const invalid = (details: string) => new RpcError(grpc.status.INVALID_ARGUMENT, details);
export const notFound = (id: string) =>
  new RpcError(grpc.status.NOT_FOUND, `Resource not found (resource=${id}).`);

const RESOURCE_ID = /^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/;

export function parseName(name: string | null | undefined, kind: "topics" | "subscriptions") {
  const match = new RegExp(`^projects/([^/]+)/${kind}/([^/]+)$`).exec(name ?? "");
  if (!match || !RESOURCE_ID.test(match[2]!)) throw invalid(`Invalid [${kind}] name: (name=${name ?? ""})`);
  return { project: match[1]!, id: match[2]! };
}
