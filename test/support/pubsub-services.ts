// The gRPC handlers of the Pub/Sub double (pubsub-double.ts): the Publisher and Subscriber services
// on its in-memory model, unary calls and the bidirectional StreamingPull, each call recorded first.
import * as grpc from "@grpc/grpc-js";
import type { StreamState, SubState } from "./pubsub-delivery";
import type { PubSubModel } from "./pubsub-model";
import {
  invalid,
  notFound,
  parseName,
  pubsubServices,
  RpcError,
  type I,
  type ISubscription,
  type IStreamingPullRequest,
  type IStreamingPullResponse,
  type ITopic,
} from "./pubsub-protos";

function projectOf(project: string | null | undefined): string {
  const match = /^projects\/([^/]+)$/.exec(project ?? "");
  if (!match) throw invalid(`Invalid [projects] name: (name=${project ?? ""})`);
  return match[1]!;
}

function page<T>(items: T[], pageSize: number | null | undefined, pageToken: string | null | undefined) {
  const offset = pageToken ? Number(pageToken) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid("Invalid page token");
  const size = pageSize && pageSize > 0 ? pageSize : 1000;
  const end = offset + size;
  return { items: items.slice(offset, end), nextPageToken: end < items.length ? String(end) : "" };
}

/**
 * Adds the Publisher and Subscriber services on `model` to `server`. `record` is called with every
 * call (each StreamingPull request message counts as one) and throws to fail it.
 */
export function addPubSubServices(
  server: grpc.Server,
  model: PubSubModel,
  record: (method: string, request: unknown) => void,
) {
  const {
    topics,
    subscriptions,
    subscriptionState,
    createTopic,
    getTopic,
    publish,
    createSubscription,
    deleteSubscription,
    pull,
    pump,
    acknowledge,
    modifyDeadline,
    checkAckIds,
  } = model;

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
}
