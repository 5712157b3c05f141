// A subscription's state in the Pub/Sub double (pubsub-double.ts) and delivery from it: leases with
// ack deadlines, flow control per stream, messages spread over a subscription's streams, redelivery
// when a deadline passes, and the retention.
import type * as grpc from "@grpc/grpc-js";
import {
  invalid,
  type IPubsubMessage,
  type IReceivedMessage,
  type IStreamingPullRequest,
  type IStreamingPullResponse,
  type ISubscription,
} from "./pubsub-protos";

export interface StoredMessage {
  message: IPubsubMessage;
  publishedMs: number;
  bytes: number;
}

export interface Lease {
  ackId: string;
  stored: StoredMessage;
  attempt: number;
  deadline: number;
  stream?: StreamState;
}

export interface StreamState {
  call: grpc.ServerDuplexStream<IStreamingPullRequest, IStreamingPullResponse>;
  ackDeadlineSeconds: number;
  maxMessages: number;
  maxBytes: number;
  leased: number;
  leasedBytes: number;
  open: boolean;
}

export interface SubState {
  subscription: ISubscription;
  matches: (attributes: Record<string, string>) => boolean;
  retentionMs: number;
  backlog: { stored: StoredMessage; attempt: number }[];
  leases: Map<string, Lease>;
  streams: StreamState[];
  pullWaiters: Set<() => void>;
  nextStream: number;
}

/** Leases and delivery for the double's subscriptions; every delivery is logged in `double.delivered`. */
export function pubsubDelivery(double: { delivered: Map<string, IPubsubMessage[]> }) {
  let nextAckId = 1;

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

  return { lease, received, pump, acknowledge, modifyDeadline, checkAckIds };
}
