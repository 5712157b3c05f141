import "server-only";
import type { CloudEventData } from "@/lib/events/cloudevent";

/** An event as the broker of one region carried it. */
export interface BusEvent {
  event: CloudEventData;
  region: string;
  /** When the bus accepted it. */
  publishedAt: Date;
  /** The bus's own id: the embedded log's sequence number, or the Pub/Sub message id. */
  messageId: string;
  /** Embedded log only: a replayed event aimed at one trigger carries its id (only it receives it). */
  targetTriggerId?: string;
}

export interface TailOptions {
  /** Regions whose broker topics to watch. */
  regions: string[];
  /** Only events of these types (empty or absent: every type). */
  types?: string[];
}

/** A live subscription; `close()` stops delivery and releases what it holds (e.g. a Pub/Sub subscription). */
export interface Tail {
  close(): Promise<void>;
}

/**
 * The broker: one topic per region (`<broker>-<region>` on Pub/Sub, DOMAIN.md §3.1). Publishing
 * never loses an acknowledged event; a tail sees events published by any portal process (or, on
 * Pub/Sub, by anyone) after it started.
 */
export interface EventBus {
  readonly kind: "embedded" | "pubsub";
  publish(region: string, event: CloudEventData): Promise<BusEvent>;
  tail(options: TailOptions, onEvent: (event: BusEvent) => void): Promise<Tail>;
  close(): Promise<void>;
}
